// SPDX-License-Identifier: GPL-3.0-or-later
// Stripe's answers, hostile or broken: a body as `GET /v1/events` returns it (or a single
// event) through the interpretation the pull applies to each event, payments, refunds,
// disputes, Stripe-side credit notes and out-of-band payments among them. Beyond "no crash, no
// sanitizer report" it checks what the pull relies on: an event it acts on has a kind and is
// of a type the pull asks for (types[]), its amount is never negative, the invoice it concerns
// is the object itself for invoice events, a dispute names its state, and a credit note Orb
// made itself (metadata orb_payment_id / orb_credit_note_id) is never taken as Stripe's.
#include "models/sync/PaymentSink.h"
#include "sync/StripeEventPull.h"
#include "sync/StripeSync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(const QJsonObject &event)
{
    const auto p = orb::StripeSync::paymentFromEvent(event);
    if (!p)
        return;
    if (p->kind.isEmpty()) {
        std::fprintf(stderr, "an event was taken without a kind\n");
        std::abort();
    }
    const QString type = event.value(QLatin1String("type")).toString();
    if (type.startsWith(QLatin1String("invoice.")) && p->stripeInvoiceId != p->stripeObjectId) {
        std::fprintf(stderr, "an invoice event names another invoice\n");
        std::abort();
    }
    if (!orb::StripeEventPull::handledTypes().contains(type) && type != QLatin1String("invoice.payment_succeeded")) {
        std::fprintf(stderr, "acted on an event type the pull does not ask for\n");
        std::abort();
    }
    if (p->amountMinor < 0) {
        std::fprintf(stderr, "a negative amount was taken\n");
        std::abort();
    }
    if (p->kind.startsWith(QLatin1String("dispute"))
        && p->chargeId != event.value(QLatin1String("data")).toObject().value(QLatin1String("object")).toObject().value(QLatin1String("charge")).toString()) {
        std::fprintf(stderr, "a dispute lost its charge\n");
        std::abort();
    }
    const QJsonObject meta =
        event.value(QLatin1String("data")).toObject().value(QLatin1String("object")).toObject().value(QLatin1String("metadata")).toObject();
    if (p->kind.startsWith(QLatin1String("credit_note"))
        && (meta.contains(QLatin1String("orb_payment_id")) || meta.contains(QLatin1String("orb_credit_note_id")))) {
        std::fprintf(stderr, "Orb's own credit note was taken as Stripe's\n");
        std::abort();
    }
    if (p->outOfBand && p->kind != QLatin1String("payment")) {
        std::fprintf(stderr, "out of band on something not a payment\n");
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    const QJsonObject body = doc.object();
    check(body);
    for (const QJsonValue &v : body.value(QLatin1String("data")).toArray())
        check(v.toObject());
    return 0;
}

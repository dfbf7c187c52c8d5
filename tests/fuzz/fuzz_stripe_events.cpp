// SPDX-License-Identifier: GPL-3.0-or-later
// Stripe's answers, hostile or broken: a body as `GET /v1/events` returns it (or a single
// event) through the interpretation the pull applies to each event. Beyond "no crash, no
// sanitizer report" it checks what the pull relies on: an event it acts on has a kind, and
// the invoice it concerns is the object itself for invoice events.
#include "models/sync/PaymentSink.h"
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
    if (event.value(QLatin1String("type")).toString().startsWith(QLatin1String("invoice.")) && p->stripeInvoiceId != p->stripeObjectId) {
        std::fprintf(stderr, "an invoice event names another invoice\n");
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

// SPDX-License-Identifier: GPL-3.0-or-later
// Stripe's answers, hostile or broken: a body as `GET /v1/events` returns it (or a single
// event) through the interpretation the pull applies to each event, payments, refunds,
// disputes, Stripe-side credit notes and out-of-band payments among them. Beyond "no crash, no
// sanitizer report" it checks what the pull relies on: an event it acts on has a kind and is
// of a type the pull asks for (types[]), its amount is never negative, the invoice it concerns
// is the object itself for invoice events, a dispute names its state, and a credit note Orb
// made itself (metadata orb_payment_id / orb_credit_note_id) is never taken as Stripe's.
//
// Then what the recorder does with it, against a real company file (created once per process:
// an issued invoice of 199.99 EUR mapped to Stripe invoice in_1 and paid through Stripe), each
// input inside a transaction that is rolled back: a refund or a lost dispute becomes credit
// notes of kind refund that never credit more than the invoice's total, and recording the
// same movement a second time (an event read twice, or the direct read after it) changes
// nothing.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/sync/PaymentSink.h"
#include "models/sync/StripeIdMap.h"
#include "sync/StripeEventPull.h"
#include "sync/StripeSync.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

int argc = 1;
char arg0[] = "fuzz_stripe_events";
char *argv[] = {arg0, nullptr};

/// The company file every input is recorded into (and rolled back from).
struct Books {
    QCoreApplication app{argc, argv};
    QTemporaryDir dir;
    orb::FixedClock clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<orb::CompanyFile> file;
    orb::Invoice invoice;

    Books()
    {
        orb::CompanySettings s;
        s.name = QStringLiteral("Fuzz Co");
        s.defaultCurrency = QStringLiteral("EUR");
        s.timezone = QStringLiteral("UTC");
        file = orb::CompanyFile::create(dir.filePath(QStringLiteral("stripe.orb")), s, clock);
        orb::Customer c;
        c.name = QStringLiteral("Acme");
        c.currency = QStringLiteral("EUR");
        c.timezone = QStringLiteral("UTC");
        c = orb::CustomerService(*file, clock).create(c);
        orb::InvoiceService invoices(*file, clock);
        invoice = invoices.issue(invoices
                                     .createOneOff(c.id,
                                                   {orb::OneOffLine{QStringLiteral("Setup"), orb::Decimal(1), orb::Decimal::parse("100.00"), {}},
                                                    orb::OneOffLine{QStringLiteral("Seats"), orb::Decimal(3), orb::Decimal::parse("33.33"), {}}},
                                                   std::nullopt, {}, 14)
                                     .id);
        orb::UnitOfWork uow(file->db());
        orb::StripeIdMap(file->db()).set(QStringLiteral("invoice"), invoice.id, QStringLiteral("in_1"));
        orb::StripePayment paid;
        paid.kind = QStringLiteral("payment");
        paid.stripeObjectId = paid.stripeInvoiceId = QStringLiteral("in_1");
        paid.localInvoiceId = invoice.id;
        paid.currency = QStringLiteral("EUR");
        paid.amountMinor = invoice.amountDue.toMinorUnits(2);
        orb::StripePaymentRecorder recorder(clock);
        if (!recorder.record(file->db(), paid).isEmpty())
            std::abort();
        uow.commit();
    }
};

Books &books()
{
    static Books b;
    return b;
}

qint64 countOf(orb::Database &db, const char *table)
{
    return db.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toLongLong();
}

/// The recorder on what the event says, pointed at the fixture invoice.
void record(orb::StripePayment p)
{
    Books &b = books();
    orb::Database &db = b.file->db();
    p.localInvoiceId = b.invoice.id;
    p.stripeInvoiceId = QStringLiteral("in_1");
    if (p.chargeId.isEmpty())
        p.chargeId = QStringLiteral("ch_1");
    orb::StripePaymentRecorder recorder(b.clock);
    orb::UnitOfWork uow(db); // never committed: each input starts from the same books
    try {
        recorder.record(db, p);
        const qint64 notes = countOf(db, "credit_notes");
        const qint64 payments = countOf(db, "payments");
        orb::Decimal credited;
        for (const orb::CreditNote &n : orb::InvoiceRepository(db).creditNotes(b.invoice.id)) {
            if (n.kind != QLatin1String("refund") || !n.total.isPositive()) {
                std::fprintf(stderr, "a credit note from Stripe that is not a positive refund\n");
                std::abort();
            }
            credited += n.total;
        }
        if (credited > b.invoice.total) {
            std::fprintf(stderr, "more credited than the invoice's total\n");
            std::abort();
        }
        recorder.record(db, p);
        if (countOf(db, "credit_notes") != notes || countOf(db, "payments") != payments) {
            std::fprintf(stderr, "the same Stripe movement was recorded twice\n");
            std::abort();
        }
    } catch (const orb::ServiceError &e) {
        std::fprintf(stderr, "the recorder threw: %s\n", qPrintable(e.message()));
        std::abort();
    }
}

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
    record(*p);
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

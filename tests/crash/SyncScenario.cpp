// SPDX-License-Identifier: GPL-3.0-or-later
// sync: `orbctl sync run --once` against the Stripe stand-in, served from this process on
// loopback. A round is three steps on one stand-in that keeps its state across the kills, as
// Stripe would: push every customer, issued invoice and usage event; then, after payments are
// made on the stand-in's side (some in full, some in part) and a few invoices are voided in
// Orb, push the voids and pull the payments; then, after the rest of the part-paid ones is
// paid, pull again. Each round starts from a fresh company file and an
// empty stand-in (a new Stripe account): the file's outbox carries the same idempotency keys
// in every round, and a stand-in kept across rounds would answer them from its store.
//
// Two more rows run the same round through long offline gaps: `sync-day-gaps` moves both clocks
// 25 hours on at every start of the later steps (so every re-run after a kill comes after
// Stripe has forgotten the killed run's idempotency keys: each create must be found before it
// is repeated), `sync-month-gap` moves them 31 days on before each later step (the event cursor
// has aged out of Stripe's 30 days: open invoices are read directly).
//
// The money rows (`sync-money-day-gaps`, `sync-money-month-gap`) add a fourth step and every
// other way money moves after the push, through the same gaps: payments recorded in Orb (in
// full: `pay` out of band; in part: a Stripe credit note), refunds in Stripe (in part, in
// full, and a second part later), disputes opened and then won or lost. Both sides are checked:
// each Orb payment told to Stripe once, each refund and lost dispute a credit note in Orb once,
// for exactly what Stripe gave back.
#include "BillingTemplate.h"

#include "StandinServer.h"
#include "engine/Decimal.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

#include <algorithm>
#include <memory>

namespace crash {

namespace {

using orb::standin::StandinHost;

const QString Key = QStringLiteral("sk_test_crashHarnessSyncKey0815");
/// Orb's clock and the stand-in's agree: the usage is inside Stripe's window for meter events.
const QDateTime SyncNow(QDate(2026, 2, 2), QTime(12, 0), Qt::UTC);
/// Every POST's answer waits this long after its change was made: kills land there often.
const int PostLatencyMs = 8;

enum class Gaps { None, DayPerStart, MonthPerStep };

struct SyncContext {
    std::unique_ptr<StandinHost> host;
    Gaps gaps = Gaps::None;
    bool money = false; ///< payments in Orb, refunds and disputes in Stripe too
    qint64 elapsed = 0; ///< seconds both clocks have moved on since the round began

    QDateTime now() const { return SyncNow.addSecs(elapsed); }
    void moveOn(qint64 seconds)
    {
        elapsed += seconds;
        host->standin().setClockOffset(QDateTime::currentDateTimeUtc().secsTo(SyncNow) + elapsed);
    }
};

QString meta(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String(key)).toString();
}

QString idOf(const QJsonObject &o)
{
    return o.value(QLatin1String("id")).toString();
}

/// The stand-in's open invoices, by Orb invoice number, so that both sides pay the same ones.
QList<QJsonObject> openInvoices(StandinHost &host)
{
    QList<QJsonObject> open;
    for (const QJsonObject &i : host.standin().objects(QStringLiteral("invoice")))
        if (i.value(QLatin1String("status")).toString() == QLatin1String("open"))
            open.append(i);
    std::sort(open.begin(), open.end(),
              [](const QJsonObject &a, const QJsonObject &b) { return meta(a, "orb_invoice_number") < meta(b, "orb_invoice_number"); });
    return open;
}

void pay(StandinHost &host, const QJsonObject &invoice, qint64 amount)
{
    const auto r = host.standin().payPart(idOf(invoice), amount);
    if (r.status != 200)
        fail(QStringLiteral("sync: paying %1 on the stand-in failed: %2").arg(meta(invoice, "orb_invoice_number"), QString::fromUtf8(r.body)));
}

/// A POST to the stand-in as the Dashboard would make it (a refund by hand).
void standinPost(StandinHost &host, const QString &path, const orb::standin::FormPairs &body)
{
    orb::standin::StandinRequest r;
    r.method = QStringLiteral("POST");
    r.path = path;
    r.body = body;
    r.headers.insert(QStringLiteral("authorization"), QStringLiteral("Bearer ") + Key);
    const auto answer = host.standin().handle(r);
    if (answer.status != 200)
        fail(QStringLiteral("sync: POST %1 on the stand-in failed: %2").arg(path, QString::fromUtf8(answer.body)));
}

/// The stand-in's charges of paid invoices, by Orb invoice number: what refunds and disputes act on.
QList<QJsonObject> chargesByInvoiceNumber(StandinHost &host)
{
    QHash<QString, QString> number;
    for (const QJsonObject &i : host.standin().objects(QStringLiteral("invoice")))
        number.insert(idOf(i), meta(i, "orb_invoice_number"));
    QList<QJsonObject> charges;
    for (const QJsonObject &c : host.standin().objects(QStringLiteral("charge")))
        if (number.contains(c.value(QLatin1String("invoice")).toString()))
            charges.append(c);
    std::sort(charges.begin(), charges.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const QString na = number.value(a.value(QLatin1String("invoice")).toString());
        const QString nb = number.value(b.value(QLatin1String("invoice")).toString());
        return na != nb ? na < nb : idOf(a) < idOf(b);
    });
    return charges;
}

void refund(StandinHost &host, const QJsonObject &charge, qint64 amount)
{
    if (amount > 0)
        standinPost(host, QStringLiteral("/v1/refunds"), {{QStringLiteral("charge"), idOf(charge)}, {QStringLiteral("amount"), QString::number(amount)}});
}

void prepareSync(SyncContext &ctx, Workspace &ws)
{
    ctx.host = std::make_unique<StandinHost>(orb::standin::defaultSpecPath());
    if (!ctx.host->start())
        fail(QStringLiteral("sync: the Stripe stand-in cannot listen on loopback"));
    BillingTemplate shape;
    shape.customers = 28 * ws.scale;
    shape.eventsPerCustomer = 5;
    shape.eventsFrom = QDate(2026, 1, 1);
    shape.eventsTo = QDate(2026, 2, 1);
    writeBillingTemplate(ws, shape);
    const QString now = SyncNow.toString(Qt::ISODate);
    orbctlOk(ws, ws.templateDb, {QStringLiteral("--now"), now, QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), now});
    // A customer balance and prepaid credits, so that invoices carry those parts too.
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("balance"), QStringLiteral("adjust"), QStringLiteral("k0"),
              QStringLiteral("--amount"), QStringLiteral("25.50"), QStringLiteral("--description"), QStringLiteral("goodwill")});
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("credits"), QStringLiteral("add"), QStringLiteral("k1"),
              QStringLiteral("--amount"), QStringLiteral("40")});
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), now, QStringLiteral("invoices"), QStringLiteral("issue"), QStringLiteral("--all-due"), QStringLiteral("2026-02-02")});
    orbctlOk(ws, ws.templateDb, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("stripe.api_base"), ctx.host->baseUrl()});
    // The key the way automation gives it (the environment): no keychain needed under ctest.
    ws.environment.insert(QStringLiteral("ORB_STRIPE_API_KEY"), Key);
}

void beforeStep(SyncContext &ctx, Workspace &ws, int step)
{
    StandinHost &host = *ctx.host;
    if (step == 0) {
        host.standin().reset();
        host.standin().setApiKey(Key);
        ctx.elapsed = 0;
        host.standin().setClockOffset(QDateTime::currentDateTimeUtc().secsTo(SyncNow));
        host.standin().addFault(
            orb::standin::Fault{orb::standin::Fault::Kind::Latency, 1 << 30, QStringLiteral("/v1/"), QStringLiteral("POST"), PostLatencyMs});
        return;
    }
    if (ctx.gaps == Gaps::MonthPerStep)
        ctx.moveOn(31 * 86400);
    const QList<QJsonObject> open = openInvoices(host);
    if (step == 1) {
        // Every third in full, every third in part (half), the rest stays open.
        for (int i = 0; i < open.size(); ++i) {
            const qint64 remaining = open.at(i).value(QLatin1String("amount_remaining")).toInteger();
            if (i % 3 == 0)
                pay(host, open.at(i), remaining);
            else if (i % 3 == 1 && remaining >= 2)
                pay(host, open.at(i), remaining / 2);
            else if (i % 6 == 2) // voided in Orb: the next run voids it in Stripe
                orbctlOk(ws, ws.db,
                         {QStringLiteral("--now"), ctx.now().toString(Qt::ISODate), QStringLiteral("invoices"), QStringLiteral("void"),
                          meta(open.at(i), "orb_invoice_number"), QStringLiteral("--reason"), QStringLiteral("billed in error")});
            else if (ctx.money && i % 12 == 5) // paid in full by bank transfer, recorded in Orb
                orbctlOk(ws, ws.db,
                         {QStringLiteral("--now"), ctx.now().toString(Qt::ISODate), QStringLiteral("invoices"), QStringLiteral("mark-paid"),
                          meta(open.at(i), "orb_invoice_number")});
            else if (ctx.money && i % 12 == 11 && remaining >= 2) // paid in part, recorded in Orb
                orbctlOk(ws, ws.db,
                         {QStringLiteral("--now"), ctx.now().toString(Qt::ISODate), QStringLiteral("invoices"), QStringLiteral("pay"),
                          meta(open.at(i), "orb_invoice_number"), QStringLiteral("--amount"), orb::Decimal::fromMinorUnits(remaining / 2, 2).toString(),
                          QStringLiteral("--method"), QStringLiteral("bank_transfer"), QStringLiteral("--reference"),
                          QStringLiteral("bank-") + meta(open.at(i), "orb_invoice_number")});
        }
        return;
    }
    if (step == 3) {
        // Money moves back: the disputes are decided, the first refunds get a second part.
        int n = 0;
        for (const QJsonObject &d : host.standin().objects(QStringLiteral("dispute")))
            if (d.value(QLatin1String("status")).toString() == QLatin1String("needs_response")) {
                const auto r = host.standin().decideDispute(idOf(d), n++ % 2 == 0 ? QStringLiteral("lost") : QStringLiteral("won"));
                if (r.status != 200)
                    fail(QStringLiteral("sync: deciding dispute %1 failed: %2").arg(idOf(d), QString::fromUtf8(r.body)));
            }
        const QList<QJsonObject> charges = chargesByInvoiceNumber(host);
        for (int j = 0; j < charges.size(); ++j)
            if (j % 4 == 0)
                refund(host, charges.at(j), charges.at(j).value(QLatin1String("amount")).toInteger() / 4);
        return;
    }
    // Step 2: the rest of what was paid in part.
    for (const QJsonObject &i : open)
        if (i.value(QLatin1String("amount_paid")).toInteger() > 0)
            pay(host, i, i.value(QLatin1String("amount_remaining")).toInteger());
    if (!ctx.money)
        return;
    // Refunds in part and in full, and disputes, on the charges of the first payments.
    const QList<QJsonObject> charges = chargesByInvoiceNumber(host);
    for (int j = 0; j < charges.size(); ++j) {
        const QJsonObject &c = charges.at(j);
        const qint64 amount = c.value(QLatin1String("amount")).toInteger();
        if (j % 4 == 0)
            refund(host, c, amount / 4);
        else if (j % 4 == 1)
            refund(host, c, amount);
        else if (j % 4 == 2) {
            const auto r = host.standin().openDispute(idOf(c), 0);
            if (r.status != 200)
                fail(QStringLiteral("sync: opening a dispute on %1 failed: %2").arg(idOf(c), QString::fromUtf8(r.body)));
        }
    }
}

/// Money after the push, on both sides: what Stripe gave back (refunds, lost disputes) is in
/// Orb as credit notes of kind refund for exactly that, once; each payment recorded in Orb is
/// in Stripe once (the invoice paid out of band, or one credit note naming it).
void checkMoney(SyncContext &ctx, Workspace &ws, QStringList *remote, QString *problem)
{
    StandinHost &host = *ctx.host;
    QHash<QString, QString> orbIdOf; // Stripe invoice → Orb invoice
    QHash<QString, QJsonObject> stripeInvoice;
    for (const QJsonObject &i : host.standin().objects(QStringLiteral("invoice"))) {
        orbIdOf.insert(idOf(i), meta(i, "orb_id"));
        stripeInvoice.insert(idOf(i), i);
    }
    QHash<QString, qint64> refundedInStripe, lostInStripe; // by Orb invoice
    QHash<QString, QString> invoiceOfCharge;
    for (const QJsonObject &c : host.standin().objects(QStringLiteral("charge"))) {
        invoiceOfCharge.insert(idOf(c), c.value(QLatin1String("invoice")).toString());
        refundedInStripe[orbIdOf.value(c.value(QLatin1String("invoice")).toString())] += c.value(QLatin1String("amount_refunded")).toInteger();
    }
    int lost = 0, won = 0;
    for (const QJsonObject &d : host.standin().objects(QStringLiteral("dispute"))) {
        const QString status = d.value(QLatin1String("status")).toString();
        lost += status == QLatin1String("lost");
        won += status == QLatin1String("won");
        if (status == QLatin1String("lost"))
            lostInStripe[orbIdOf.value(invoiceOfCharge.value(d.value(QLatin1String("charge")).toString()))] += d.value(QLatin1String("amount")).toInteger();
        remote->append(QStringLiteral("dispute|%1|%2|%3")
                           .arg(orbIdOf.value(invoiceOfCharge.value(d.value(QLatin1String("charge")).toString())), status)
                           .arg(d.value(QLatin1String("amount")).toInteger()));
    }
    QHash<QString, qint64> refundedInOrb, lostInOrb;
    for (const QString &row : queryRows(ws.db, "SELECT invoice_id, total, kind, reason FROM credit_notes", problem)) {
        const QStringList f = row.split(QLatin1Char('|'));
        if (f.value(2) != QLatin1String("refund")) {
            *problem = QStringLiteral("credit note on %1 is %2, not a refund").arg(f.value(0), f.value(2));
            return;
        }
        const qint64 minor = orb::Decimal::parse(f.value(1)).toMinorUnits(2);
        if (f.value(3).startsWith(QLatin1String("Refunded in Stripe")))
            refundedInOrb[f.value(0)] += minor;
        else if (f.value(3).startsWith(QLatin1String("Dispute")))
            lostInOrb[f.value(0)] += minor;
        else {
            *problem = QStringLiteral("credit note on %1 for \"%2\" came from nowhere").arg(f.value(0), f.value(3));
            return;
        }
    }
    for (auto it = refundedInStripe.cbegin(); it != refundedInStripe.cend(); ++it)
        if (it.value() != refundedInOrb.value(it.key())) {
            *problem =
                QStringLiteral("invoice %1: Stripe refunded %2 minor units, Orb recorded %3").arg(it.key()).arg(it.value()).arg(refundedInOrb.value(it.key()));
            return;
        }
    for (auto it = refundedInOrb.cbegin(); it != refundedInOrb.cend(); ++it)
        if (it.value() != refundedInStripe.value(it.key())) {
            *problem = QStringLiteral("invoice %1: Orb recorded %2 minor units refunded that Stripe did not refund").arg(it.key()).arg(it.value());
            return;
        }
    for (const QString &key : lostInStripe.keys() + lostInOrb.keys())
        if (lostInStripe.value(key) != lostInOrb.value(key)) {
            *problem = QStringLiteral("invoice %1: disputes lost in Stripe %2 minor units, written off in Orb %3")
                           .arg(key)
                           .arg(lostInStripe.value(key))
                           .arg(lostInOrb.value(key));
            return;
        }
    // Each payment recorded in Orb, told once.
    QHash<QString, int> creditNotesFor;
    for (const QJsonObject &n : host.standin().objects(QStringLiteral("credit_note"))) {
        const QString payment = meta(n, "orb_payment_id");
        if (!payment.isEmpty())
            ++creditNotesFor[payment];
        remote->append(
            QStringLiteral("credit_note|%1|%2|%3|%4")
                .arg(orbIdOf.value(n.value(QLatin1String("invoice")).toString()), payment.isEmpty() ? QStringLiteral("-") : QStringLiteral("payment"))
                .arg(n.value(QLatin1String("amount")).toInteger())
                .arg(n.value(QLatin1String("out_of_band_amount")).toInteger()));
    }
    int told = 0;
    for (const QString &row :
         queryRows(ws.db,
                   "SELECT p.id, p.invoice_id, p.amount, m.stripe_id FROM payments p JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND "
                   "m.local_id = p.invoice_id WHERE p.method NOT IN ('stripe', 'stripe_out_of_band')",
                   problem)) {
        const QStringList f = row.split(QLatin1Char('|'));
        const QJsonObject inv = stripeInvoice.value(f.value(3));
        const bool outOfBand = inv.value(QLatin1String("paid_out_of_band")).toBool() && meta(inv, "orb_paid_by") == f.value(0);
        const int notes = creditNotesFor.value(f.value(0));
        if ((outOfBand ? 1 : 0) + notes != 1) {
            *problem = QStringLiteral("Orb payment %1 on invoice %2 reached Stripe %3 times").arg(f.value(0), f.value(1)).arg((outOfBand ? 1 : 0) + notes);
            return;
        }
        ++told;
    }
    if (told == 0 || refundedInOrb.isEmpty() || lost == 0 || won == 0)
        *problem = QStringLiteral("the money row moved too little money: %1 Orb payments, %2 invoices refunded, %3 disputes lost, %4 won")
                       .arg(told)
                       .arg(refundedInOrb.size())
                       .arg(lost)
                       .arg(won);
    ws.seen[QStringLiteral("Orb payments told to Stripe")] += told;
}

/// Both sides: the stand-in holds each customer, invoice, item and meter event once, the id map
/// and the outbox agree with it, and every payment made there is in Orb once.
QByteArray syncDigest(SyncContext &ctx, Workspace &ws, QString *problem)
{
    QByteArray digest;
    StandinHost &host = *ctx.host;
    auto addRows = [&](const char *sql) {
        qint64 rows = 0;
        digest += queryText(ws.db, sql, &rows, problem);
        return rows;
    };
    // Orb: the outbox drained, the id map, the invoices and their payments, the ledgers, audit.
    const QStringList waiting = queryRows(ws.db, "SELECT id, object_type, object_id, state, last_error FROM sync_outbox WHERE state <> 'done'", problem);
    if (!waiting.isEmpty()) {
        *problem = QStringLiteral("%1 outbox items not done, e.g. %2").arg(waiting.size()).arg(waiting.first());
        return {};
    }
    // Payments and credit notes get new ids every round: named by their invoice and amount.
    const qint64 items = addRows("SELECT object_type, CASE object_type "
                                 "WHEN 'invoice_payment' THEN (SELECT i.invoice_number || ':' || p.amount FROM payments p JOIN invoices i ON i.id = "
                                 "p.invoice_id WHERE p.id = o.object_id) "
                                 "WHEN 'invoice_credit' THEN (SELECT i.invoice_number || ':' || c.total FROM credit_notes c JOIN invoices i ON i.id = "
                                 "c.invoice_id WHERE c.id = o.object_id) "
                                 "ELSE object_id END AS what, action, state FROM sync_outbox o ORDER BY object_type, what, action");
    // Customers, invoices and meters by their stable local ids (payments' ids are new each round).
    addRows("SELECT object_type, local_id FROM sync_stripe_ids WHERE object_type IN ('customer', 'invoice', 'meter') ORDER BY object_type, local_id");
    addRows("SELECT identity, invoice_number, status, total, amount_due, amount_paid FROM invoices ORDER BY identity");
    addRows("SELECT i.invoice_number, p.amount, p.currency, p.method, p.reference LIKE 'stripe:' || m.stripe_id || ':%' FROM payments p "
            "JOIN invoices i ON i.id = p.invoice_id LEFT JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = i.id "
            "ORDER BY i.invoice_number, p.amount");
    addRows("SELECT customer_id, amount, balance_after, cause FROM balance_entries ORDER BY seq");
    addRows("SELECT action, object_type, CASE object_type WHEN 'credit_note' THEN '' ELSE object_id END AS what, COUNT(*) FROM audit_log "
            "GROUP BY action, object_type, what ORDER BY 1, 2, 3");
    addRows("SELECT stripe_type, COUNT(*) FROM sync_log WHERE stripe_event_id IS NOT NULL GROUP BY stripe_type ORDER BY stripe_type");
    if (!problem->isEmpty())
        return {};

    // The stand-in: each Orb object once, and the id map pointing at it.
    QHash<QString, QString> map; // type:local → stripe id
    for (const QString &row :
         queryRows(ws.db, "SELECT object_type, local_id, stripe_id FROM sync_stripe_ids WHERE object_type IN ('customer', 'invoice')", problem))
        map.insert(row.section(QLatin1Char('|'), 0, 1), row.section(QLatin1Char('|'), 2));
    QHash<QString, QString> orbCustomerOf; // Stripe customer id → Orb id
    QStringList remote;
    for (const char *type : {"customer", "invoice"}) {
        QSet<QString> seen;
        for (const QJsonObject &o : host.standin().objects(QLatin1String(type))) {
            const QString orbId = meta(o, "orb_id");
            if (seen.contains(orbId)) {
                *problem = QStringLiteral("the stand-in holds %1 %2 twice").arg(QLatin1String(type), orbId);
                return {};
            }
            seen.insert(orbId);
            if (map.value(QLatin1String(type) + QLatin1Char('|') + orbId) != idOf(o)) {
                *problem = QStringLiteral("the id map does not name stand-in %1 %2 (Orb %3)").arg(QLatin1String(type), idOf(o), orbId);
                return {};
            }
            if (QLatin1String(type) == QLatin1String("customer")) {
                orbCustomerOf.insert(idOf(o), orbId);
                remote.append(QStringList{QStringLiteral("customer"), orbId, o.value(QLatin1String("name")).toString(),
                                          o.value(QLatin1String("email")).toString(), meta(o, "orb_external_customer_id")}
                                  .join(QLatin1Char('|')));
            } else {
                remote.append(QStringList{QStringLiteral("invoice"), orbId, meta(o, "orb_invoice_number"),
                                          orbCustomerOf.value(o.value(QLatin1String("customer")).toString()), o.value(QLatin1String("status")).toString(),
                                          o.value(QLatin1String("currency")).toString(), o.value(QLatin1String("collection_method")).toString(),
                                          QString::number(o.value(QLatin1String("amount_due")).toInteger()),
                                          QString::number(o.value(QLatin1String("amount_paid")).toInteger())}
                                  .join(QLatin1Char('|')));
            }
        }
        qint64 mapped = 0;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            mapped += it.key().startsWith(QLatin1String(type) + QLatin1Char('|'));
        if (mapped != seen.size()) {
            *problem = QStringLiteral("the id map names %1 %2s, the stand-in holds %3").arg(mapped).arg(QLatin1String(type)).arg(seen.size());
            return {};
        }
    }
    if (ctx.money) {
        checkMoney(ctx, ws, &remote, problem);
        if (!problem->isEmpty())
            return {};
        // The reason without the Stripe ids (new every round).
        addRows("SELECT i.invoice_number, c.kind, c.total, substr(c.reason, 1, instr(c.reason || ' (', ' (') - 1) AS why FROM credit_notes c "
                "JOIN invoices i ON i.id = c.invoice_id ORDER BY 1, 4, 3");
    }
    // Paid amounts agree: what Stripe received is what Orb recorded, once (a part paid in Orb
    // is a Stripe credit note, not an amount paid there).
    QHash<QString, qint64> toldAsCredit;
    for (const QJsonObject &n : host.standin().objects(QStringLiteral("credit_note")))
        if (!meta(n, "orb_payment_id").isEmpty())
            toldAsCredit[n.value(QLatin1String("invoice")).toString()] += n.value(QLatin1String("amount")).toInteger();
    const QStringList paidInOrb = queryRows(ws.db,
                                            "SELECT m.stripe_id, i.invoice_number, i.amount_paid, i.status FROM invoices i "
                                            "JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = i.id",
                                            problem);
    QHash<QString, qint64> paidInStripe;
    QHash<QString, QString> statusInStripe;
    for (const QJsonObject &o : host.standin().objects(QStringLiteral("invoice"))) {
        paidInStripe.insert(idOf(o), o.value(QLatin1String("amount_paid")).toInteger());
        statusInStripe.insert(idOf(o), o.value(QLatin1String("status")).toString());
    }
    int voided = 0;
    for (const QString &row : paidInOrb) {
        // Voided in Orb: void in Stripe too (the void went as its own outbox item).
        if (row.section(QLatin1Char('|'), 3, 3) == QLatin1String("void")) {
            ++voided;
            if (statusInStripe.value(row.section(QLatin1Char('|'), 0, 0)) != QLatin1String("void")) {
                *problem = QStringLiteral("invoice %1 is void in Orb but %2 in Stripe")
                               .arg(row.section(QLatin1Char('|'), 1, 1), statusInStripe.value(row.section(QLatin1Char('|'), 0, 0)));
                return {};
            }
        }
        const qint64 orbPaid = orb::Decimal::parse(row.section(QLatin1Char('|'), 2, 2)).toMinorUnits(2);
        if (orbPaid != paidInStripe.value(row.section(QLatin1Char('|'), 0, 0)) + toldAsCredit.value(row.section(QLatin1Char('|'), 0, 0))) {
            *problem = QStringLiteral("invoice %1: Orb recorded %2 minor units paid, Stripe received %3")
                           .arg(row.section(QLatin1Char('|'), 1, 1))
                           .arg(orbPaid)
                           .arg(paidInStripe.value(row.section(QLatin1Char('|'), 0, 0)));
            return {};
        }
    }
    // Invoice items: each part of each invoice once, on its invoice.
    QHash<QString, QString> orbInvoiceOf;
    for (const QJsonObject &o : host.standin().objects(QStringLiteral("invoice")))
        orbInvoiceOf.insert(idOf(o), meta(o, "orb_id"));
    QSet<QString> parts;
    for (const QJsonObject &o : host.standin().objects(QStringLiteral("invoiceitem"))) {
        const QString part = meta(o, "orb_invoice_id") + QLatin1Char('|') + meta(o, "orb_part");
        if (parts.contains(part) || orbInvoiceOf.value(o.value(QLatin1String("invoice")).toString()) != meta(o, "orb_invoice_id")) {
            *problem = QStringLiteral("invoice item %1 (%2) is doubled or on the wrong invoice").arg(idOf(o), part);
            return {};
        }
        parts.insert(part);
        remote.append(QStringLiteral("item|") + part + QLatin1Char('|') + QString::number(o.value(QLatin1String("amount")).toInteger()) + QLatin1Char('|')
                      + o.value(QLatin1String("description")).toString());
    }
    // Meter events: one per usage event (by identifier), each with its value.
    QSet<QString> identifiers;
    for (const QJsonObject &o : host.standin().objects(QStringLiteral("billing.meter_event"))) {
        const QJsonObject payload = o.value(QLatin1String("payload")).toObject();
        identifiers.insert(o.value(QLatin1String("identifier")).toString());
        remote.append(QStringLiteral("meter_event|") + o.value(QLatin1String("identifier")).toString() + QLatin1Char('|')
                      + o.value(QLatin1String("event_name")).toString() + QLatin1Char('|')
                      + orbCustomerOf.value(payload.value(QLatin1String("stripe_customer_id")).toString(), QStringLiteral("(no Orb customer)"))
                      + QLatin1Char('|') + payload.value(QLatin1String("value")).toString());
    }
    const QString usage = queryRows(ws.db, "SELECT COUNT(*) FROM usage_events", problem).value(0);
    if (identifiers.size() != usage.toInt()) {
        *problem = QStringLiteral("the stand-in holds %1 meter events for %2 usage events").arg(identifiers.size()).arg(usage);
        return {};
    }
    // Stripe's own record of what happened: a request done twice would add events.
    QMap<QString, int> eventTypes;
    for (const QJsonObject &e : host.standin().objects(QStringLiteral("event")))
        ++eventTypes[e.value(QLatin1String("type")).toString()];
    for (auto it = eventTypes.cbegin(); it != eventTypes.cend(); ++it)
        remote.append(QStringLiteral("events|%1|%2").arg(it.key()).arg(it.value()));
    std::sort(remote.begin(), remote.end());
    digest += remote.join(QLatin1Char('\n')).toUtf8();

    if (runToEnd(ws.orbctl, {QStringLiteral("--db"), ws.db, QStringLiteral("audit"), QStringLiteral("verify")}, nullptr, ws.environment) != 0)
        *problem = QStringLiteral("orbctl audit verify: the audit trail's hash chain is broken");
    ws.seen[QStringLiteral("customer pushes answered from Stripe's idempotency store after a kill")] +=
        queryRows(ws.db, "SELECT COUNT(*) FROM sync_log WHERE message LIKE '%(replayed)%'", problem).value(0).toLongLong();
    ws.seen[QStringLiteral("customers found in Stripe before a create (an earlier attempt's answer lost)")] +=
        queryRows(ws.db, "SELECT COUNT(*) FROM sync_log WHERE message LIKE '%found in Stripe%'", problem).value(0).toLongLong();
    const int payments = queryRows(ws.db, "SELECT COUNT(*) FROM payments WHERE method = 'stripe'", problem).value(0).toInt();
    const QString money = ctx.money ? QStringLiteral("; %1 refund and write-off credit notes in Orb matching Stripe's refunds and lost disputes")
                                          .arg(queryRows(ws.db, "SELECT COUNT(*) FROM credit_notes", problem).value(0))
                                    : QString();
    ws.finished = QStringLiteral("%1 outbox items done; %2 customers, %3 invoices, %4 invoice items and %5 meter events in the stand-in once each, "
                                 "matching the id map; %6 Stripe payments recorded once; %7 voids sent")
                      .arg(items)
                      .arg(orbCustomerOf.size())
                      .arg(orbInvoiceOf.size())
                      .arg(parts.size())
                      .arg(identifiers.size())
                      .arg(payments)
                      .arg(voided)
                  + money;
    return digest;
}

} // namespace

Scenario syncScenario(const char *name, Gaps gaps, bool money)
{
    auto ctx = std::make_shared<SyncContext>();
    ctx->gaps = gaps;
    ctx->money = money;
    Scenario s;
    s.name = name;
    s.steps = money ? 4 : 3;
    s.prepare = [ctx](Workspace &ws) { prepareSync(*ctx, ws); };
    s.beforeStep = [ctx](Workspace &ws, int step) { beforeStep(*ctx, ws, step); };
    s.command = [ctx](const Workspace &ws, int step) {
        // After the usage is in Stripe (step 0), every start comes a day and an hour later.
        if (ctx->gaps == Gaps::DayPerStart && step > 0)
            ctx->moveOn(25 * 3600);
        return QStringList{
            QStringLiteral("--db"),  ws.db, QStringLiteral("--now"), ctx->now().toString(Qt::ISODate), QStringLiteral("sync"), QStringLiteral("run"),
            QStringLiteral("--once")};
    };
    s.digest = [ctx](Workspace &ws, QString *problem) { return syncDigest(*ctx, ws, problem); };
    s.requests = [ctx]() -> qint64 { return ctx->host ? ctx->host->standin().requestCount(QStringLiteral("/v1/")) : 0; };
    return s;
}

Scenario syncScenario()
{
    return syncScenario("sync", Gaps::None, false);
}

Scenario syncDayGapsScenario()
{
    return syncScenario("sync-day-gaps", Gaps::DayPerStart, false);
}

Scenario syncMonthGapScenario()
{
    return syncScenario("sync-month-gap", Gaps::MonthPerStep, false);
}

Scenario syncMoneyDayGapsScenario()
{
    return syncScenario("sync-money-day-gaps", Gaps::DayPerStart, true);
}

Scenario syncMoneyMonthGapScenario()
{
    return syncScenario("sync-money-month-gap", Gaps::MonthPerStep, true);
}

} // namespace crash

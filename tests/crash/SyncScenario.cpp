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
        }
        return;
    }
    // Step 2: the rest of what was paid in part.
    for (const QJsonObject &i : open)
        if (i.value(QLatin1String("amount_paid")).toInteger() > 0)
            pay(host, i, i.value(QLatin1String("amount_remaining")).toInteger());
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
    const qint64 items = addRows("SELECT object_type, object_id, action, state FROM sync_outbox ORDER BY object_type, object_id, action");
    // Customers, invoices and meters by their stable local ids (payments' ids are new each round).
    addRows("SELECT object_type, local_id FROM sync_stripe_ids WHERE object_type IN ('customer', 'invoice', 'meter') ORDER BY object_type, local_id");
    addRows("SELECT identity, invoice_number, status, total, amount_due, amount_paid FROM invoices ORDER BY identity");
    addRows("SELECT i.invoice_number, p.amount, p.currency, p.method, p.reference LIKE 'stripe:' || m.stripe_id || ':%' FROM payments p "
            "JOIN invoices i ON i.id = p.invoice_id LEFT JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = i.id "
            "ORDER BY i.invoice_number, p.amount");
    addRows("SELECT customer_id, amount, balance_after, cause FROM balance_entries ORDER BY seq");
    addRows("SELECT action, object_type, object_id, COUNT(*) FROM audit_log GROUP BY action, object_type, object_id ORDER BY 1, 2, 3");
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
    // Paid amounts agree: what Stripe received is what Orb recorded, once.
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
        if (orbPaid != paidInStripe.value(row.section(QLatin1Char('|'), 0, 0))) {
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
    ws.finished = QStringLiteral("%1 outbox items done; %2 customers, %3 invoices, %4 invoice items and %5 meter events in the stand-in once each, "
                                 "matching the id map; %6 Stripe payments recorded once; %7 voids sent")
                      .arg(items)
                      .arg(orbCustomerOf.size())
                      .arg(orbInvoiceOf.size())
                      .arg(parts.size())
                      .arg(identifiers.size())
                      .arg(payments)
                      .arg(voided);
    return digest;
}

} // namespace

Scenario syncScenario(const char *name, Gaps gaps)
{
    auto ctx = std::make_shared<SyncContext>();
    ctx->gaps = gaps;
    Scenario s;
    s.name = name;
    s.steps = 3;
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
    return syncScenario("sync", Gaps::None);
}

Scenario syncDayGapsScenario()
{
    return syncScenario("sync-day-gaps", Gaps::DayPerStart);
}

Scenario syncMonthGapScenario()
{
    return syncScenario("sync-month-gap", Gaps::MonthPerStep);
}

} // namespace crash

// SPDX-License-Identifier: GPL-3.0-or-later
// One customer's reads (an upcoming invoice, its usage, its event list) read that customer's
// events through the customer directory of usage events (migration 0022) instead of scanning
// the period. They must give exactly what the full aggregation over every event gives, for
// events sent with a customer id or an external id only, for an external id whose customer
// was created after its events, and after amendments, deprecations and backfills (closed,
// reverted, pending), whether the events came one by one or through a bulk import.
#include "BillingFixture.h"

#include "models/CustomerRepository.h"
#include "models/catalog/MetricRepository.h"
#include "models/usage/BackfillService.h"
#include "models/usage/PeriodAggregator.h"
#include "models/usage/UsageEventService.h"
#include "models/usage/UsageQueryService.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>

using namespace orb;
using namespace orb::test;

class TestCustomerReads : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void upcomingEqualsTheFullRun();
    void aggregationOfOneCustomerEqualsTheFullPass();
    void usageEqualsTheFullPass();
    void eventSearchFindsExactlyTheCustomersEvents();
    void directoryIsWrittenWithItsEvents();

private:
    void ingestOne(const QString &key, const QString &name, const QDateTime &at, const QString &customerId, const QString &externalId,
                   const QJsonObject &properties, const QString &backfillId = {});
    QString invoicesText(const QList<Invoice> &invoices, const QString &subscriptionId) const;
    QList<MetricDefinition> metrics() const;

    BillingFixture f;
    QStringList m_customers; // ids
    QStringList m_subscriptions;
    QHash<QString, QString> m_external; // id → external id ("" for none)
    int m_keys = 0;
};

void TestCustomerReads::ingestOne(const QString &key, const QString &name, const QDateTime &at, const QString &customerId, const QString &externalId,
                                  const QJsonObject &properties, const QString &backfillId)
{
    const QDateTime saved = f.clock.now();
    if (backfillId.isEmpty())
        f.clock.set(at);
    Event e;
    e.eventName = name;
    e.timestamp = at;
    e.idempotencyKey = key;
    e.customerId = customerId;
    e.externalCustomerId = externalId;
    for (auto it = properties.begin(); it != properties.end(); ++it)
        e.setProperty(it.key(), it.value().isString() ? PropertyValue::fromString(it.value().toString())
                                                      : PropertyValue::fromNumberLiteral(QString::number(it.value().toInteger())));
    const QList<IngestResult> r = EventImporter(*f.file, f.clock).ingest({e}, backfillId);
    f.clock.set(saved);
    QCOMPARE(r.size(), 1);
    QVERIFY2(r.first().outcome == IngestOutcome::Accepted, qPrintable(r.first().reason));
}

QList<MetricDefinition> TestCustomerReads::metrics() const
{
    QList<MetricDefinition> out;
    QSqlQuery q = f.file->db().exec(QStringLiteral("SELECT name FROM billable_metrics ORDER BY name"));
    while (q.next()) {
        const auto m = MetricRepository(f.file->db()).resolve(q.value(0).toString());
        out.append(*m);
    }
    return out;
}

void TestCustomerReads::init()
{
    f.reset();
    m_customers.clear();
    m_subscriptions.clear();
    m_external.clear();
    m_keys = 0;
    CatalogService catalog(*f.file, f.clock);
    const auto metric = [&](const char *name, const char *eventName, Aggregation a, const char *property) {
        MetricDefinition m;
        m.setName(QString::fromLatin1(name));
        m.setEventName(QString::fromLatin1(eventName));
        m.setAggregation(a);
        m.setProperty(QString::fromLatin1(property));
        catalog.createMetric(m);
    };
    metric("tokens", "api_call", Aggregation::Sum, "tokens");
    metric("peak", "api_call", Aggregation::Max, "tokens");
    metric("users", "api_call", Aggregation::UniqueCount, "user");
    metric("seats", "seat", Aggregation::Latest, "seats");
    f.plan(R"({"external_plan_id": "wide", "name": "Wide", "currency": "USD", "prices": [
             {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
              "model_type": "unit", "unit_config": {"unit_amount": "0.50"}},
             {"name": "Tokens", "item_name": "Calls", "billable_metric_name": "tokens", "cadence": "monthly",
              "model_type": "unit", "unit_config": {"unit_amount": "0.001"}},
             {"name": "Tokens by region", "item_name": "Calls", "billable_metric_name": "tokens", "cadence": "monthly",
              "model_type": "grouped_tiered", "grouped_tiered_config": {"grouping_key": "region", "tiers": [
                {"tier_lower_bound": "0", "unit_amount": "0.01"}, {"tier_lower_bound": "500", "unit_amount": "0.005"}]}},
             {"name": "Peak", "item_name": "Calls", "billable_metric_name": "peak", "cadence": "monthly",
              "model_type": "unit", "unit_config": {"unit_amount": "0.02"}},
             {"name": "Users", "item_name": "Seats", "billable_metric_name": "users", "cadence": "monthly",
              "model_type": "unit", "unit_config": {"unit_amount": "1.00"}},
             {"name": "Seats", "item_name": "Seats", "billable_metric_name": "seats", "cadence": "monthly",
              "model_type": "unit_with_proration", "unit_with_proration_config": {"unit_amount": "3.10"}}]})");

    // Customers: with an external id, without one, and one created after its events arrived.
    const QStringList externals{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QString()};
    for (const QString &ext : externals) {
        Customer c;
        c.name = ext.isEmpty() ? QStringLiteral("no-external") : ext;
        c.externalCustomerId = ext;
        c.timezone = ext == QLatin1String("b") ? QStringLiteral("Asia/Kolkata") : QStringLiteral("UTC");
        const QString id = CustomerService(*f.file, f.clock).create(c).id;
        m_customers << id;
        m_external.insert(id, ext);
    }
    const QStringList regions{QStringLiteral("eu"), QStringLiteral("us"), QStringLiteral("ap")};
    const auto props = [&](int i) {
        return QJsonObject{
            {QStringLiteral("tokens"), (i * 37) % 400}, {QStringLiteral("region"), regions[i % 3]}, {QStringLiteral("user"), QStringLiteral("u%1").arg(i % 7)}};
    };
    // January 1–19, one by one: each customer's events, by id or by external id, and events of
    // the external id "late" (no customer yet) and "ghost" (never a customer).
    for (int day = 1; day <= 19; ++day) {
        for (int c = 0; c < m_customers.size(); ++c) {
            for (int k = 0; k < 2; ++k) {
                const int i = day * 10 + c * 3 + k;
                const QDateTime t = at(2026, 1, day, 3 + k * 7 + c, 15);
                const QString id = m_customers[c];
                const bool byExternal = !m_external.value(id).isEmpty() && (i % 2 == 1);
                ingestOne(QStringLiteral("k%1").arg(++m_keys), QStringLiteral("api_call"), t, byExternal ? QString() : id,
                          byExternal ? m_external.value(id) : QString(), props(i));
                // Same instant, same customer: `latest` is decided by ingestion order.
                ingestOne(QStringLiteral("k%1").arg(++m_keys), QStringLiteral("seat"), t, byExternal ? QString() : id,
                          byExternal ? m_external.value(id) : QString(), QJsonObject{{QStringLiteral("seats"), (i % 5) + 1}});
                const bool otherWay = !byExternal && !m_external.value(id).isEmpty();
                ingestOne(QStringLiteral("k%1").arg(++m_keys), QStringLiteral("seat"), t, otherWay ? QString() : id,
                          otherWay ? m_external.value(id) : QString(), QJsonObject{{QStringLiteral("seats"), (i % 3) + 2}});
            }
        }
        ingestOne(QStringLiteral("k%1").arg(++m_keys), QStringLiteral("api_call"), at(2026, 1, day, 9), {}, QStringLiteral("late"), props(day));
        ingestOne(QStringLiteral("k%1").arg(++m_keys), QStringLiteral("api_call"), at(2026, 1, day, 10), {}, QStringLiteral("ghost"), props(day + 1));
    }
    {
        Customer late;
        late.name = QStringLiteral("late");
        late.externalCustomerId = QStringLiteral("late");
        late.timezone = QStringLiteral("UTC");
        const QString id = CustomerService(*f.file, f.clock).create(late).id;
        m_customers << id;
        m_external.insert(id, late.externalCustomerId);
    }
    // January 20: a bulk import of a file (the importer's checkpointed path).
    f.clock.set(at(2026, 1, 20, 12));
    const QString path = f.dir.filePath(QStringLiteral("jan20.jsonl"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        for (int n = 0; n < 60; ++n) {
            const QString id = m_customers[n % m_customers.size()];
            QJsonObject o{{QStringLiteral("event_name"), QStringLiteral("api_call")},
                          {QStringLiteral("timestamp"), QStringLiteral("2026-01-20T%1:%2:00Z").arg(10 + n / 60).arg(n % 60, 2, 10, QLatin1Char('0'))},
                          {QStringLiteral("idempotency_key"), QStringLiteral("bulk%1").arg(n)},
                          {QStringLiteral("properties"), props(n)}};
            if (n % 2 == 0 && !m_external.value(id).isEmpty())
                o.insert(QStringLiteral("external_customer_id"), m_external.value(id));
            else
                o.insert(QStringLiteral("customer_id"), id);
            out.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    ImportOptions options;
    options.checkpointRows = 25; // several checkpoints, so several directory rows a customer
    options.batchRows = 10;
    const ImportSummary imported = EventImporter(*f.file, f.clock).importFile(path, options);
    QCOMPARE(imported.accepted, 60);

    // Corrections: amendments (also of an amendment), deprecations.
    UsageEventService events(*f.file, f.clock);
    for (int k = 1; k <= m_keys; k += 9)
        events.amend(QStringLiteral("k%1").arg(k), R"({"tokens": 777, "region": "eu", "user": "amended"})");
    events.amend(QStringLiteral("k1"), R"({"tokens": 5, "region": "us", "user": "twice"})");
    for (int k = 4; k <= m_keys; k += 11)
        events.deprecate(QStringLiteral("k%1").arg(k));
    events.deprecate(QStringLiteral("bulk7"));
    // Backfills: one closed that replaces a customer's events, one reverted, one still pending.
    BackfillService backfills(*f.file, f.clock);
    const Backfill replace = backfills.create(at(2026, 1, 2), at(2026, 1, 4), m_customers[1], true);
    for (int n = 0; n < 4; ++n)
        ingestOne(QStringLiteral("bf%1").arg(n), QStringLiteral("api_call"), at(2026, 1, 2, 5 + n), n % 2 ? m_customers[1] : QString(),
                  n % 2 ? QString() : m_external.value(m_customers[1]), props(100 + n), replace.id);
    backfills.close(replace.id);
    const Backfill reverted = backfills.create(at(2026, 1, 5), at(2026, 1, 6), m_customers[2], false);
    ingestOne(QStringLiteral("rv0"), QStringLiteral("api_call"), at(2026, 1, 5, 5), m_customers[2], {}, props(200), reverted.id);
    backfills.revert(reverted.id);
    const Backfill pending = backfills.create(at(2026, 1, 7), at(2026, 1, 8), m_customers[0], false);
    ingestOne(QStringLiteral("pd0"), QStringLiteral("api_call"), at(2026, 1, 7, 5), m_customers[0], {}, props(300), pending.id);

    for (const QString &c : std::as_const(m_customers))
        m_subscriptions << f.subscribe(c, QStringLiteral("wide"), QDate(2026, 1, 1)).id;
    f.clock.set(at(2026, 1, 20, 13));
}

QString TestCustomerReads::invoicesText(const QList<Invoice> &invoices, const QString &subscriptionId) const
{
    QStringList out;
    for (const Invoice &i : invoices)
        if (i.subscriptionId == subscriptionId)
            out << toText(i.kind) + QLatin1Char(' ') + dateText(i.periodStart) + QLatin1Char(' ') + moneyText(i.total, i.currency) + QLatin1Char(' ')
                       + QString::fromUtf8(QJsonDocument(i.document).toJson(QJsonDocument::Compact));
    out.sort();
    return out.join(QLatin1Char('\n'));
}

void TestCustomerReads::upcomingEqualsTheFullRun()
{
    for (const QDateTime &asOf : {at(2026, 2, 3), at(2026, 3, 5)}) {
        InvoiceRunOptions all;
        all.asOf = asOf;
        all.dryRun = true;
        const InvoiceRunSummary full = InvoiceRunService(*f.file, f.clock).run(all);
        QVERIFY2(full.eventsScanned > 0, qPrintable(QString::fromUtf8(QJsonDocument(full.toJson()).toJson())));
        for (const QString &sub : std::as_const(m_subscriptions)) {
            InvoiceRunOptions one = all;
            one.subscriptionId = sub;
            const InvoiceRunSummary fast = InvoiceRunService(*f.file, f.clock).run(one);
            // The fast path read only this customer's events.
            QVERIFY2(fast.eventsScanned < full.eventsScanned, qPrintable(QStringLiteral("%1 vs %2").arg(fast.eventsScanned).arg(full.eventsScanned)));
            const QString expected = invoicesText(full.invoices, sub);
            QVERIFY(!expected.isEmpty());
            QCOMPARE(invoicesText(fast.invoices, sub), expected);
        }
    }
    // upcoming() is that path at its own horizon: February 1 plus the grace period.
    const InvoiceRunSummary full = [&] {
        InvoiceRunOptions all;
        all.asOf = at(2026, 2, 1).addMSecs(qint64(f.file->setting(IntSetting::GracePeriodHours)) * 3600 * 1000);
        all.dryRun = true;
        return InvoiceRunService(*f.file, f.clock).run(all);
    }();
    for (const QString &sub : std::as_const(m_subscriptions)) {
        const QString upcoming = invoicesText(InvoiceRunService(*f.file, f.clock).upcoming(sub), sub);
        QCOMPARE(upcoming, invoicesText(full.invoices, sub));
        QVERIFY(upcoming.contains(QStringLiteral("in_arrears")));
    }
}

void TestCustomerReads::aggregationOfOneCustomerEqualsTheFullPass()
{
    const QList<MetricDefinition> list = metrics();
    for (const auto &[start, end] : {std::pair{at(2026, 1, 1), at(2026, 2, 1)}, std::pair{at(2026, 1, 3, 7), at(2026, 1, 9, 11)}}) {
        const auto text = [&](const CustomerMetricUsage &u) -> QString {
            QStringList groups;
            for (const UsageGroup &g : u.usage.groups)
                groups << g.values.join(QLatin1Char(',')) + QLatin1Char('=') + g.quantity.toString();
            return u.metricId + QLatin1Char(' ') + u.usage.total.toString() + QLatin1Char(' ') + groups.join(QLatin1Char(';'));
        };
        QHash<QString, QStringList> expected;
        PeriodAggregator all(f.file->db(), list, start, end);
        for (int i = 0; i < list.size(); ++i)
            all.setGrouping(i, i % 2 ? QStringList{QStringLiteral("region")} : QStringList(), i == 0);
        all.run([&](const CustomerMetricUsage &u) { expected[u.customerId] << text(u); });
        int nonEmpty = 0;
        for (const QString &c : std::as_const(m_customers)) {
            PeriodAggregator one(f.file->db(), list, start, end);
            for (int i = 0; i < list.size(); ++i)
                one.setGrouping(i, i % 2 ? QStringList{QStringLiteral("region")} : QStringList(), i == 0);
            QStringList got;
            one.runForCustomer(c, m_external.value(c), [&](const CustomerMetricUsage &u) { got << text(u); });
            QCOMPARE(got, expected.value(c));
            nonEmpty += got.isEmpty() ? 0 : 1;
        }
        QCOMPARE(nonEmpty, m_customers.size());
    }
}

void TestCustomerReads::usageEqualsTheFullPass()
{
    const QList<MetricDefinition> list = metrics();
    QHash<QString, QString> expected; // customer|metric → total
    PeriodAggregator all(f.file->db(), list, at(2026, 1, 1), at(2026, 2, 1));
    all.run([&](const CustomerMetricUsage &u) { expected.insert(u.customerId + QLatin1Char('|') + u.metricId, u.usage.total.toString()); });
    UsageQueryService usage(*f.file);
    for (const QString &c : std::as_const(m_customers)) {
        for (const MetricDefinition &m : list) {
            UsageRequest r;
            r.customer = c;
            r.metric = m.name();
            r.start = at(2026, 1, 1);
            r.end = at(2026, 2, 1);
            QCOMPARE(usage.usage(r).buckets.first().usage.total.toString(), expected.value(c + QLatin1Char('|') + m.id(), QStringLiteral("0")));
            // By day: a count adds up over the days.
            if (m.aggregation() == Aggregation::Count || m.aggregation() == Aggregation::Sum) {
                r.granularity = BucketSize::Day;
                Decimal sum(0);
                const UsageReport byDay = usage.usage(r);
                for (const BucketUsage &b : byDay.buckets)
                    sum = sum + b.usage.total;
                QCOMPARE(sum.toString(), expected.value(c + QLatin1Char('|') + m.id(), QStringLiteral("0")));
                QVERIFY(byDay.buckets.size() >= 31);
            }
        }
    }
}

void TestCustomerReads::eventSearchFindsExactlyTheCustomersEvents()
{
    UsageEventService events(*f.file, f.clock);
    QStringList refs = m_customers;
    refs << QStringLiteral("ghost") << QStringLiteral("a");
    for (const QString &ref : std::as_const(refs)) {
        for (const auto &[from, to] : {std::pair{QDateTime(), QDateTime()}, std::pair{at(2026, 1, 3), at(2026, 1, 4)}}) {
            for (const bool allVersions : {false, true}) {
                EventSearch s;
                s.customer = ref;
                s.from = from;
                s.to = to;
                s.limit = 10000;
                s.includeAllVersions = allVersions;
                QList<qint64> got;
                for (const StoredEvent &e : events.search(s))
                    got << e.seq;
                // What the search gave before the directory: a scan with the customer's ids.
                const auto c = CustomerRepository(f.file->db()).resolve(ref);
                QString sql = QStringLiteral("SELECT seq FROM usage_events WHERE (customer_id = ? OR external_customer_id = ?)");
                QVariantList binds{c ? c->id : ref, c ? c->externalCustomerId : ref};
                if (!allVersions)
                    sql += QStringLiteral(" AND status IN (0, 2, 3)");
                if (from.isValid()) {
                    sql += QStringLiteral(" AND ts >= ? AND ts < ?");
                    binds << from.toMSecsSinceEpoch() << to.toMSecsSinceEpoch();
                }
                QSqlQuery q = f.file->db().exec(sql + QStringLiteral(" ORDER BY ts DESC, seq DESC"), binds);
                QList<qint64> expected;
                while (q.next())
                    expected << q.value(0).toLongLong();
                QVERIFY(!expected.isEmpty());
                QCOMPARE(got, expected);
            }
        }
    }
}

// Every event is listed in the directory under each id it was sent with, written by the
// transaction that wrote the event (single events, imports, amendments, backfills).
void TestCustomerReads::directoryIsWrittenWithItsEvents()
{
    // One result read to its end before the next statement runs: a server streams a result row
    // by row, and a second statement on the connection would cut the first one short.
    QHash<QString, QSet<qint64>> listed;
    QSqlQuery p = f.file->db().exec(QStringLiteral("SELECT ref, seqs FROM usage_customer_postings"));
    while (p.next())
        for (const QString &s : p.value(1).toString().split(QLatin1Char(',')))
            listed[p.value(0).toString()].insert(s.toLongLong());
    QSqlQuery q = f.file->db().exec(QStringLiteral("SELECT seq, customer_id, external_customer_id FROM usage_events"));
    int n = 0;
    while (q.next()) {
        ++n;
        const qint64 seq = q.value(0).toLongLong();
        if (!q.value(1).isNull())
            QVERIFY2(listed.value(QLatin1Char('c') + q.value(1).toString()).contains(seq), qPrintable(QString::number(seq)));
        if (!q.value(2).isNull())
            QVERIFY2(listed.value(QLatin1Char('x') + q.value(2).toString()).contains(seq), qPrintable(QString::number(seq)));
    }
    QVERIFY(n > 500);
}

QTEST_GUILESS_MAIN(TestCustomerReads)
#include "tst_customerreads.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Single events, a customer's events and usage, the dashboard and the reports on a company
// server against the same on the company file: the demo company is moved to a fresh database
// on the throwaway cluster, the same usage file is imported into both, and then both answer
// the same orbctl commands (show, amend, deprecate, search by customer, usage by day, aging)
// with the same fixed clock, byte for byte and with the same exit codes. Last, both are opened
// in this process and the dashboard's figures and the reports (aging, statements, revenue by
// month and by plan) are compared in full.
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/DashboardQuery.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRunService.h"
#include "models/reports/ReportSource.h"
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using orb::test::ProcessResult;

namespace {

const QString Now = QStringLiteral("2026-12-07T16:00:00Z");

ProcessResult orbctl(const QString &db, const QStringList &args)
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db, QStringLiteral("--now"), Now} + args);
}

QString money(const QMap<QString, orb::Decimal> &m)
{
    QStringList out;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        out << it.key() + QLatin1Char('=') + it.value().toString();
    return out.join(QLatin1Char(' '));
}

QString dump(const orb::DashboardFigures &f)
{
    QStringList out{QStringLiteral("drafts %1 overdue %2 (%3) rejected %4/%5")
                        .arg(f.draftsToIssue)
                        .arg(f.overdueInvoices)
                        .arg(money(f.overdueAmount))
                        .arg(f.eventsRejected)
                        .arg(f.importsWithRejects),
                    QStringLiteral("invoiced %1 paid %2 outstanding %3").arg(money(f.invoiced), money(f.paid), money(f.outstanding)),
                    QStringLiteral("failed ") + f.failedSubscriptions.join(QLatin1Char('|')), QStringLiteral("disputes ") + f.disputes.join(QLatin1Char('|')),
                    QStringLiteral("customers %1/%2").arg(f.customers.active).arg(f.customers.archived)};
    for (const auto &t : f.topCustomers)
        out << QStringLiteral("top %1 %2 %3").arg(t.id, t.name).arg(t.events);
    return out.join(QLatin1Char('\n'));
}

QString dump(const orb::ChartData &c)
{
    return c.title + QLatin1Char('\n') + c.toCsv();
}

QString dump(const QList<orb::AgingItem> &items)
{
    QStringList out;
    for (const orb::AgingItem &i : items)
        out << QStringList{i.customerId,
                           i.customerName,
                           i.invoiceId,
                           i.invoiceNumber,
                           i.currency,
                           i.invoiceDate.toString(Qt::ISODate),
                           i.dueDate.toString(Qt::ISODate),
                           i.outstanding.toString()}
                   .join(QLatin1Char(','));
    return out.join(QLatin1Char('\n'));
}

QString dump(const orb::Statement &s)
{
    QStringList out{QStringList{s.customerId, s.customerName, s.customerAddress.join(QLatin1Char('/')), s.customerTaxId, s.customerEmail, s.currency,
                                s.from.toString(Qt::ISODate), s.to.toString(Qt::ISODate), s.opening.toString(), s.closing.toString()}
                        .join(QLatin1Char(','))};
    for (const orb::StatementLine &l : s.lines)
        out << QStringList{l.date.toString(Qt::ISODate),
                           orb::Statement::kindName(l.kind),
                           l.reference,
                           l.description,
                           l.invoiceNumber,
                           l.detail,
                           l.periodStart.toString(Qt::ISODate),
                           l.periodEnd.toString(Qt::ISODate),
                           l.debit.toString(),
                           l.credit.toString(),
                           l.balance.toString()}
                   .join(QLatin1Char(','));
    QStringList buckets;
    for (const orb::Decimal &b : s.aging.buckets)
        buckets << b.toString();
    out << QStringLiteral("aging %1 %2 %3 %4").arg(s.aging.currency, buckets.join(QLatin1Char(' ')), s.aging.total.toString()).arg(s.aging.invoices);
    for (const auto &d : s.disputes)
        out << QStringLiteral("dispute %1 %2 %3").arg(d.invoiceNumber, d.amount.toString()).arg(d.withdrawn);
    return out.join(QLatin1Char('\n'));
}

/// The value of a JSON path ("a.b") in an orbctl answer.
QString jsonValue(const QByteArray &out, const QStringList &path)
{
    QJsonValue v = QJsonDocument::fromJson(out).object();
    for (const QString &p : path)
        v = v.toObject().value(p);
    return v.toString();
}

} // namespace

class TestServerReads : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_file;
    QString m_url;
    int m_compared = 0;

    /// Runs the same command on both and compares exit code and output; returns the file's.
    ProcessResult same(const QStringList &args)
    {
        ProcessResult onFile = orbctl(m_file, args);
        ProcessResult onServer = orbctl(m_url, args);
        // An import's id is random; a run's time varies.
        static const QRegularExpression importId(QStringLiteral("\"import_id\": \"[^\"]*\""));
        static const QRegularExpression runTime(QStringLiteral(", [0-9]+ ms\\b"));
        for (ProcessResult *r : {&onFile, &onServer})
            r->out = QString::fromUtf8(r->out).replace(importId, QStringLiteral("\"import_id\": \"\"")).replace(runTime, QString()).toUtf8();
        const QByteArray what = args.join(QLatin1Char(' ')).toUtf8();
        if (onServer.exitCode != onFile.exitCode)
            qWarning("%s\nfile (%d): %s\nserver (%d): %s", what.constData(), onFile.exitCode, onFile.err.constData(), onServer.exitCode,
                     onServer.err.constData());
        [&] {
            QCOMPARE(onServer.exitCode, onFile.exitCode);
            QCOMPARE(QString::fromUtf8(onServer.out), QString::fromUtf8(onFile.out));
        }();
        ++m_compared;
        return onFile;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("demo.orb"));
        m_url = orb::test::pgTestDatabase(QStringLiteral("serverreads"));
        QCOMPARE(orbctl(m_file, {QStringLiteral("demo")}).exitCode, 0);
        const ProcessResult move = orbctl(m_file, {QStringLiteral("company"), QStringLiteral("move-to-server"), m_url});
        QVERIFY2(move.exitCode == 0, move.err.constData());

        // New usage on both: sent with the customer's id, its external id, or an id no
        // customer has yet; some keys twice (duplicates).
        const QString acmeId =
            jsonValue(orbctl(m_file, {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("show"), QStringLiteral("acme")}).out,
                      {QStringLiteral("id")});
        QVERIFY(!acmeId.isEmpty());
        QByteArray usage;
        for (int i = 0; i < 400; ++i) {
            const QString who = i % 4 == 0   ? QStringLiteral(R"("customer_id":"%1")").arg(acmeId)
                                : i % 4 == 1 ? QStringLiteral(R"("external_customer_id":"acme")")
                                : i % 4 == 2 ? QStringLiteral(R"("external_customer_id":"brightline")")
                                             : QStringLiteral(R"("external_customer_id":"nobody-yet")");
            usage +=
                QStringLiteral(
                    R"({"event_name":"%1","timestamp":"2026-12-%2T%3:%4:00Z","idempotency_key":"srv-%5",%6,"properties":{"endpoint":"/v1/x%7","user_id":"u%8"}})")
                    .arg(i % 5 == 0 ? QStringLiteral("seat_active") : QStringLiteral("api_request"))
                    .arg(6 + i % 2, 2, 10, QLatin1Char('0'))
                    .arg(i / 40, 2, 10, QLatin1Char('0'))
                    .arg(i % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 380)
                    .arg(who)
                    .arg(i % 7)
                    .arg(i % 11)
                    .toUtf8()
                + '\n';
        }
        const QString events = orb::test::writeFile(m_dir.filePath(QStringLiteral("usage.jsonl")), usage);
        same({QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("import"), events});
    }

    void singleEvents()
    {
        const QString json = QStringLiteral("--json");
        const QString ev = QStringLiteral("events");
        for (const QString &key :
             {QStringLiteral("srv-0"), QStringLiteral("srv-1"), QStringLiteral("srv-9"), QStringLiteral("demo-29684"), QStringLiteral("nope")})
            same({json, ev, QStringLiteral("show"), key});
        // Amended twice (a chain of versions), amended after a deprecation (refused), bad
        // properties (refused), deprecated twice (the second refused).
        same({json, ev, QStringLiteral("amend"), QStringLiteral("srv-1"), QStringLiteral("--properties"),
              QStringLiteral(R"({"endpoint":"/v1/amended","n":2.50})")});
        same({json, ev, QStringLiteral("amend"), QStringLiteral("srv-1"), QStringLiteral("--properties"), QStringLiteral(R"({"endpoint":"/v1/again"})")});
        same({json, ev, QStringLiteral("amend"), QStringLiteral("srv-4"), QStringLiteral("--properties"), QStringLiteral(R"({"user_id":"u99"})")});
        same({json, ev, QStringLiteral("amend"), QStringLiteral("srv-2"), QStringLiteral("--properties"), QStringLiteral(R"({"nested":{"x":1}})")});
        same({json, ev, QStringLiteral("deprecate"), QStringLiteral("srv-3")});
        same({json, ev, QStringLiteral("deprecate"), QStringLiteral("srv-3")});
        same({json, ev, QStringLiteral("amend"), QStringLiteral("srv-3"), QStringLiteral("--properties"), QStringLiteral("{}")});
        same({json, ev, QStringLiteral("deprecate"), QStringLiteral("srv-1")});
        same({json, ev, QStringLiteral("amend"), QStringLiteral("nope"), QStringLiteral("--properties"), QStringLiteral("{}")});
        // An event of an invoiced period: refused on both.
        const ProcessResult old = same({json, ev, QStringLiteral("search"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--to"),
                                        QStringLiteral("2026-10-15"), QStringLiteral("--limit"), QStringLiteral("1")});
        const QJsonArray oldOnes = QJsonDocument::fromJson(old.out).object().value(QStringLiteral("data")).toArray();
        QCOMPARE(oldOnes.size(), 1);
        const QString oldKey = oldOnes.first().toObject().value(QStringLiteral("id")).toString();
        const ProcessResult locked = same({json, ev, QStringLiteral("deprecate"), oldKey});
        QVERIFY(locked.exitCode != 0);
        same({json, ev, QStringLiteral("amend"), oldKey, QStringLiteral("--properties"), QStringLiteral("{}")});
        for (const QString &key : {QStringLiteral("srv-1"), QStringLiteral("srv-2"), QStringLiteral("srv-3"), QStringLiteral("srv-4"), oldKey})
            same({json, ev, QStringLiteral("show"), key});
        // Duplicates and a conflict of an amended key: the original decides, as on a file.
        const QString again = orb::test::writeFile(
            m_dir.filePath(QStringLiteral("again.jsonl")),
            QStringLiteral(
                R"({"event_name":"api_request","timestamp":"2026-12-07T00:01:00Z","idempotency_key":"srv-1","external_customer_id":"acme","properties":{"endpoint":"/v1/x1","user_id":"u1"}})"
                "\n")
                .toUtf8());
        same({json, ev, QStringLiteral("import"), again});
        same({json, ev, QStringLiteral("show"), QStringLiteral("srv-1")});
        QVERIFY(m_compared > 20);
    }

    void customerSearchAndUsage()
    {
        const QString json = QStringLiteral("--json");
        const QString ev = QStringLiteral("events");
        const QString search = QStringLiteral("search");
        const QString customer = QStringLiteral("--customer");
        const QString acmeId =
            jsonValue(orbctl(m_file, {json, QStringLiteral("customers"), QStringLiteral("show"), QStringLiteral("acme")}).out, {QStringLiteral("id")});
        for (const QString &who : {QStringLiteral("acme"), acmeId, QStringLiteral("brightline"), QStringLiteral("nobody-yet"), QStringLiteral("no-such-one")}) {
            same({json, ev, search, customer, who, QStringLiteral("--limit"), QStringLiteral("60")});
            same({json, ev, search, customer, who, QStringLiteral("--all-versions"), QStringLiteral("--from"), QStringLiteral("2026-12-06"),
                  QStringLiteral("--to"), QStringLiteral("2026-12-07T06:00:00Z")});
            same({json, ev, search, customer, who, QStringLiteral("--event-name"), QStringLiteral("seat_active"), QStringLiteral("--limit"),
                  QStringLiteral("5")});
        }
        // Paging through one customer's events, cursor by cursor: the same pages.
        QString cursor;
        int pages = 0;
        do {
            QStringList args{
                json, ev, search, customer, QStringLiteral("acme"), QStringLiteral("--all-versions"), QStringLiteral("--limit"), QStringLiteral("97")};
            if (!cursor.isEmpty())
                args << QStringLiteral("--cursor") << cursor;
            cursor = jsonValue(same(args).out, {QStringLiteral("pagination_metadata"), QStringLiteral("next_cursor")});
        } while (!cursor.isEmpty() && ++pages < 100);
        QVERIFY(pages > 3);
        // Usage by day, week and month, grouped and not, for customers known by id and by
        // external id (the amended and deprecated events included).
        for (const QString &who : {QStringLiteral("acme"), QStringLiteral("brightline"), QStringLiteral("copperleaf")})
            for (const QString &metric : {QStringLiteral("api_calls"), QStringLiteral("seats")}) {
                same({json, QStringLiteral("usage"), customer, who, QStringLiteral("--metric"), metric, QStringLiteral("--from"), QStringLiteral("2026-11-20"),
                      QStringLiteral("--to"), QStringLiteral("2026-12-08"), QStringLiteral("--granularity"), QStringLiteral("day")});
                same({json, QStringLiteral("usage"), customer, who, QStringLiteral("--metric"), metric, QStringLiteral("--from"), QStringLiteral("2026-09-01"),
                      QStringLiteral("--to"), QStringLiteral("2026-12-08"), QStringLiteral("--granularity"), QStringLiteral("week"),
                      QStringLiteral("--group-by"), QStringLiteral("endpoint")});
                same({json, QStringLiteral("usage"), customer, who, QStringLiteral("--metric"), metric, QStringLiteral("--from"), QStringLiteral("2026-01-01"),
                      QStringLiteral("--to"), QStringLiteral("2027-01-01"), QStringLiteral("--granularity"), QStringLiteral("month")});
            }
        same({json, QStringLiteral("usage"), customer, QStringLiteral("no-such-one"), QStringLiteral("--metric"), QStringLiteral("api_calls"),
              QStringLiteral("--from"), QStringLiteral("2026-11-20"), QStringLiteral("--to"), QStringLiteral("2026-12-08")});
    }

    void agingFromOrbctl()
    {
        for (const QString &asOf : {QStringLiteral("2026-12-07"), QStringLiteral("2026-10-31"), QStringLiteral("2026-06-30"), QStringLiteral("2027-03-01")})
            same({QStringLiteral("--json"), QStringLiteral("aging"), QStringLiteral("--as-of"), asOf});
        same({QStringLiteral("aging")});
    }

    void dashboardAndReports()
    {
        auto file = orb::CompanyFile::open(m_file);
        auto server = orb::CompanyFile::open(m_url);
        QVERIFY(file && server);
        QVERIFY(server->db().isServer());
        const QTimeZone zone(file->settings().timezone.toUtf8());
        const QDate today(2026, 12, 7);
        const qint64 monthStart = QDate(2026, 12, 1).startOfDay(zone).toMSecsSinceEpoch();
        const qint64 monthEnd = QDate(2027, 1, 1).startOfDay(zone).toMSecsSinceEpoch();
        const orb::DashboardQuery onFile(file->db()), onServer(server->db());
        const QString figures = dump(onFile.compute(today, monthStart, monthEnd, 20));
        QVERIFY(figures.count(QStringLiteral("\ntop ")) >= 3);
        QCOMPARE(dump(onServer.compute(today, monthStart, monthEnd, 20)), figures);
        const qint64 novemberStart = QDate(2026, 11, 1).startOfDay(zone).toMSecsSinceEpoch();
        QCOMPARE(dump(onServer.compute(QDate(2026, 11, 20), novemberStart, monthStart, 3)),
                 dump(onFile.compute(QDate(2026, 11, 20), novemberStart, monthStart, 3)));
        // Any other window: the events themselves on both.
        const qint64 from = QDateTime(QDate(2026, 12, 5), QTime(7, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const qint64 to = QDateTime(QDate(2026, 12, 7), QTime(7, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QCOMPARE(onServer.topCustomers(from, to, 10).size(), onFile.topCustomers(from, to, 10).size());
        for (qsizetype i = 0; i < onFile.topCustomers(from, to, 10).size(); ++i) {
            QCOMPARE(onServer.topCustomers(from, to, 10).at(i).id, onFile.topCustomers(from, to, 10).at(i).id);
            QCOMPARE(onServer.topCustomers(from, to, 10).at(i).events, onFile.topCustomers(from, to, 10).at(i).events);
        }
        const QStringList customerIds = orb::CustomerRepository(file->db()).namesById().keys();
        QVERIFY(customerIds.size() >= 10);
        for (const QString &id : customerIds)
            QCOMPARE(onServer.customerUsage(id, novemberStart, monthEnd), onFile.customerUsage(id, novemberStart, monthEnd));

        const orb::ReportSource fileReports(*file), serverReports(*server);
        QCOMPARE(serverReports.currencies(), fileReports.currencies());
        for (const QDate asOf : {QDate(2026, 12, 7), QDate(2026, 11, 15), QDate(2026, 9, 30), QDate(2027, 2, 1)}) {
            QCOMPARE(dump(serverReports.agingItems(asOf)), dump(fileReports.agingItems(asOf)));
            QCOMPARE(serverReports.aging(asOf).toCsv(), fileReports.aging(asOf).toCsv());
            for (const QString &id : customerIds)
                QCOMPARE(dump(serverReports.agingItems(asOf, id)), dump(fileReports.agingItems(asOf, id)));
        }
        QVERIFY(!fileReports.agingItems(today).isEmpty());
        for (const QString &id : customerIds) {
            QCOMPARE(dump(serverReports.statement(id, QDate(2026, 1, 1), QDate(2026, 12, 31))),
                     dump(fileReports.statement(id, QDate(2026, 1, 1), QDate(2026, 12, 31))));
            QCOMPARE(dump(serverReports.statement(id, QDate(2026, 10, 1), QDate(2026, 11, 30))),
                     dump(fileReports.statement(id, QDate(2026, 10, 1), QDate(2026, 11, 30))));
        }
        int nonEmpty = 0;
        for (const QString &currency : fileReports.currencies()) {
            const QString byMonth = dump(fileReports.revenueByMonth(QDate(2026, 1, 1), QDate(2026, 12, 31), currency));
            QCOMPARE(dump(serverReports.revenueByMonth(QDate(2026, 1, 1), QDate(2026, 12, 31), currency)), byMonth);
            QCOMPARE(dump(serverReports.revenueByMonth(QDate(2026, 8, 15), QDate(2026, 11, 2), currency)),
                     dump(fileReports.revenueByMonth(QDate(2026, 8, 15), QDate(2026, 11, 2), currency)));
            const QString byPlan = dump(fileReports.revenueByPlan(QDate(2026, 1, 1), QDate(2026, 12, 31), currency));
            QCOMPARE(dump(serverReports.revenueByPlan(QDate(2026, 1, 1), QDate(2026, 12, 31), currency)), byPlan);
            QCOMPARE(dump(serverReports.revenueByPlan(QDate(2026, 11, 1), QDate(2026, 11, 30), currency)),
                     dump(fileReports.revenueByPlan(QDate(2026, 11, 1), QDate(2026, 11, 30), currency)));
            if (byPlan.count(QLatin1Char('\n')) > 1)
                ++nonEmpty;
        }
        QVERIFY(nonEmpty >= 2);
    }

    /// The dashboard's "last run could not bill": the same subscriptions in the same order, and
    /// the last of two runs that finish at the same instant (the fixed clock) is the later one.
    void lastRunFailuresInRunOrder()
    {
        const QString damage =
            QStringLiteral("UPDATE customers SET timezone = 'Mars/Olympus' WHERE external_customer_id IN ('acme', 'daybreak', 'harbor', 'kestrel')");
        const QString repair = QStringLiteral("UPDATE customers SET timezone = 'UTC' WHERE timezone = 'Mars/Olympus'");
        const auto edit = [&](const QString &sql) {
            for (const QString &where : {m_file, m_url}) {
                auto company = orb::CompanyFile::open(where);
                QVERIFY(company);
                orb::UnitOfWork uow(company->db());
                company->db().exec(sql);
                uow.commit();
            }
        };
        const auto failures = [](const QString &where) {
            auto company = orb::CompanyFile::open(where);
            QStringList out;
            for (const orb::InvoiceRunFailure &f : orb::InvoiceRunSummary::lastRunFailures(company->db()))
                out << f.subscriptionId + QLatin1Char(' ') + f.customerName + QLatin1Char(' ') + f.reasons.join(QLatin1Char('|'));
            return out;
        };
        edit(damage);
        same({QStringLiteral("invoices"), QStringLiteral("run")});
        const QStringList failed = failures(m_file);
        QVERIFY2(failed.size() >= 3, qPrintable(failed.join(QLatin1Char('\n'))));
        QCOMPARE(failures(m_url), failed);
        edit(repair);
        same({QStringLiteral("invoices"), QStringLiteral("run")});
        QCOMPARE(failures(m_file), QStringList());
        QCOMPARE(failures(m_url), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestServerReads)
#include "pg_serverreads.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Every `--json` list of orbctl pages as Orb's API does: `--limit N` rows a page, `--cursor`
// from the previous page's `pagination_metadata.next_cursor`, `has_more` false on the last page
// only. Each list verb is walked page by page over a company with more rows than the page, and
// the pages together must be the whole list, every row exactly once and in order.
#include "app/cli/CommandRegistry.h"
#include "models/CompanyFile.h"
#include "models/sync/SyncLog.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using orb::cli::CommandRegistry;
using orb::cli::NounEntry;
using orb::cli::VerbEntry;
using orb::test::ProcessResult;

namespace {

const QString kNow = QStringLiteral("2026-12-07T10:00:00Z");

} // namespace

class TestOrbctlPaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void walkEveryPage_data();
    void walkEveryPage();
    void everyPagedVerbIsWalked();
    void cursorOfAnotherListIsRefused();
    void invoicesListHasMoreOnManyInvoices();

private:
    ProcessResult orbctl(const QString &db, const QStringList &args) const;
    QJsonObject page(const QString &db, const QStringList &args);
    /// A fresh copy of the seeded company for one test row.
    QString freshCopy();
    QString lookup(const QString &what) const { return m_ids.value(what); }

    QTemporaryDir m_dir;
    QString m_seed;
    QString m_seedOnServer; ///< the seed's company on the test cluster (server engine)
    QHash<QString, QString> m_ids;
    int m_copies = 0;
};

ProcessResult TestOrbctlPaging::orbctl(const QString &db, const QStringList &args) const
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db, QStringLiteral("--now"), kNow} + args);
}

QJsonObject TestOrbctlPaging::page(const QString &db, const QStringList &args)
{
    const ProcessResult r = orbctl(db, QStringList{QStringLiteral("--json")} + args);
    if (r.exitCode != 0) {
        qWarning("orbctl %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        return {};
    }
    return QJsonDocument::fromJson(r.out).object();
}

QString TestOrbctlPaging::freshCopy()
{
    // Every use only reads, so the rows share the one server company rather than each moving
    // a copy of the seed to a database of its own.
    if (orb::test::serverEngine())
        return m_seedOnServer;
    const QString path = m_dir.filePath(QStringLiteral("copy%1.orb").arg(++m_copies));
    if (!QFile::copy(m_seed, path))
        return {};
    return path;
}

void TestOrbctlPaging::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The demo company, then a few rows more where the demo has none or one.
    m_seed = m_dir.filePath(QStringLiteral("seed.orb"));
    QCOMPARE(orbctl(m_seed, {QStringLiteral("demo")}).exitCode, 0);
    auto must = [&](const QStringList &args) {
        const ProcessResult r = orbctl(m_seed, args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
    };
    const QJsonArray customers = page(m_seed, {QStringLiteral("customers"), QStringLiteral("list")}).value(QStringLiteral("data")).toArray();
    QVERIFY(!customers.isEmpty());
    const QString customer = customers.first().toObject().value(QStringLiteral("id")).toString();
    m_ids.insert(QStringLiteral("customer"), customer);
    m_ids.insert(QStringLiteral("external"), customers.first().toObject().value(QStringLiteral("external_customer_id")).toString());
    const QJsonArray subscriptions = page(m_seed, {QStringLiteral("subscriptions"), QStringLiteral("list")}).value(QStringLiteral("data")).toArray();
    QVERIFY(!subscriptions.isEmpty());
    // The subscription with the most upcoming invoices (the demo's ids, and so its order, vary).
    qsizetype most = -1;
    for (const QJsonValue &v : subscriptions) {
        const QString id = v.toObject().value(QStringLiteral("id")).toString();
        const qsizetype n = page(m_seed, {QStringLiteral("invoices"), QStringLiteral("upcoming"), id}).value(QStringLiteral("data")).toArray().size();
        if (n > most) {
            most = n;
            m_ids.insert(QStringLiteral("subscription"), id);
        }
    }
    for (const char *month : {"01", "02", "03"})
        must({QStringLiteral("backfills"), QStringLiteral("create"), QStringLiteral("--from"), QStringLiteral("2026-%1-01").arg(QLatin1String(month)),
              QStringLiteral("--to"), QStringLiteral("2026-%1-02").arg(QLatin1String(month))});
    for (int i = 0; i < 3; ++i) {
        must({QStringLiteral("credits"), QStringLiteral("add"), customer, QStringLiteral("--amount"), QStringLiteral("10")});
        must({QStringLiteral("customers"), QStringLiteral("update"), customer, QStringLiteral("--email"), QStringLiteral("ap%1@example.com").arg(i)});
    }
    must({QStringLiteral("coupons"), QStringLiteral("create"), QStringLiteral("--code"), QStringLiteral("WELCOME5"), QStringLiteral("--percentage"),
          QStringLiteral("5%")});
    for (const char *month : {"09", "10", "11"})
        must({QStringLiteral("ledger"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("gnucash-csv"), QStringLiteral("--from"),
              QStringLiteral("2026-%1-01").arg(QLatin1String(month)), QStringLiteral("--to"), QStringLiteral("2026-%1-28").arg(QLatin1String(month)),
              QStringLiteral("-o"), m_dir.filePath(QStringLiteral("ledger%1.csv").arg(QLatin1String(month))), QStringLiteral("--mark-exported")});
    for (int i = 0; i < 3; ++i) {
        must({QStringLiteral("api-keys"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("key %1").arg(i)});
        must({QStringLiteral("webhooks"), QStringLiteral("create"), QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9/hook%1").arg(i)});
    }
    must({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("email.from"), QStringLiteral("Billing <billing@example.com>")});
    must({QStringLiteral("invoices"), QStringLiteral("send"), QStringLiteral("--status"), QStringLiteral("paid"), QStringLiteral("--queue-only")});
    const QJsonArray paid = page(m_seed, {QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("paid")})
                                .value(QStringLiteral("data"))
                                .toArray();
    QVERIFY(paid.size() >= 2);
    for (int i = 0; i < 2; ++i)
        must({QStringLiteral("credit-notes"), QStringLiteral("create"), QStringLiteral("--invoice"),
              paid.at(i).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("--reason"), QStringLiteral("goodwill"), QStringLiteral("--line"),
              QStringLiteral("0=1.00")});
    // Sync log lines come from runs against Stripe; written here as a run writes them.
    {
        auto file = orb::CompanyFile::open(m_seed);
        for (int i = 0; i < 5; ++i)
            orb::SyncLog(file->db())
                .add({0,
                      QDateTime::fromString(kNow, Qt::ISODate).addSecs(i),
                      QStringLiteral("info"),
                      QStringLiteral("run"),
                      0,
                      {},
                      {},
                      {},
                      QStringLiteral("run %1").arg(i)});
    }
    if (orb::test::serverEngine()) {
        m_seedOnServer = orb::test::onTestEngine(m_seed);
        QVERIFY(!m_seedOnServer.isEmpty());
    }
}

void TestOrbctlPaging::walkEveryPage_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("argument"); ///< a positional argument looked up in the seed, or none
    QTest::addColumn<QStringList>("filters");
    auto row = [](const char *name, const QStringList &command, const QString &argument = {}, const QStringList &filters = {}) {
        QTest::newRow(name) << command << argument << filters;
    };
    row("customers list", {QStringLiteral("customers"), QStringLiteral("list")});
    row("plans list", {QStringLiteral("plans"), QStringLiteral("list")});
    row("metrics list", {QStringLiteral("metrics"), QStringLiteral("list")});
    row("subscriptions list", {QStringLiteral("subscriptions"), QStringLiteral("list")});
    row("invoices list", {QStringLiteral("invoices"), QStringLiteral("list")});
    row("invoices list --status paid", {QStringLiteral("invoices"), QStringLiteral("list")}, {}, {QStringLiteral("--status"), QStringLiteral("paid")});
    row("invoices upcoming", {QStringLiteral("invoices"), QStringLiteral("upcoming")}, QStringLiteral("subscription"));
    row("credit-notes list", {QStringLiteral("credit-notes"), QStringLiteral("list")});
    row("credits list", {QStringLiteral("credits"), QStringLiteral("list")}, QStringLiteral("customer"));
    row("coupons list", {QStringLiteral("coupons"), QStringLiteral("list")});
    row("tax-rates list", {QStringLiteral("tax-rates"), QStringLiteral("list")});
    row("events search", {QStringLiteral("events"), QStringLiteral("search")}, {},
        {QStringLiteral("--customer"), QStringLiteral("@external"), QStringLiteral("--from"), QStringLiteral("2026-12-05"), QStringLiteral("--to"),
         QStringLiteral("2026-12-07")});
    row("backfills list", {QStringLiteral("backfills"), QStringLiteral("list")});
    row("ledger exports", {QStringLiteral("ledger"), QStringLiteral("exports")});
    row("email outbox", {QStringLiteral("email"), QStringLiteral("outbox")});
    row("audit list", {QStringLiteral("audit"), QStringLiteral("list")});
    row("audit show", {QStringLiteral("audit"), QStringLiteral("show")}, QStringLiteral("customer"));
    row("sync log", {QStringLiteral("sync"), QStringLiteral("log")});
    row("api-keys list", {QStringLiteral("api-keys"), QStringLiteral("list")});
    row("webhooks list", {QStringLiteral("webhooks"), QStringLiteral("list")});
}

void TestOrbctlPaging::walkEveryPage()
{
    QFETCH(QStringList, command);
    QFETCH(QString, argument);
    QFETCH(QStringList, filters);
    const QString db = freshCopy();
    QVERIFY(!db.isEmpty());
    QStringList base = command;
    if (!argument.isEmpty())
        base << lookup(argument);
    for (const QString &f : filters)
        base << (f.startsWith(QLatin1Char('@')) ? lookup(f.mid(1)) : f);

    // The whole list on one page (the largest page there is).
    const QJsonObject all = page(db, base + QStringList{QStringLiteral("--limit"), QStringLiteral("10000")});
    const QJsonArray whole = all.value(QStringLiteral("data")).toArray();
    QCOMPARE(all.value(QStringLiteral("pagination_metadata")).toObject().value(QStringLiteral("has_more")).toBool(true), false);
    QVERIFY2(whole.size() >= 3, qPrintable(QStringLiteral("the seed has only %1 rows for %2").arg(whole.size()).arg(base.join(QLatin1Char(' ')))));
    const int limit = std::max<int>(1, int(whole.size() / 3));

    QJsonArray walked;
    QString cursor;
    QString firstCursor;
    int pages = 0;
    for (;;) {
        QStringList args = base + QStringList{QStringLiteral("--limit"), QString::number(limit)};
        if (!cursor.isEmpty())
            args << QStringLiteral("--cursor") << cursor;
        const QJsonObject p = page(db, args);
        QVERIFY2(p.contains(QStringLiteral("data")), qPrintable(args.join(QLatin1Char(' '))));
        const QJsonArray data = p.value(QStringLiteral("data")).toArray();
        const QJsonObject meta = p.value(QStringLiteral("pagination_metadata")).toObject();
        QVERIFY(meta.contains(QStringLiteral("has_more")) && meta.contains(QStringLiteral("next_cursor")));
        ++pages;
        QVERIFY2(data.size() <= limit, qPrintable(QStringLiteral("page %1 has %2 rows, the limit is %3").arg(pages).arg(data.size()).arg(limit)));
        for (const QJsonValue &v : data)
            walked.append(v);
        const bool more = meta.value(QStringLiteral("has_more")).toBool();
        if (!more) {
            QVERIFY(meta.value(QStringLiteral("next_cursor")).isNull());
            break;
        }
        // has_more: a full page, and a cursor to go on with.
        QCOMPARE(data.size(), limit);
        QVERIFY(meta.value(QStringLiteral("next_cursor")).isString());
        cursor = meta.value(QStringLiteral("next_cursor")).toString();
        if (firstCursor.isEmpty())
            firstCursor = cursor;
        QVERIFY2(walked.size() < whole.size(), "has_more after every row was seen");
    }
    QVERIFY2(pages >= 2, qPrintable(QStringLiteral("%1 rows, limit %2, but one page").arg(whole.size()).arg(limit)));
    // Every row exactly once, in the list's order.
    QCOMPARE(walked.size(), whole.size());
    QSet<QByteArray> seen;
    for (qsizetype i = 0; i < whole.size(); ++i) {
        const QByteArray row = QJsonDocument(walked.at(i).toObject()).toJson(QJsonDocument::Compact);
        QVERIFY2(!seen.contains(row), qPrintable(QStringLiteral("row %1 seen twice").arg(i)));
        seen.insert(row);
        QCOMPARE(walked.at(i), whole.at(i));
    }
    // A cursor with the largest page: the rest of the list after the first page.
    const QJsonArray rest = page(db, base + QStringList{QStringLiteral("--limit"), QStringLiteral("10000"), QStringLiteral("--cursor"), firstCursor})
                                .value(QStringLiteral("data"))
                                .toArray();
    QCOMPARE(rest.size(), whole.size() - limit);
    for (qsizetype i = 0; i < rest.size(); ++i)
        QCOMPARE(rest.at(i), whole.at(limit + i));
}

void TestOrbctlPaging::everyPagedVerbIsWalked()
{
    // A verb whose help offers --cursor pages; every one of them is in the walk above, and
    // every verb that lists ("List ...", "Show the newest ...") offers it.
    QSet<QString> walked;
    QStringList missing;
    const QStringList rows = {
        QStringLiteral("customers list"), QStringLiteral("plans list"),        QStringLiteral("metrics list"),      QStringLiteral("subscriptions list"),
        QStringLiteral("invoices list"),  QStringLiteral("invoices upcoming"), QStringLiteral("credit-notes list"), QStringLiteral("credits list"),
        QStringLiteral("coupons list"),   QStringLiteral("tax-rates list"),    QStringLiteral("events search"),     QStringLiteral("backfills list"),
        QStringLiteral("ledger exports"), QStringLiteral("email outbox"),      QStringLiteral("audit list"),        QStringLiteral("audit show"),
        QStringLiteral("sync log"),       QStringLiteral("api-keys list"),     QStringLiteral("webhooks list")};
    for (const QString &r : rows)
        walked.insert(r);
    // Not a list: the settings are one object keyed by setting, as `settings get` reads them.
    const QSet<QString> notLists = {QStringLiteral("settings list")};
    for (const NounEntry &n : CommandRegistry::all())
        for (const VerbEntry &v : n.verbs) {
            if (v.verb.isEmpty())
                continue;
            const QString command = n.noun + QLatin1Char(' ') + v.verb;
            const ProcessResult r = orbctl(m_dir.filePath(QStringLiteral("absent.orb")), {n.noun, v.verb, QStringLiteral("--help")});
            QVERIFY2(r.exitCode == 0, qPrintable(command));
            const bool pages = r.out.contains("--cursor") && r.out.contains("--limit");
            const bool lists = v.summary.startsWith(QLatin1String("List ")) || v.summary.startsWith(QLatin1String("Show the newest"));
            if (lists && !pages && !notLists.contains(command))
                missing << command + QStringLiteral(" (lists, but has no --limit/--cursor)");
            // users list: a company file has one local user; several exist only on a server.
            if (pages && !walked.contains(command) && command != QLatin1String("users list"))
                missing << command + QStringLiteral(" (pages, but is not walked by this test)");
        }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
}

void TestOrbctlPaging::cursorOfAnotherListIsRefused()
{
    const QString db = freshCopy();
    const QJsonObject plans = page(db, {QStringLiteral("plans"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")});
    const QString cursor = plans.value(QStringLiteral("pagination_metadata")).toObject().value(QStringLiteral("next_cursor")).toString();
    QVERIFY(!cursor.isEmpty());
    for (const QString &bad : {cursor, QStringLiteral("not-a-cursor!")}) {
        const ProcessResult r = orbctl(db, {QStringLiteral("--json"), QStringLiteral("coupons"), QStringLiteral("list"), QStringLiteral("--limit"),
                                            QStringLiteral("1"), QStringLiteral("--cursor"), bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--cursor") && r.out.isEmpty(), r.err.constData());
    }
    const ProcessResult zero = orbctl(db, {QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("0")});
    QCOMPARE(zero.exitCode, 2);
    QVERIFY2(zero.err.contains("--limit"), zero.err.constData());
}

void TestOrbctlPaging::invoicesListHasMoreOnManyInvoices()
{
    // The reported case: one issued invoice a page on a file holding many says there is more.
    const QString db = freshCopy();
    const QJsonObject p = page(db, {QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("paid"),
                                    QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(p.value(QStringLiteral("data")).toArray().size(), 1);
    QCOMPARE(p.value(QStringLiteral("pagination_metadata")).toObject().value(QStringLiteral("has_more")).toBool(), true);
    // And the table for people says how to go on.
    const ProcessResult r = orbctl(db, {QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("More: orbctl invoices list --cursor "), r.out.constData());
}

QTEST_GUILESS_MAIN(TestOrbctlPaging)
#include "tst_orbctl_paging.moc"

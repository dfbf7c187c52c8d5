// SPDX-License-Identifier: GPL-3.0-or-later
// Orb's invoice list paged by keyset in SQL (ApiInvoicePage): walking every page gives each
// matching invoice exactly once, in Orb's order, with every filter; invoices added meanwhile do
// not shift the pages still to come; and a page of the whole list is one index range.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/UnitOfWork.h"
#include "models/api/ApiInvoicePage.h"
#include "models/billing/InvoiceRepository.h"
#include "tests/support/CompanyFixture.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace orb;

class TestApiInvoicePage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void everyPageOnceInOrbsOrder_data();
    void everyPageOnceInOrbsOrder();
    void addedInvoicesDoNotShiftLaterPages();
    void cursors();
    void wholeListIsOneIndexRange();

private:
    struct Row {
        QString id, customerId, status;
        QDate invoiceDate, dueDate;
        QString createdAt;
    };
    QStringList walk(InvoicePageQuery q, int limit, int *pages = nullptr) const;
    QStringList expected(const std::function<bool(const Row &)> &keep) const;
    /// Adds an invoice in a transaction of its own.
    void add(const Row &r);
    /// Inserts an invoice within the caller's transaction.
    void insert(const Row &r);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_a, m_b;
    QList<Row> m_rows;
};

void TestApiInvoicePage::init()
{
    CompanySettings s;
    s.name = QStringLiteral("Test Co");
    s.timezone = QStringLiteral("UTC");
    static int n = 0;
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("c%1.orb").arg(++n)), s, m_clock);
    Customer a;
    a.name = QStringLiteral("A");
    m_a = CustomerService(*m_file, m_clock).create(a).id;
    Customer b;
    b.name = QStringLiteral("B");
    m_b = CustomerService(*m_file, m_clock).create(b).id;
    m_rows.clear();
    const QStringList statuses = {QStringLiteral("draft"), QStringLiteral("issued"), QStringLiteral("paid"), QStringLiteral("void")};
    // Many invoices share a date, some even their creation instant (an invoice run): the id
    // breaks the tie. Some have no date yet. One transaction for them all: a server commits
    // each over its socket.
    UnitOfWork uow(m_file->db());
    for (int i = 0; i < 230; ++i) {
        Row r;
        r.id = QStringLiteral("inv_%1").arg((i * 7919) % 1000, 4, 10, QLatin1Char('0'));
        r.customerId = i % 3 ? m_a : m_b;
        r.status = statuses[(i / 2) % 4];
        if (i % 23 != 5)
            r.invoiceDate = QDate(2026, 1, 1).addDays(i % 9);
        r.dueDate = r.invoiceDate.isValid() ? r.invoiceDate.addDays(i % 2 ? 30 : 14) : QDate();
        r.createdAt = QStringLiteral("2026-01-0%1T10:00:00.000Z").arg(1 + i % 4);
        insert(r);
    }
    uow.commit();
}

void TestApiInvoicePage::add(const Row &r)
{
    UnitOfWork uow(m_file->db());
    insert(r);
    uow.commit();
}

void TestApiInvoicePage::insert(const Row &r)
{
    Invoice inv;
    inv.id = r.id;
    inv.customerId = r.customerId;
    inv.status = *fromText<InvoiceStatus>(r.status);
    inv.invoiceDate = r.invoiceDate;
    inv.dueDate = r.dueDate;
    inv.currency = QStringLiteral("USD");
    inv.createdAt = QDateTime::fromString(r.createdAt, Qt::ISODateWithMs);
    inv.updatedAt = inv.createdAt;
    InvoiceRepository(m_file->db()).insert(inv);
    Row stored = r;
    stored.createdAt = m_file->db().scalar(QStringLiteral("SELECT created_at FROM invoices WHERE id = ?"), {r.id}).toString();
    m_rows.append(stored);
}

QStringList TestApiInvoicePage::walk(InvoicePageQuery q, int limit, int *pages) const
{
    QStringList out;
    q.limit = limit;
    q.after.reset();
    int n = 0;
    for (;;) {
        const InvoicePage page = ApiInvoicePage(m_file->db()).fetch(q);
        ++n;
        for (const Invoice &inv : page.invoices)
            out << inv.id;
        if (!page.hasMore)
            break;
        if (page.invoices.size() != limit)
            qFatal("a page that is not the last has %lld invoices", static_cast<long long>(page.invoices.size()));
        q.after = ApiInvoicePage::parseCursor(ApiInvoicePage::cursor(page.last)); // through the cursor, as a client does
        if (n > 1000)
            qFatal("no end");
    }
    if (pages)
        *pages = n;
    return out;
}

QStringList TestApiInvoicePage::expected(const std::function<bool(const Row &)> &keep) const
{
    QList<Row> rows;
    for (const Row &r : m_rows)
        if (keep(r))
            rows << r;
    // Orb's order: the latest invoice date first (no date last), the latest created, the id.
    std::sort(rows.begin(), rows.end(), [](const Row &x, const Row &y) {
        if (x.invoiceDate.isValid() != y.invoiceDate.isValid())
            return x.invoiceDate.isValid();
        if (x.invoiceDate != y.invoiceDate)
            return x.invoiceDate > y.invoiceDate;
        if (x.createdAt != y.createdAt)
            return x.createdAt > y.createdAt;
        return x.id > y.id;
    });
    QStringList ids;
    for (const Row &r : rows)
        ids << r.id;
    return ids;
}

void TestApiInvoicePage::everyPageOnceInOrbsOrder_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("filter");
    QTest::addRow("default, 1 a page") << 1 << QStringLiteral("default");
    for (const int limit : {7, 100}) {
        for (const char *f : {"default", "all", "customer", "date range", "date after", "due date", "due window", "draft only"})
            QTest::addRow("%s, %d a page", f, limit) << limit << QString::fromLatin1(f);
    }
}

void TestApiInvoicePage::everyPageOnceInOrbsOrder()
{
    QFETCH(int, limit);
    QFETCH(QString, filter);
    InvoicePageQuery q;
    q.statuses = {QStringLiteral("issued"), QStringLiteral("paid"), QStringLiteral("void")};
    std::function<bool(const Row &)> keep = [](const Row &r) { return r.status != QLatin1String("draft"); };
    if (filter == QLatin1String("all")) {
        q.statuses << QStringLiteral("draft");
        keep = [](const Row &) { return true; };
    } else if (filter == QLatin1String("customer")) {
        q.customerId = m_b;
        keep = [this](const Row &r) { return r.status != QLatin1String("draft") && r.customerId == m_b; };
    } else if (filter == QLatin1String("date range")) {
        q.invoiceDateFrom = QDate(2026, 1, 3);
        q.invoiceDateBefore = QDate(2026, 1, 6);
        keep = [](const Row &r) {
            return r.status != QLatin1String("draft") && r.invoiceDate.isValid() && r.invoiceDate >= QDate(2026, 1, 3) && r.invoiceDate < QDate(2026, 1, 6);
        };
    } else if (filter == QLatin1String("date after")) {
        q.invoiceDateAfter = QDate(2026, 1, 4);
        q.invoiceDateTo = QDate(2026, 1, 8);
        keep = [](const Row &r) {
            return r.status != QLatin1String("draft") && r.invoiceDate.isValid() && r.invoiceDate > QDate(2026, 1, 4) && r.invoiceDate <= QDate(2026, 1, 8);
        };
    } else if (filter == QLatin1String("due date")) {
        q.dueDate = QDate(2026, 1, 15);
        keep = [](const Row &r) { return r.status != QLatin1String("draft") && r.dueDate == QDate(2026, 1, 15); };
    } else if (filter == QLatin1String("due window")) {
        q.dueDateAfter = QDate(2026, 1, 20);
        q.dueDateBefore = QDate(2026, 2, 5);
        keep = [](const Row &r) { return r.status != QLatin1String("draft") && r.dueDate > QDate(2026, 1, 20) && r.dueDate < QDate(2026, 2, 5); };
    } else if (filter == QLatin1String("draft only")) {
        q.statuses = {QStringLiteral("draft")};
        keep = [](const Row &r) { return r.status == QLatin1String("draft"); };
    }
    const QStringList want = expected(keep);
    QVERIFY(!want.isEmpty());
    int pages = 0;
    const QStringList got = walk(q, limit, &pages);
    QCOMPARE(got, want);
    QCOMPARE(pages, std::max(1, int((want.size() + limit - 1) / limit)));
}

void TestApiInvoicePage::addedInvoicesDoNotShiftLaterPages()
{
    InvoicePageQuery q;
    q.statuses = {QStringLiteral("issued"), QStringLiteral("paid"), QStringLiteral("void"), QStringLiteral("draft")};
    const QStringList before = expected([](const Row &) { return true; });
    q.limit = 10;
    InvoicePage page = ApiInvoicePage(m_file->db()).fetch(q);
    QStringList got;
    for (const Invoice &i : page.invoices)
        got << i.id;
    // A new latest invoice and one on the first page's last date arrive between two pages.
    add(Row{QStringLiteral("inv_new_latest"), m_a, QStringLiteral("issued"), QDate(2026, 2, 1), QDate(2026, 3, 1), QStringLiteral("2026-02-01T00:00:00.000Z")});
    add(Row{QStringLiteral("inv_added"), m_a, QStringLiteral("issued"), QDate(2026, 1, 9), QDate(2026, 2, 9), QStringLiteral("2026-01-09T23:00:00.000Z")});
    while (page.hasMore) {
        q.after = page.last;
        page = ApiInvoicePage(m_file->db()).fetch(q);
        for (const Invoice &i : page.invoices)
            got << i.id;
    }
    QCOMPARE(got, before);
}

void TestApiInvoicePage::cursors()
{
    const InvoicePageQuery::After a{QStringLiteral("2026-01-02"), QStringLiteral("2026-01-01T10:00:00.000Z"), QStringLiteral("inv_1")};
    const auto back = ApiInvoicePage::parseCursor(ApiInvoicePage::cursor(a));
    QVERIFY(back);
    QCOMPARE(back->invoiceDate, a.invoiceDate);
    QCOMPARE(back->createdAt, a.createdAt);
    QCOMPARE(back->id, a.id);
    for (const char *bad : {"", "MTA", "!!!", "aTEKeAp5"})
        QVERIFY2(!ApiInvoicePage::parseCursor(QString::fromLatin1(bad)), bad);
}

void TestApiInvoicePage::wholeListIsOneIndexRange()
{
    // The page of the whole list reads the list-order index backwards from the cursor and sorts
    // nothing: its cost does not grow with the company.
    ORB_SQLITE_ONLY("the query plan checked is SQLite's (EXPLAIN QUERY PLAN)");
    QSqlQuery q = m_file->db().exec(QStringLiteral(
        "EXPLAIN QUERY PLAN SELECT id, invoice_date, created_at FROM invoices WHERE (status || '') IN ('issued','paid','void') AND invoice_date IS "
        "NOT NULL AND (invoice_date, created_at, id) < ('2026-01-05', '2026-01-01T10:00:00.000Z', 'inv_0100') "
        "ORDER BY invoice_date DESC, created_at DESC, id DESC LIMIT 21"));
    QString plan;
    while (q.next())
        plan += q.value(3).toString() + QLatin1Char('\n');
    QVERIFY2(plan.contains(QLatin1String("invoices_by_list_order")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
}

QTEST_GUILESS_MAIN(TestApiInvoicePage)
#include "tst_apiinvoicepage.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "engine/Decimal.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/InvoiceTableModel.h"
#include "models/UnitOfWork.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The invoice table model over invoices written straight to the file (many, quickly), and the
/// nested transactions (savepoints) the previews rely on.
class TestInvoiceTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void filtersSortsAndReadsInBlocks();
    void staleResultsAreDropped();
    void reloadShowsChanges();
    void amountColumnsAreExact();
    void sortedListsComeFromIndexes();
    void serverSortsComeFromIndexes();
    void customerSortFollowsRenames();
    void failureIsReported();
    void nestedTransactionsAreSavepoints();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_a, m_b;
};

void TestInvoiceTableModel::initTestCase()
{
    CompanySettings s;
    s.name = QStringLiteral("Table Test");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("t.orb")), s, m_clock);
    CustomerService customers(*m_file, m_clock);
    Customer c;
    c.name = QStringLiteral("Alpha");
    c.externalCustomerId = QStringLiteral("alpha");
    c.currency = QStringLiteral("USD");
    m_a = customers.create(c).id;
    c.name = QStringLiteral("Beta");
    c.externalCustomerId = QStringLiteral("beta");
    m_b = customers.create(c).id;
    UnitOfWork uow(m_file->db());
    const char *statuses[] = {"draft", "issued", "paid", "void"};
    for (int i = 0; i < 1234; ++i) {
        const QDate date = QDate(2025, 1, 1).addDays(i % 400);
        // Totals whose text order differs from their numeric order (9.00 vs 10.00 ...).
        const QString total = QString::number(i % 97 + 1) + QStringLiteral(".00");
        m_file->db().exec(QStringLiteral("INSERT INTO invoices (id, customer_id, kind, status, invoice_number, invoice_date, due_date, currency, "
                                         "net_terms, subtotal, adjustments_total, coupons_total, tax_total, total, balance_applied, credits_applied, "
                                         "amount_due, amount_paid, credited, document, created_at, updated_at) VALUES (?, ?, 'one_off', ?, ?, ?, ?, "
                                         "'USD', 30, ?, '0.00', '0.00', '0.00', ?, '0.00', '0.00', ?, ?, '0.00', '{}', ?, ?)"),
                          {QStringLiteral("inv%1").arg(i), i % 3 == 0 ? m_b : m_a, QLatin1String(statuses[i % 4]),
                           i % 4 == 0 ? QVariant() : QVariant(QStringLiteral("T-%1").arg(i, 6, 10, QLatin1Char('0'))), date.toString(Qt::ISODate),
                           date.addDays(30).toString(Qt::ISODate), total, total, total, i % 4 == 2 ? total : QStringLiteral("0.00"),
                           QStringLiteral("2026-03-01T00:00:00Z"), QStringLiteral("2026-03-01T00:00:00Z")});
    }
    uow.commit();
}

namespace {

/// Waits for the model's background list; fails the test when it never comes.
bool settle(InvoiceTableModel &model)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, 20000);
}

QVariant raw(const InvoiceTableModel &model, int row, int column)
{
    return model.index(row, column).data(InvoiceTableModel::RawValueRole);
}

// -1, 0 or 1 for two neighbouring rows' sort values, as the column orders them.
int compareRows(const InvoiceTableModel &model, int column, int a, int b)
{
    auto cmp = [](const auto &x, const auto &y) { return x < y ? -1 : y < x ? 1 : 0; };
    switch (column) {
    case InvoiceTableModel::Number: {
        // Drafts have no number and come first going up.
        const QString x = model.index(a, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>() == InvoiceStatus::Draft
                              ? QString()
                              : model.index(a, column).data().toString();
        const QString y = model.index(b, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>() == InvoiceStatus::Draft
                              ? QString()
                              : model.index(b, column).data().toString();
        return cmp(x, y);
    }
    case InvoiceTableModel::Customer:
    case InvoiceTableModel::Period: return cmp(model.index(a, column).data().toString(), model.index(b, column).data().toString());
    case InvoiceTableModel::Status: return cmp(raw(model, a, column).toString(), raw(model, b, column).toString());
    case InvoiceTableModel::InvoiceDate:
    case InvoiceTableModel::DueDate: return cmp(raw(model, a, column).toDate(), raw(model, b, column).toDate());
    default: {
        const Decimal x = Decimal::parse(raw(model, a, column).toString());
        const Decimal y = Decimal::parse(raw(model, b, column).toString());
        return x < y ? -1 : y < x ? 1 : 0;
    }
    }
}

} // namespace

void TestInvoiceTableModel::filtersSortsAndReadsInBlocks()
{
    InvoiceTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loading(&model, &InvoiceTableModel::loadingChanged);
    // The list is read in the background: nothing yet, and loading says so.
    QVERIFY(model.isLoading());
    QVERIFY(model.property("loading").toBool());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(settle(model));
    QCOMPARE(loading.size(), 1);
    QCOMPARE(loading.first().first().toBool(), false);
    QCOMPARE(model.rowCount(), 1234);
    QVERIFY(model.lastError().isEmpty());
    // Newest first by default; rows beyond the first block read correctly.
    QCOMPARE(model.index(0, 0).data(InvoiceTableModel::IdRole).toString(), QStringLiteral("inv1233"));
    QCOMPARE(model.index(1000, 0).data(InvoiceTableModel::IdRole).toString(), QStringLiteral("inv233"));
    QCOMPARE(model.index(1000, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Alpha"));
    QCOMPARE(model.index(1002, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Beta")); // inv231
    QCOMPARE(model.rowOf(QStringLiteral("inv0")), 1233);
    QCOMPARE(model.index(model.rowOf(QStringLiteral("inv0")), InvoiceTableModel::Number).data().toString(), QStringLiteral("(draft)"));

    // Every column sorts both ways, by its value (amounts as numbers, not as text).
    for (int column = 0; column < InvoiceTableModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            QVERIFY(model.isLoading());
            QVERIFY(settle(model));
            QCOMPARE(model.rowCount(), 1234);
            const int want = order == Qt::AscendingOrder ? 1 : -1;
            for (int r = 1; r < model.rowCount(); ++r)
                if (compareRows(model, column, r - 1, r) == want) {
                    QFAIL(qPrintable(QStringLiteral("column %1 %2: rows %3 and %4 out of order").arg(column).arg(order).arg(r - 1).arg(r)));
                }
        }
    }
    model.sort(InvoiceTableModel::Customer, Qt::DescendingOrder);
    QVERIFY(settle(model));
    QCOMPARE(model.index(0, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Beta"));
    model.sort(-1, Qt::DescendingOrder);

    InvoiceTableFilter f;
    f.status = InvoiceStatus::Paid;
    f.customer = QStringLiteral("beta");
    model.setFilter(f);
    QVERIFY(settle(model));
    int expected = 0;
    for (int i = 0; i < 1234; ++i)
        expected += (i % 4 == 2 && i % 3 == 0) ? 1 : 0;
    QCOMPARE(model.rowCount(), expected);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>(), InvoiceStatus::Paid);
        QCOMPARE(model.index(r, InvoiceTableModel::Remaining).data(InvoiceTableModel::RawValueRole).toString(), QStringLiteral("0.00"));
    }
    f.customer = m_b; // the id finds the same customer as the external id
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), expected);

    f = {};
    f.overdue = true;
    f.today = QDate(2025, 3, 1);
    f.from = QDate(2025, 1, 1);
    f.to = QDate(2025, 2, 1);
    model.setFilter(f);
    QVERIFY(settle(model));
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>(), InvoiceStatus::Issued);
        QVERIFY(model.index(r, InvoiceTableModel::DueDate).data(InvoiceTableModel::RawValueRole).toDate() < f.today);
        QVERIFY(model.index(r, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate() < f.to);
    }
}

void TestInvoiceTableModel::staleResultsAreDropped()
{
    InvoiceTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(settle(model));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy loading(&model, &InvoiceTableModel::loadingChanged);
    // Two quick filters, then a sort: only the last request's list is shown, once.
    InvoiceTableFilter f;
    f.status = InvoiceStatus::Draft;
    model.setFilter(f);
    f.status = InvoiceStatus::Void;
    model.setFilter(f);
    model.sort(InvoiceTableModel::InvoiceDate, Qt::AscendingOrder);
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 1234); // the old rows stay while loading
    QVERIFY(settle(model));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(loading.size(), 2); // true once, false once
    QCOMPARE(loading.at(0).first().toBool(), true);
    QCOMPARE(loading.at(1).first().toBool(), false);
    QCOMPARE(model.rowCount(), 1234 / 4 + (1234 % 4 > 3 ? 1 : 0));
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>(), InvoiceStatus::Void);
    QVERIFY(raw(model, 0, InvoiceTableModel::InvoiceDate).toDate() <= raw(model, model.rowCount() - 1, InvoiceTableModel::InvoiceDate).toDate());
    // Nothing more arrives later.
    QTest::qWait(100);
    QCOMPARE(resets.size(), 1);
}

void TestInvoiceTableModel::reloadShowsChanges()
{
    InvoiceTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(InvoiceTableModel::Total, Qt::DescendingOrder);
    QVERIFY(settle(model));
    const QString top = model.index(0, 0).data(InvoiceTableModel::IdRole).toString();
    QCOMPARE(raw(model, 0, InvoiceTableModel::Total).toString(), QStringLiteral("97.00"));
    // A write on the program's own connection: the amount columns follow it (triggers), and a
    // reload shows the new value at once and the new order when the list arrives.
    m_file->db().exec(QStringLiteral("UPDATE invoices SET total = '1000.50' WHERE id = 'inv5'"));
    const int row = model.rowOf(QStringLiteral("inv5"));
    QVERIFY(row > 0);
    model.reload();
    QVERIFY(model.isLoading());
    QCOMPARE(raw(model, row, InvoiceTableModel::Total).toString(), QStringLiteral("1000.50"));
    QVERIFY(settle(model));
    QCOMPARE(model.index(0, 0).data(InvoiceTableModel::IdRole).toString(), QStringLiteral("inv5"));
    QCOMPARE(model.index(1, 0).data(InvoiceTableModel::IdRole).toString(), top);
    m_file->db().exec(QStringLiteral("UPDATE invoices SET total = '6.00' WHERE id = 'inv5'"));
}

void TestInvoiceTableModel::amountColumnsAreExact()
{
    Database &db = m_file->db();
    auto minor = [&](const QString &column, const QString &id) {
        return db.scalar(QStringLiteral("SELECT %1 FROM invoices WHERE id = ?").arg(column), {id}).toLongLong();
    };
    // inv6: 7.00, paid in full; inv7: issued, nothing paid; inv4 issued... void ones show 0.
    QCOMPARE(minor(QStringLiteral("total_minor"), QStringLiteral("inv6")), 70000);
    QCOMPARE(minor(QStringLiteral("remaining_minor"), QStringLiteral("inv6")), 0);
    QCOMPARE(minor(QStringLiteral("remaining_minor"), QStringLiteral("inv5")), 60000);
    QCOMPARE(minor(QStringLiteral("remaining_minor"), QStringLiteral("inv7")), 0); // void
    UnitOfWork uow(db);
    db.exec(QStringLiteral("UPDATE invoices SET amount_due = '12.3456', amount_paid = '0.0456', credited = '2' WHERE id = 'inv5'"));
    QCOMPARE(minor(QStringLiteral("remaining_minor"), QStringLiteral("inv5")), 103000);
    db.exec(QStringLiteral("UPDATE invoices SET total = '-0.05' WHERE id = 'inv5'"));
    QCOMPARE(minor(QStringLiteral("total_minor"), QStringLiteral("inv5")), -500);
    db.exec(QStringLiteral("UPDATE invoices SET credited = '99' WHERE id = 'inv5'"));
    QCOMPARE(minor(QStringLiteral("remaining_minor"), QStringLiteral("inv5")), 0); // never below zero
    db.exec(QStringLiteral("UPDATE invoices SET status = 'void' WHERE id = 'inv1'"));
    QCOMPARE(minor(QStringLiteral("remaining_minor"), QStringLiteral("inv1")), 0);
    // uow goes out of scope without commit: everything above is rolled back.
}

void TestInvoiceTableModel::sortedListsComeFromIndexes()
{
    ORB_SQLITE_ONLY("it reads SQLite's query plans (a server's sorts are compared with the file's by pg_windowtables)");
    // Each sort, unfiltered and with a status filter in date order, is served by an index: no
    // sort of the whole table and no read of the wide invoice rows.
    InvoiceTableModel model(m_file->db());
    QVERIFY(settle(model));
    auto plan = [&] {
        const RowIdLoader::Query q = model.idQuery();
        QSqlQuery e = m_file->db().exec(QStringLiteral("EXPLAIN QUERY PLAN ") + q.sql, q.binds);
        QStringList steps;
        while (e.next())
            steps << e.value(3).toString();
        return steps.join(QStringLiteral("; "));
    };
    for (int column = -1; column < InvoiceTableModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            const QString p = plan();
            QVERIFY2(!p.contains(QLatin1String("TEMP B-TREE")), qPrintable(p));
            QVERIFY2(p.contains(QLatin1String("COVERING INDEX")), qPrintable(p));
            QVERIFY2(!p.contains(QRegularExpression(QStringLiteral("(SCAN|SEARCH) i USING INDEX"))), qPrintable(p));
        }
    }
    InvoiceTableFilter f;
    f.status = InvoiceStatus::Issued;
    model.setFilter(f);
    model.sort(InvoiceTableModel::InvoiceDate, Qt::DescendingOrder);
    QVERIFY2(plan().contains(QLatin1String("COVERING INDEX invoices_by_status_date")), qPrintable(plan()));
    f = {};
    f.customer = QStringLiteral("alpha");
    model.setFilter(f);
    QVERIFY2(plan().contains(QLatin1String("COVERING INDEX invoices_by_customer_date")), qPrintable(plan()));
    QVERIFY2(!plan().contains(QLatin1String("TEMP B-TREE")), qPrintable(plan()));
    QVERIFY(settle(model));
}

void TestInvoiceTableModel::serverSortsComeFromIndexes()
{
    if (!m_file->db().isServer())
        QSKIP("a server's plans (a file's: sortedListsComeFromIndexes)");
    // Every sort both ways has an index that yields its order: with sorting priced out, the
    // plan has no Sort node (a table this small would otherwise be sorted, as is cheaper).
    InvoiceTableModel model(m_file->db());
    QVERIFY(settle(model));
    m_file->db().execNative(QStringLiteral("SET enable_sort = off"));
    const auto resetSort = qScopeGuard([&] { m_file->db().execNative(QStringLiteral("RESET enable_sort")); });
    for (int column = -1; column < InvoiceTableModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            const RowIdLoader::Query q = model.idQuery();
            QStringList steps;
            {
                QSqlQuery e = m_file->db().execNative(QStringLiteral("EXPLAIN ") + q.sql, q.binds);
                while (e.next())
                    steps << e.value(0).toString();
            }
            const QString p = steps.join(QLatin1Char('\n'));
            QVERIFY2(!p.contains(QRegularExpression(QStringLiteral("\\bSort\\b"))), qPrintable(QStringLiteral("column %1: %2").arg(column).arg(p)));
            QVERIFY2(!p.contains(QLatin1String("Join")), qPrintable(p));
        }
    }
    QVERIFY(settle(model));
}

void TestInvoiceTableModel::customerSortFollowsRenames()
{
    // A server keeps each invoice's customer name key for this sort (migration 0041): renaming
    // a customer moves its invoices as on a file, and a customer's new invoice joins them.
    InvoiceTableModel model(m_file->db());
    model.sort(InvoiceTableModel::Customer, Qt::AscendingOrder);
    QVERIFY(settle(model));
    const int rows = model.rowCount();
    QCOMPARE(model.index(0, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Alpha"));
    CustomerService customers(*m_file, m_clock);
    CustomerPatch patch;
    patch.name = QStringLiteral("Zulu");
    customers.update(m_a, patch);
    model.reload();
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.index(0, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Beta"));
    QCOMPARE(model.index(rows - 1, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Zulu"));
    for (int r = 1; r < rows; ++r)
        QVERIFY(compareRows(model, InvoiceTableModel::Customer, r - 1, r) <= 0);
    patch.name = QStringLiteral("Alpha");
    customers.update(m_a, patch);
    model.reload();
    QVERIFY(settle(model));
    QCOMPARE(model.index(0, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Alpha"));
}

void TestInvoiceTableModel::failureIsReported()
{
    // A file without invoices: the list cannot be read, and the model says why.
    Database empty;
    empty.open(m_dir.filePath(QStringLiteral("empty.sqlite")), Database::Mode::ReadWrite);
    empty.exec(QStringLiteral("CREATE TABLE unrelated (x)"));
    InvoiceTableModel model(empty);
    QSignalSpy failed(&model, &InvoiceTableModel::loadFailed);
    QVERIFY(settle(model));
    QCOMPARE(failed.size(), 1);
    QVERIFY2(model.lastError().contains(QLatin1String("invoices")), qPrintable(model.lastError()));
    QCOMPARE(failed.first().first().toString(), model.lastError());
    QCOMPARE(model.rowCount(), 0);
}

void TestInvoiceTableModel::nestedTransactionsAreSavepoints()
{
    Database &db = m_file->db();
    auto count = [&] { return db.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices")).toInt(); };
    const int before = count();
    db.begin();
    {
        UnitOfWork inner(db); // a service's own transaction inside the preview's
        db.exec(QStringLiteral("DELETE FROM invoices WHERE status = 'void'"));
        inner.commit();
    }
    QVERIFY(count() < before);
    {
        UnitOfWork failed(db); // an inner failure rolls back only its own part
        db.exec(QStringLiteral("DELETE FROM invoices"));
        QCOMPARE(count(), 0);
    }
    QVERIFY(count() > 0 && count() < before);
    QVERIFY(db.inTransaction());
    db.rollback(); // the outer rollback undoes everything, committed savepoints included
    QVERIFY(!db.inTransaction());
    QCOMPARE(count(), before);
    {
        UnitOfWork plain(db); // and a plain transaction afterwards still commits
        db.exec(QStringLiteral("UPDATE invoices SET memo = 'x' WHERE id = 'inv1'"));
        plain.commit();
    }
    QCOMPARE(db.scalar(QStringLiteral("SELECT memo FROM invoices WHERE id = 'inv1'")).toString(), QStringLiteral("x"));
}

QTEST_GUILESS_MAIN(TestInvoiceTableModel)
#include "tst_invoicetablemodel.moc"

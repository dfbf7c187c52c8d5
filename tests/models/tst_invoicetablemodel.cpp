#include "engine/Clock.h"
#include "engine/Decimal.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/InvoiceTableModel.h"
#include "models/UnitOfWork.h"

#include <QAbstractItemModelTester>
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
    m_file = CompanyFile::create(m_dir.filePath(QStringLiteral("t.orb")), s, m_clock);
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

void TestInvoiceTableModel::filtersSortsAndReadsInBlocks()
{
    InvoiceTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1234);
    // Newest first by default; rows beyond the first block read correctly.
    QCOMPARE(model.index(0, 0).data(InvoiceTableModel::IdRole).toString(), QStringLiteral("inv1233"));
    QCOMPARE(model.index(1000, 0).data(InvoiceTableModel::IdRole).toString(), QStringLiteral("inv233"));
    QCOMPARE(model.index(1000, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Alpha"));
    QCOMPARE(model.index(1002, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Beta")); // inv231
    QCOMPARE(model.rowOf(QStringLiteral("inv0")), 1233);
    QCOMPARE(model.index(model.rowOf(QStringLiteral("inv0")), InvoiceTableModel::Number).data().toString(), QStringLiteral("(draft)"));

    model.sort(InvoiceTableModel::Total, Qt::AscendingOrder);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(Decimal::parse(model.index(r - 1, InvoiceTableModel::Total).data(InvoiceTableModel::RawValueRole).toString())
                <= Decimal::parse(model.index(r, InvoiceTableModel::Total).data(InvoiceTableModel::RawValueRole).toString()));
    model.sort(InvoiceTableModel::Customer, Qt::DescendingOrder);
    QCOMPARE(model.index(0, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Beta"));

    InvoiceTableFilter f;
    f.status = QStringLiteral("paid");
    f.customer = QStringLiteral("beta");
    model.setFilter(f);
    int expected = 0;
    for (int i = 0; i < 1234; ++i)
        expected += (i % 4 == 2 && i % 3 == 0) ? 1 : 0;
    QCOMPARE(model.rowCount(), expected);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, 0).data(InvoiceTableModel::StatusRole).toString(), QStringLiteral("paid"));
        QCOMPARE(model.index(r, InvoiceTableModel::Remaining).data(InvoiceTableModel::RawValueRole).toString(), QStringLiteral("0.00"));
    }

    f = {};
    f.overdue = true;
    f.today = QDate(2025, 3, 1);
    f.from = QDate(2025, 1, 1);
    f.to = QDate(2025, 2, 1);
    model.setFilter(f);
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, 0).data(InvoiceTableModel::StatusRole).toString(), QStringLiteral("issued"));
        QVERIFY(model.index(r, InvoiceTableModel::DueDate).data(InvoiceTableModel::RawValueRole).toDate() < f.today);
        QVERIFY(model.index(r, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate() < f.to);
    }
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

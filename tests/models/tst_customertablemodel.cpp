// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/CustomerTableModel.h"
#include "models/UnitOfWork.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestCustomerTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passesModelTester();
    void loadsRowsLazilyInOrder();
    void searchFiltersInTheFile();
    void sortingReordersAllRows();
    void archivedHiddenUnlessAsked();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    static constexpr int Count = 5000;
};

void TestCustomerTableModel::initTestCase()
{
    CompanySettings s;
    s.name = QStringLiteral("Big Co");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("big.orb")), s, m_clock);
    CustomerRepository repo(m_file->db());
    UnitOfWork uow(m_file->db());
    for (int i = 0; i < Count; ++i) {
        Customer c;
        c.id = QStringLiteral("cus%1").arg(i, 6, 10, QLatin1Char('0'));
        c.name = QStringLiteral("Customer %1").arg(i, 5, 10, QLatin1Char('0'));
        c.externalCustomerId = QStringLiteral("ext-%1").arg(Count - i);
        c.timezone = QStringLiteral("UTC");
        c.createdAt = m_clock.now().addSecs(i);
        c.updatedAt = c.createdAt;
        if (i % 100 == 0)
            c.archivedAt = c.createdAt;
        repo.insert(c);
    }
    uow.commit();
}

void TestCustomerTableModel::passesModelTester()
{
    CustomerTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearch(QStringLiteral("Customer 01"));
    model.sort(CustomerTableModel::ExternalId, Qt::DescendingOrder);
    model.setIncludeArchived(true);
    model.reload();
}

void TestCustomerTableModel::loadsRowsLazilyInOrder()
{
    CustomerTableModel model(m_file->db());
    QCOMPARE(model.rowCount(), Count - Count / 100);
    QCOMPARE(model.columnCount(), int(CustomerTableModel::ColumnCount));
    QCOMPARE(model.index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("Customer 00001"));
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last, CustomerTableModel::Name).data().toString(), QStringLiteral("Customer 04999"));
    QCOMPARE(model.index(last, CustomerTableModel::Status).data().toString(), QStringLiteral("Active"));
    QCOMPARE(model.index(3, CustomerTableModel::Created).data(CustomerTableModel::RawValueRole).toDateTime(), m_clock.now().addSecs(4));
    QCOMPARE(model.customerId(0), QStringLiteral("cus000001"));
    QCOMPARE(model.rowOfId(QStringLiteral("cus000002")), 1);
}

void TestCustomerTableModel::searchFiltersInTheFile()
{
    CustomerTableModel model(m_file->db());
    model.setSearch(QStringLiteral("customer 0499"));
    QCOMPARE(model.rowCount(), 10);
    model.setSearch(QStringLiteral("ext-17"));
    // ext-17, ext-170..179, ext-1700..1799: 1 + 10 + 100, less ext-1700, which is archived
    QCOMPARE(model.rowCount(), 110);
    model.setSearch(QString());
    QCOMPARE(model.rowCount(), Count - Count / 100);
}

void TestCustomerTableModel::sortingReordersAllRows()
{
    CustomerTableModel model(m_file->db());
    model.sort(CustomerTableModel::Name, Qt::DescendingOrder);
    QCOMPARE(model.index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("Customer 04999"));
    model.sort(CustomerTableModel::Created, Qt::AscendingOrder);
    QCOMPARE(model.index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("Customer 00001"));
    model.sort(CustomerTableModel::ExternalId, Qt::AscendingOrder);
    QCOMPARE(model.index(0, CustomerTableModel::ExternalId).data().toString(), QStringLiteral("ext-1"));
}

void TestCustomerTableModel::archivedHiddenUnlessAsked()
{
    CustomerTableModel model(m_file->db());
    model.setIncludeArchived(true);
    QCOMPARE(model.rowCount(), Count);
    QCOMPARE(model.index(0, CustomerTableModel::Status).data().toString(), QStringLiteral("Archived"));
}

QTEST_GUILESS_MAIN(TestCustomerTableModel)
#include "tst_customertablemodel.moc"

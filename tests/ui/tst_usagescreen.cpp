// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/EventTableModel.h"
#include "ui/screens/UsageScreen.h"
#include "ui/widgets/OptionalDateEdit.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The event browser over the demo company's usage: filters, deprecate, amend.
class TestUsageScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void browsesAndFilters();
    void deprecateAndAmend();
    void badDateSaysSo();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestUsageScreen::initTestCase()
{
    m_file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock);
}

void TestUsageScreen::browsesAndFilters()
{
    UsageScreen screen(*m_file, m_clock);
    QAbstractItemModelTester tester(screen.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The list is read in the background; the count says so meanwhile.
    QVERIFY(screen.model()->isLoading());
    QCOMPARE(screen.findChild<QLabel *>(QStringLiteral("eventCount"))->text(), QStringLiteral("Loading…"));
    QTRY_VERIFY(!screen.model()->isLoading());
    const int all = screen.model()->rowCount();
    QVERIFY(all > 100);
    // Newest first.
    const QDateTime first = screen.model()->index(0, EventTableModel::Time).data(EventTableModel::RawValueRole).toDateTime();
    const QDateTime last = screen.model()->index(all - 1, EventTableModel::Time).data(EventTableModel::RawValueRole).toDateTime();
    QVERIFY(first >= last);
    screen.findChild<QLineEdit *>(QStringLiteral("customerFilter"))->setText(QStringLiteral("acme"));
    screen.findChild<QLineEdit *>(QStringLiteral("eventNameFilter"))->setText(QStringLiteral("api_request"));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    const int acme = screen.model()->rowCount();
    QVERIFY(acme > 0 && acme < all);
    for (int r = 0; r < acme; r += 37) {
        QCOMPARE(screen.model()->index(r, EventTableModel::EventName).data().toString(), QStringLiteral("api_request"));
        QCOMPARE(screen.model()->index(r, EventTableModel::Customer).data().toString(), QStringLiteral("acme"));
    }
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("eventCount"))->text().contains(QLocale().toString(acme)));
}

void TestUsageScreen::deprecateAndAmend()
{
    UsageScreen screen(*m_file, m_clock);
    QTRY_VERIFY(!screen.model()->isLoading());
    auto *table = screen.findChild<QTableView *>(QStringLiteral("eventTable"));
    table->selectRow(0);
    const QString key = screen.model()->index(0, EventTableModel::Key).data().toString();
    QCOMPARE(screen.deprecateSelected(), QString());
    QTRY_VERIFY(!screen.model()->isLoading());
    const int row = [&] {
        for (int r = 0; r < screen.model()->rowCount(); ++r)
            if (screen.model()->index(r, EventTableModel::Key).data().toString() == key)
                return r;
        return -1;
    }();
    QVERIFY(row >= 0);
    QCOMPARE(screen.model()->index(row, EventTableModel::Status).data().toString(), QStringLiteral("deprecated"));

    table->selectRow(1);
    const QString amendedKey = screen.model()->index(1, EventTableModel::Key).data().toString();
    QVERIFY(screen.amendSelected(QStringLiteral("{\"nested\": {\"x\": 1}}")).contains(QStringLiteral("nested")));
    QCOMPARE(screen.amendSelected(QStringLiteral("{\"region\": \"eu-west\"}")), QString());
    QTRY_VERIFY(!screen.model()->isLoading());
    bool found = false;
    for (int r = 0; r < screen.model()->rowCount(); ++r) {
        if (screen.model()->index(r, EventTableModel::Key).data().toString() == amendedKey) {
            QCOMPARE(screen.model()->index(r, EventTableModel::Properties).data().toString(), QStringLiteral("{\"region\":\"eu-west\"}"));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestUsageScreen::badDateSaysSo()
{
    UsageScreen screen(*m_file, m_clock);
    QTRY_VERIFY(!screen.model()->isLoading());
    const int before = screen.model()->rowCount();
    // Date fields take no "March 1st"; what can go wrong is a range the wrong way round.
    auto *from = screen.findChild<OptionalDateEdit *>(QStringLiteral("fromFilter"));
    auto *to = screen.findChild<OptionalDateEdit *>(QStringLiteral("toFilter"));
    QVERIFY(from && to && from->isEmpty() && to->isEmpty());
    from->setValue(QDate(2026, 3, 2));
    to->setValue(QDate(2026, 3, 1));
    screen.applyFilter();
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("eventCount"))->text().contains(QStringLiteral("wrong way round")));
    QCOMPARE(screen.model()->rowCount(), before);
    // One day, from and to the same: the last day is included.
    to->setValue(QDate(2026, 3, 2));
    screen.applyFilter();
    QTRY_VERIFY(!screen.model()->isLoading());
    QVERIFY(screen.model()->rowCount() < before);
}

QTEST_MAIN(TestUsageScreen)
#include "tst_usagescreen.moc"

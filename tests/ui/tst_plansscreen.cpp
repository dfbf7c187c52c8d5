// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/PlanTableModel.h"
#include "models/PriceTableModel.h"
#include "tests/support/TestSupport.h"
#include "ui/screens/PlansScreen.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The Plans screen over the demo catalog: plans, versions, prices and the live preview.
class TestPlansScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsDemoCatalog();
    void modelsPassTester();
    void importRefusedWholeThenAccepted();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestPlansScreen::initTestCase()
{
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    m_file = DemoCompany::create(m_dir.filePath(QStringLiteral("demo.orb")), m_clock);
}

void TestPlansScreen::showsDemoCatalog()
{
    PlansScreen screen(*m_file, m_clock);
    screen.resize(1100, 700);
    screen.show();
    auto *plans = screen.findChild<QTableView *>(QStringLiteral("planTable"));
    QCOMPARE(plans->model()->rowCount(), 4); // three USD plans and Growth (EUR)
    QCOMPARE(plans->selectionModel()->selectedRows().size(), 1);
    auto *prices = screen.findChild<QTableView *>(QStringLiteral("priceTable"));
    QVERIFY(prices->model()->rowCount() >= 1);
    QVERIFY(screen.findChild<QComboBox *>(QStringLiteral("versionCombo"))->currentText().contains(QStringLiteral("current")));
    QVERIFY(!screen.findChild<QLabel *>(QStringLiteral("planSummary"))->text().isEmpty());
    // Every price of every plan evaluates in the preview without an error.
    for (int p = 0; p < plans->model()->rowCount(); ++p) {
        plans->selectRow(p);
        for (int r = 0; r < prices->model()->rowCount(); ++r) {
            prices->selectRow(r);
            const QString errors = screen.findChild<QLabel *>(QStringLiteral("previewErrors"))->text();
            const QString summary = screen.findChild<QLabel *>(QStringLiteral("previewSummary"))->text();
            QVERIFY2(summary.contains(QStringLiteral("amount")) || errors.contains(QStringLiteral("applies to other prices")),
                     qPrintable(plans->model()->index(p, 0).data().toString() + QStringLiteral(" / ") + prices->model()->index(r, 0).data().toString()
                                + QStringLiteral(": ") + errors));
        }
    }
}

void TestPlansScreen::modelsPassTester()
{
    PlanTableModel plans(m_file->db());
    QAbstractItemModelTester t1(&plans, QAbstractItemModelTester::FailureReportingMode::QtTest);
    plans.reload();
    PriceTableModel prices;
    QAbstractItemModelTester t2(&prices, QAbstractItemModelTester::FailureReportingMode::QtTest);
    prices.setPrices({QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("model_type"), QStringLiteral("unit")}}}, {}, {});
    QCOMPARE(prices.index(0, PriceTableModel::Metric).data().toString(), QStringLiteral("(fixed fee)"));
}

void TestPlansScreen::importRefusedWholeThenAccepted()
{
    PlansScreen screen(*m_file, m_clock);
    auto *plans = screen.findChild<QTableView *>(QStringLiteral("planTable"));
    const int before = plans->model()->rowCount();
    bool ok = true;
    const QString bad = screen.importFile(orb::test::dataDir() + QStringLiteral("/catalog/invalid_catalog.json"), &ok);
    QVERIFY(!ok);
    QVERIFY2(bad.contains(QStringLiteral("$.")), qPrintable(bad));
    QCOMPARE(plans->model()->rowCount(), before);
    const QString good = screen.importFile(orb::test::dataDir() + QStringLiteral("/catalog/extra_plan_catalog.json"), &ok);
    QVERIFY2(ok, qPrintable(good));
    QVERIFY(plans->model()->rowCount() > before);
}

QTEST_MAIN(TestPlansScreen)
#include "tst_plansscreen.moc"

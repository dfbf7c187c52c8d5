// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/catalog/CatalogService.h"
#include "tests/ui/GuiCompany.h"
#include "models/PlanTableModel.h"
#include "models/PriceTableModel.h"
#include "tests/support/TestSupport.h"
#include "ui/screens/PlansScreen.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QUndoStack>
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
    void archiveAndDeleteUndoThroughTheService();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestPlansScreen::initTestCase()
{
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    m_file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock);
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

void TestPlansScreen::archiveAndDeleteUndoThroughTheService()
{
    QUndoStack undo;
    PlansScreen screen(*m_file, m_clock);
    screen.setUndoStack(&undo);
    screen.resize(1100, 700);
    screen.show();
    CatalogService catalog(*m_file, m_clock);
    auto *table = screen.findChild<QTableView *>(QStringLiteral("planTable"));
    table->selectRow(0);
    const QString shown = table->model()->index(0, 0).data().toString();
    std::optional<Plan> selected;
    for (const Plan &p : catalog.plans().list())
        if (p.name == shown)
            selected = p;
    QVERIFY2(selected, qPrintable(shown));
    const Plan plan = *selected;
    // The question is answered Yes with the mouse once it shows.
    auto *timer = new QTimer(&screen);
    timer->setInterval(10);
    connect(timer, &QTimer::timeout, timer, [timer] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
    timer->start();
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("archivePlanButton")), Qt::LeftButton);
    QVERIFY(catalog.plan(plan.id).isArchived());
    QCOMPARE(undo.undoText(), QStringLiteral("Archive plan %1").arg(plan.name));
    undo.undo();
    QVERIFY(!catalog.plan(plan.id).isArchived());
    undo.redo();
    QVERIFY(catalog.plan(plan.id).isArchived());
    undo.undo();
    QStringList actions;
    for (const AuditEntry &e : AuditLog(m_file->db()).forObject(QStringLiteral("plan"), plan.id))
        actions << e.action;
    QCOMPARE(actions.mid(actions.size() - 4),
             (QStringList{QStringLiteral("plan.archive"), QStringLiteral("plan.unarchive"), QStringLiteral("plan.archive"), QStringLiteral("plan.unarchive")}));

    // Deleting (the undo of creating) is refused for a plan with subscriptions, and removes a
    // fresh plan whole, with its audit entry.
    const QString subscribed = m_file->db().scalar(QStringLiteral("SELECT plan_id FROM subscriptions LIMIT 1")).toString();
    if (!subscribed.isEmpty())
        QVERIFY_THROWS_EXCEPTION(ServiceError, catalog.deletePlan(subscribed));
    QJsonObject json = catalog.describe(plan, catalog.planVersion(plan));
    json.insert(QStringLiteral("name"), QStringLiteral("Fresh plan"));
    json.insert(QStringLiteral("external_plan_id"), QStringLiteral("fresh-plan"));
    json.remove(QStringLiteral("id"));
    const QString fresh = catalog.createPlan(json).planId;
    catalog.deletePlan(fresh);
    QVERIFY_THROWS_EXCEPTION(ServiceError, catalog.plan(fresh));
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM plan_versions WHERE plan_id = ?"), {fresh}).toInt(), 0);
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("plan"), fresh).last().action, QStringLiteral("plan.delete"));
}

QTEST_MAIN(TestPlansScreen)
#include "tst_plansscreen.moc"

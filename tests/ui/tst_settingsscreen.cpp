// SPDX-License-Identifier: GPL-3.0-or-later
// The Settings screen: billing settings saved as one audited action, a refused change that
// changes nothing, tax rates added and refused, the next document numbers.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/billing/BillingSetupService.h"
#include "ui/screens/SettingsScreen.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace orb;

class TestSettingsScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // the key box's keychain is not under test here
    }

    void savesBillingSettingsAsOneAuditedAction()
    {
        auto file = newFile(QStringLiteral("a.orb"));
        SettingsScreen screen(*file, m_clock);
        auto *grace = screen.findChild<QSpinBox *>(QStringLiteral("graceSpin"));
        auto *terms = screen.findChild<QSpinBox *>(QStringLiteral("defaultNetTermsSpin"));
        auto *name = screen.findChild<QLineEdit *>(QStringLiteral("companyNameEdit"));
        QSignalSpy changed(&screen, &SettingsScreen::settingsChanged);
        grace->setValue(48);
        terms->setValue(14);
        name->setText(QStringLiteral("Renamed Co"));
        QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(file->setting(QStringLiteral("grace_period_hours")), QStringLiteral("48"));
        QCOMPARE(file->setting(QStringLiteral("default_net_terms")), QStringLiteral("14"));
        QCOMPARE(file->settings().name, QStringLiteral("Renamed Co"));
        const QList<AuditEntry> grace48 = AuditLog(file->db()).forObject(QStringLiteral("setting"), QStringLiteral("grace_period_hours"));
        QCOMPARE(grace48.size(), 1);
        QCOMPARE(grace48.first().after->value(QStringLiteral("value")).toString(), QStringLiteral("48"));
        QCOMPARE(grace48.first().at, m_clock.now()); // the screen's clock, not the system's
        QCOMPARE(AuditLog(file->db()).forObject(QStringLiteral("company"), QStringLiteral("1")).size(), 1);
    }

    void savedSettingsCanBeUndone()
    {
        auto file = newFile(QStringLiteral("u.orb"));
        QUndoStack undo;
        SettingsScreen screen(*file, m_clock);
        screen.setUndoStack(&undo);
        screen.findChild<QSpinBox *>(QStringLiteral("graceSpin"))->setValue(48);
        screen.findChild<QLineEdit *>(QStringLiteral("companyNameEdit"))->setText(QStringLiteral("Renamed Co"));
        QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
        QCOMPARE(undo.count(), 1);
        QCOMPARE(undo.undoText(), QStringLiteral("Change company settings"));

        undo.undo();
        QCOMPARE(file->setting(QStringLiteral("grace_period_hours")), QStringLiteral("12"));
        QCOMPARE(file->settings().name, QStringLiteral("Settings Co"));
        QCOMPARE(screen.findChild<QLineEdit *>(QStringLiteral("companyNameEdit"))->text(), QStringLiteral("Settings Co"));
        // The undo is itself an audited change.
        QCOMPARE(AuditLog(file->db()).forObject(QStringLiteral("setting"), QStringLiteral("grace_period_hours")).size(), 2);

        undo.redo();
        QCOMPARE(file->setting(QStringLiteral("grace_period_hours")), QStringLiteral("48"));
        QCOMPARE(file->settings().name, QStringLiteral("Renamed Co"));
        QCOMPARE(screen.findChild<QSpinBox *>(QStringLiteral("graceSpin"))->value(), 48);
    }

    void refusedSaveChangesNothing()
    {
        auto file = newFile(QStringLiteral("b.orb"));
        SettingsScreen screen(*file, m_clock);
        screen.findChild<QSpinBox *>(QStringLiteral("graceSpin"))->setValue(72);
        screen.findChild<QLineEdit *>(QStringLiteral("invoicePrefixEdit"))->setText(QStringLiteral("bad prefix!"));
        QSignalSpy changed(&screen, &SettingsScreen::settingsChanged);
        QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
        QCOMPARE(changed.count(), 0);
        QVERIFY(screen.findChild<QLabel *>(QStringLiteral("settingsStatus"))->text().contains(QStringLiteral("invoice_prefix")));
        // The grace period was not saved either: the whole form is one action.
        QCOMPARE(file->setting(QStringLiteral("grace_period_hours"), QStringLiteral("12")), QStringLiteral("12"));
        QCOMPARE(file->settings().invoicePrefix, QStringLiteral("INV-"));
    }

    void addsAndRefusesTaxRates()
    {
        auto file = newFile(QStringLiteral("c.orb"));
        SettingsScreen screen(*file, m_clock);
        auto *table = screen.findChild<QTableView *>(QStringLiteral("taxRatesTable"));
        auto *name = screen.findChild<QLineEdit *>(QStringLiteral("taxNameEdit"));
        auto *pct = screen.findChild<QLineEdit *>(QStringLiteral("taxPercentEdit"));
        auto *add = screen.findChild<QPushButton *>(QStringLiteral("addTaxRateButton"));
        auto *status = screen.findChild<QLabel *>(QStringLiteral("settingsStatus"));
        QCOMPARE(table->model()->rowCount(), 0);

        QTest::keyClicks(name, QStringLiteral("VAT 19%"));
        QTest::keyClicks(pct, QStringLiteral("nineteen"));
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(status->text().contains(QStringLiteral("percentage")));
        QCOMPARE(BillingSetupService::loadTaxRates(file->db()).size(), 0);
        QCOMPARE(name->text(), QStringLiteral("VAT 19%")); // kept for correcting

        pct->clear();
        QTest::keyClicks(pct, QStringLiteral("19"));
        QTest::keyClick(pct, Qt::Key_Return);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("VAT 19%"));
        QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("19%")); // English writes the sign close
        QCOMPARE(table->model()->index(0, 2).data().toString(), QStringLiteral("not assigned yet"));
        QVERIFY(name->text().isEmpty());
        const QList<TaxRateRecord> rates = BillingSetupService::loadTaxRates(file->db());
        QCOMPARE(rates.size(), 1);
        QCOMPARE(AuditLog(file->db()).forObject(QStringLiteral("tax_rate"), rates.first().id).size(), 1);

        // The same name again is a conflict, said plainly.
        QTest::keyClicks(name, QStringLiteral("VAT 19%"));
        QTest::keyClicks(pct, QStringLiteral("7"));
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(status->text().contains(QStringLiteral("already exists")));
        QCOMPARE(table->model()->rowCount(), 1);
    }

    void showsNextNumbers()
    {
        auto file = newFile(QStringLiteral("d.orb"));
        SettingsScreen screen(*file, m_clock);
        auto *next = screen.findChild<QLabel *>(QStringLiteral("nextNumbersLabel"));
        QCOMPARE(next->text(), QStringLiteral("invoice INV-000001, credit note INV-CN-000001"));
        screen.findChild<QLineEdit *>(QStringLiteral("invoicePrefixEdit"))->setText(QStringLiteral("AC-"));
        QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
        QCOMPARE(next->text(), QStringLiteral("invoice AC-000001, credit note AC-CN-000001"));
    }

private:
    std::unique_ptr<CompanyFile> newFile(const QString &name)
    {
        CompanySettings s;
        s.name = QStringLiteral("Settings Co");
        return test::createCompany(m_dir.filePath(name), s, m_clock);
    }

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
};

QTEST_MAIN(TestSettingsScreen)
#include "tst_settingsscreen.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The Reports screen's ledger export: the dialog fills in the period, writes the file the CLI
// writes, marks the period and says so the next time.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/exports/LedgerExportLog.h"
#include "models/exports/LedgerJournal.h"
#include "models/exports/LedgerWriter.h"
#include "ui/dialogs/LedgerExportDialog.h"
#include "ui/screens/ReportsScreen.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestLedgerExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void exportsWhatTheCliExports();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
};

void TestLedgerExportDialog::exportsWhatTheCliExports()
{
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, true);
    LedgerExportDialog dialog(*file, m_clock, QDate(2026, 1, 1), QDate(2026, 1, 31));
    dialog.show();
    auto *summary = dialog.findChild<QLabel *>(QStringLiteral("ledgerSummary"));
    const int entries = int(LedgerJournal::build(*file, QDate(2026, 1, 1), QDate(2026, 1, 31)).size());
    QVERIFY2(summary->text().contains(QString::number(entries)), qPrintable(summary->text()));
    auto *exportButton = dialog.findChild<QPushButton *>(QStringLiteral("ledgerExportButton"));
    QVERIFY(!exportButton->isEnabled());
    const QString path = m_dir.filePath(QStringLiteral("jan.iif"));
    dialog.findChild<QComboBox *>(QStringLiteral("ledgerFormat"))->setCurrentIndex(1);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("ledgerFile")), path);
    QVERIFY(exportButton->isEnabled());
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), LedgerWriter::iif(LedgerJournal::build(*file, QDate(2026, 1, 1), QDate(2026, 1, 31))));
    QCOMPARE(LedgerExportLog(*file).list().size(), 1);
    QVERIFY2(summary->text().contains(QLatin1String("already exported")), qPrintable(summary->text()));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("ledgerResult"))->text().contains(QLatin1String("Wrote")));
    if (qEnvironmentVariableIsSet("ORB_SCREENSHOT_DIR")) // for people to look at
        dialog.grab().save(qEnvironmentVariable("ORB_SCREENSHOT_DIR") + QStringLiteral("/ledger-export-dialog.png"));

    // A backwards period is reported, and nothing is written.
    dialog.findChild<QDateEdit *>(QStringLiteral("ledgerFrom"))->setDate(QDate(2026, 2, 1));
    QVERIFY(summary->text().contains(QLatin1String("after")));
    QVERIFY(!dialog.exportNow().isEmpty());
    QCOMPARE(LedgerExportLog(*file).list().size(), 1);

    // The Reports screen opens it.
    ReportsScreen screen(*file, m_clock);
    QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("ledgerExportButton")));
}

QTEST_MAIN(TestLedgerExportDialog)
#include "tst_ledgerexportdialog.moc"

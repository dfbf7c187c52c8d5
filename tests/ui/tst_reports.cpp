// SPDX-License-Identifier: GPL-3.0-or-later
// The reports screen over a company with issued, paid and overdue invoices: the aging table,
// revenue and usage charts with their exports, printing onto a printer device, and a
// background batch of invoice PDFs.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/billing/InvoiceService.h"
#include "models/reports/AgingTableModel.h"
#include "ui/charts/ReportChartView.h"
#include "ui/documents/DocumentExporter.h"
#include "ui/documents/PdfBatchJob.h"
#include "ui/screens/ReportsScreen.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QChart>
#include <QAbstractBarSeries>
#include <QDateEdit>
#include <QPrinter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestReports : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void agingTable();
    void revenueCharts();
    void usageChartAndExports();
    void refreshesOnlyWhileVisible();
    void printsOnAPrinterDevice();
    void invoicePdfsInTheBackground();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 1, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestReports::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, false);
    InvoiceService service(*m_file, m_clock);
    // January: 400.00 for Acme (paid 150.00 in February), net 10: 50 days past due on 2026-03-01.
    const Invoice jan =
        service.issue(service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("Setup"), Decimal(1), Decimal(400), {}}}, QDate(2026, 1, 10), {}, 10).id);
    m_clock.set(QDateTime(QDate(2026, 2, 15), QTime(12, 0), Qt::UTC));
    service.pay(jan.id, Decimal(150), QDate(2026, 2, 15));
    // February: 99.00 for Daybreak, due 2026-03-17: current on 2026-03-01.
    service.issue(service.createOneOff(QStringLiteral("daybreak"), {{QStringLiteral("Support"), Decimal(1), Decimal(99), {}}}, QDate(2026, 2, 15), {}, 30).id);
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
}

void TestReports::agingTable()
{
    ReportsScreen screen(*m_file, m_clock);
    QTRY_VERIFY(!screen.isLoading()); // read in the background
    QAbstractItemModelTester tester(screen.agingModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    AgingTableModel *m = screen.agingModel();
    QCOMPARE(m->rowCount(), 3); // Acme, Daybreak, Total USD
    QCOMPARE(m->index(0, AgingTableModel::Customer).data().toString(), QStringLiteral("Acme Robotics Inc."));
    QCOMPARE(m->index(0, AgingTableModel::Days31To60).data().toString(), QStringLiteral("$250.00"));
    QCOMPARE(m->index(0, AgingTableModel::Days31To60).data(AgingTableModel::RawValueRole).toLongLong(), 25000);
    QCOMPARE(m->index(1, AgingTableModel::Current).data().toString(), QStringLiteral("$99.00"));
    QCOMPARE(m->index(2, AgingTableModel::Customer).data().toString(), QStringLiteral("Total USD"));
    QCOMPARE(m->index(2, AgingTableModel::Total).data().toString(), QStringLiteral("$349.00"));
    QVERIFY(m->index(2, 0).data(AgingTableModel::IsTotalRole).toBool());
    // Back on 2026-01-31 only January's invoice was open, before its payment: 21 days past due.
    screen.findChild<QDateEdit *>(QStringLiteral("agingAsOf"))->setDate(QDate(2026, 1, 31));
    QVERIFY(screen.isLoading());
    QTRY_VERIFY(!screen.isLoading());
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->index(0, AgingTableModel::Days1To30).data().toString(), QStringLiteral("$400.00"));

    const QString csv = m_dir.filePath(QStringLiteral("aging.csv"));
    QVERIFY(screen.exportAgingCsv(csv).isEmpty());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("Acme Robotics Inc.,USD,0.00,400.00,0.00,0.00,0.00,400.00,1"));
    QVERIFY(screen.exportAgingPdf(m_dir.filePath(QStringLiteral("aging.pdf"))).isEmpty());
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("aging.pdf"))).size() > 1000);
    QVERIFY(!screen.exportAgingCsv(m_dir.filePath(QStringLiteral("missing/dir/aging.csv"))).isEmpty());
}

void TestReports::revenueCharts()
{
    ReportsScreen screen(*m_file, m_clock);
    QTRY_VERIFY(!screen.isLoading());
    const ChartData &month = screen.revenueByMonthChart()->data();
    QCOMPARE(month.categories.size(), 12);
    QCOMPARE(month.categories.last(), QStringLiteral("2026-03"));
    const int jan = int(month.categories.indexOf(QStringLiteral("2026-01")));
    const int feb = int(month.categories.indexOf(QStringLiteral("2026-02")));
    QCOMPARE(month.find(QStringLiteral("Invoiced"))->values.at(jan).toString(), QStringLiteral("400.00"));
    QCOMPARE(month.find(QStringLiteral("Invoiced"))->values.at(feb).toString(), QStringLiteral("99.00"));
    QCOMPARE(month.find(QStringLiteral("Paid"))->values.at(feb).toString(), QStringLiteral("150.00"));
    QCOMPARE(month.find(QStringLiteral("Outstanding"))->values.at(jan).toString(), QStringLiteral("250.00"));
    // The chart holds the same series: three bar sets of twelve bars.
    QChart *chart = screen.revenueByMonthChart()->chart();
    QCOMPARE(chart->series().size(), 1);
    auto *bars = qobject_cast<QAbstractBarSeries *>(chart->series().first());
    QVERIFY(bars);
    QCOMPARE(bars->barSets().size(), 3);
    QCOMPARE(bars->barSets().at(0)->label(), QStringLiteral("Invoiced"));
    QCOMPARE(bars->barSets().at(0)->at(jan), 400.0);
    QVERIFY(chart->legend()->isVisible());
    emit bars->hovered(true, feb, bars->barSets().at(1));
    // Hovering a bar shows its exact value, as the window writes months and amounts.
    QCOMPARE(screen.revenueByMonthChart()->lastToolTip(), QStringLiteral("Paid, Feb 2026: $150.00"));

    const ChartData &plan = screen.revenueByPlanChart()->data();
    QCOMPARE(plan.categories, QStringList{QStringLiteral("One-off")});
    QCOMPARE(plan.series.first().values.first().toString(), QStringLiteral("499.00"));
}

void TestReports::usageChartAndExports()
{
    ReportsScreen screen(*m_file, m_clock);
    screen.resize(900, 700);
    QCOMPARE(
        screen.showUsage(QStringLiteral("acme"), QStringLiteral("nonexistent metric"), BucketSize::Day, {}, QDate(2026, 2, 1), QDate(2026, 2, 28)).isEmpty(),
        false);
    QVERIFY(!screen.showUsage(QStringLiteral("acme"), QStringLiteral("api_calls"), BucketSize::Day, {}, QDate(2026, 3, 1), QDate(2026, 2, 1)).isEmpty());
    const QString error = screen.showUsage(QStringLiteral("acme"), QStringLiteral("api_calls"), BucketSize::Week, {}, QDate(2026, 1, 5), QDate(2026, 2, 1));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(screen.isLoading()); // the events are scanned in the background
    QTRY_VERIFY(!screen.isLoading());
    const ChartData &usage = screen.usageChart()->data();
    QCOMPARE(usage.categories.size(), 4);
    QCOMPARE(usage.categories.first(), QStringLiteral("2026-W02"));
    QCOMPARE(usage.series.size(), 1);
    // Split by a property: one stacked series per model.
    QVERIFY(
        screen.showUsage(QStringLiteral("acme"), QStringLiteral("tokens"), BucketSize::Month, QStringLiteral("model"), QDate(2025, 11, 1), QDate(2026, 2, 28))
            .isEmpty());
    QTRY_VERIFY(!screen.isLoading());
    QVERIFY(screen.usageChart()->data().stacked);
    QCOMPARE(screen.usageChart()->data().categories.size(), 4);
    QVERIFY(screen.usageChart()->chart()->series().size() == 1);
    const QString png = m_dir.filePath(QStringLiteral("usage.png"));
    QString why;
    QVERIFY2(screen.usageChart()->exportPng(png, &why), qPrintable(why));
    QVERIFY(!QImage(png).isNull());
    const QString csv = m_dir.filePath(QStringLiteral("usage.csv"));
    QVERIFY(screen.usageChart()->exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("category,large,small"));
    QVERIFY(lines.at(1).startsWith("2025-11,"));
    QFile::remove(QDir::current().filePath(QStringLiteral("usage-chart.png")));
    QFile::copy(png, QDir::current().filePath(QStringLiteral("usage-chart.png"))); // to look at
}

void TestReports::refreshesOnlyWhileVisible()
{
    ReportsScreen screen(*m_file, m_clock);
    QTRY_VERIFY(!screen.isLoading());
    QSignalSpy loaded(&screen, &ReportsScreen::loaded);
    // Hidden: a change of the invoices only marks the reports stale...
    screen.invalidate();
    QVERIFY(!screen.isLoading());
    QCOMPARE(loaded.size(), 0);
    // ...and showing the screen reads them again, once.
    screen.show();
    QVERIFY(screen.isLoading());
    QTRY_COMPARE(loaded.size(), 1);
    // Shown: a change reads them at once.
    screen.invalidate();
    QVERIFY(screen.isLoading());
    QTRY_COMPARE(loaded.size(), 2);
    screen.hide();
    screen.show(); // nothing changed meanwhile: nothing to read
    QVERIFY(!screen.isLoading());
}

void TestReports::printsOnAPrinterDevice()
{
    // The print dialog's printer, pointed at a PDF file: the same renderer paints its pages.
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString out = m_dir.filePath(QStringLiteral("printed.pdf"));
    printer.setOutputFileName(out);
    const NamedDocument doc = DocumentExporter(*m_file).aging(QDate(2026, 3, 1));
    QCOMPARE(ReportsScreen::printOn(printer, doc.document), 1);
    QVERIFY(QFileInfo(out).size() > 1000);
}

void TestReports::invoicePdfsInTheBackground()
{
    ReportsScreen screen(*m_file, m_clock);
    QSignalSpy finished(screen.batchJob(), &PdfBatchJob::finished);
    QSignalSpy progress(screen.batchJob(), &PdfBatchJob::progress);
    const QString dir = m_dir.filePath(QStringLiteral("pdfs"));
    QVERIFY(screen.startInvoicePdfs(dir, InvoiceStatus::Issued));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(finished.first().at(0).toInt(), 2);
    QVERIFY(finished.first().at(1).toString().isEmpty());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 2);
}

QTEST_MAIN(TestReports)
#include "tst_reports.moc"

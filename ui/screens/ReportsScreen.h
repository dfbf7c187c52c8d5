// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/TimeBuckets.h"
#include "models/billing/InvoiceStatus.h"
#include "ui/documents/PrintedDocument.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPrinter;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;

namespace orb {

class AgingTableModel;
class BackgroundReader;
class Clock;
class CompanyFile;
class PdfBatchJob;
class ReportChartView;

/**
 * Reports: the receivables aging table as of a date (export as CSV or PDF, print), revenue
 * by month and by plan, usage over time per customer and metric (by day, week or month,
 * optionally split by a property), each chart with PNG and CSV export, and invoice PDFs
 * written into a folder in the background with a progress bar.
 */
class ReportsScreen final : public QWidget
{
    Q_OBJECT

public:
    ReportsScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    AgingTableModel *agingModel() const { return m_agingModel; }
    ReportChartView *revenueByMonthChart() const { return m_revenueMonth; }
    ReportChartView *revenueByPlanChart() const { return m_revenuePlan; }
    ReportChartView *usageChart() const { return m_usage; }
    PdfBatchJob *batchJob() const { return m_batch; }

    /// The aging report shown, as CSV or PDF. Each returns the error, empty on success (the
    /// buttons ask for the file first, and wait while a newer report is read).
    QString exportAgingCsv(const QString &path) const;
    QString exportAgingPdf(const QString &path) const;
    QString showUsage(const QString &customer, const QString &metric, BucketSize size, const QString &groupBy, QDate from, QDate to);
    /// Starts writing the invoices of a status ("" for all) into a folder; false when running.
    bool startInvoicePdfs(const QString &dir, InvoiceStatus status);

    /// True while a report or the usage chart is being read in the background.
    bool isLoading() const;

    /// Paints a document on a printer set up by the print dialog; returns the pages printed.
    static int printOn(QPrinter &printer, const PrintedDocument &document);
    /// Shows the system print dialog for a document and prints it.
    static bool printDocument(QWidget *parent, const PrintedDocument &document);

public slots:
    /// Reads the aging and revenue reports again, in the background.
    void refresh();
    /// The invoices changed: refresh now if the screen is shown, else when it is next shown.
    void invalidate();

signals:
    /// A background read finished and its results are shown (or its error is).
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Reports;
    void showReports(const Reports &reports);
    QDate today() const;
    void refreshUsageChoices();
    ReportChartView *currentChart() const;
    void saveChart(bool png);

    CompanyFile &m_file;
    const Clock &m_clock;
    BackgroundReader *m_reader;
    BackgroundReader *m_usageReader;
    BackgroundReader *m_currencyReader;
    bool m_stale = false;
    QDateEdit *m_asOf;
    QComboBox *m_currency;
    AgingTableModel *m_agingModel;
    QTableView *m_agingTable;
    QLabel *m_status;
    QTabWidget *m_tabs;
    ReportChartView *m_revenueMonth;
    ReportChartView *m_revenuePlan;
    ReportChartView *m_usage;
    QComboBox *m_usageCustomer;
    QComboBox *m_usageMetric;
    QComboBox *m_usageSize;
    QLineEdit *m_usageGroupBy;
    QDateEdit *m_usageFrom;
    QDateEdit *m_usageTo;
    QProgressBar *m_progress;
    PdfBatchJob *m_batch;
};

} // namespace orb

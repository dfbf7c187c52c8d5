// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/screens/ReportsScreen.h"

#include "engine/Clock.h"
#include "engine/billing/BillingSchedule.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/catalog/MetricRepository.h"
#include "models/reports/AgingTableModel.h"
#include "models/reports/ReportSource.h"
#include "models/reports/UsageSeries.h"
#include "models/usage/UsageQueryService.h"
#include "ui/charts/ReportChartView.h"
#include "ui/LocaleFormat.h"
#include "ui/dialogs/LedgerExportDialog.h"
#include "ui/documents/DocumentExporter.h"
#include "ui/documents/DocumentRenderer.h"
#include "ui/documents/PdfBatchJob.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace orb {

namespace {

QPushButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

QDateEdit *dateEdit(const QString &name, QWidget *parent)
{
    auto *d = new QDateEdit(parent);
    d->setObjectName(name);
    d->setCalendarPopup(true);
    d->setDisplayFormat(LocaleFormat::dateFormat(d->locale()));
    return d;
}

} // namespace

ReportsScreen::ReportsScreen(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_file(file), m_clock(clock), m_reader(new BackgroundReader(file.path(), QStringLiteral("orb-reports"), this)),
      m_usageReader(new BackgroundReader(file.path(), QStringLiteral("orb-usage-chart"), this)),
      m_currencyReader(new BackgroundReader(file.path(), QStringLiteral("orb-report-currencies"), this)), m_agingModel(new AgingTableModel(this)),
      m_batch(new PdfBatchJob(this))
{
    setObjectName(QStringLiteral("reportsScreen"));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<h2>Reports</h2>"), this);

    // The title and what the reports are of on one row, what to do with them on the next: in
    // German the single row was wider than a 1280-pixel window.
    auto *bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addSpacing(16);
    auto *asOfLabel = new QLabel(tr("Aging as of"), this);
    bar->addWidget(asOfLabel);
    m_asOf = dateEdit(QStringLiteral("agingAsOf"), this);
    m_asOf->setDate(today());
    m_asOf->setAccessibleName(asOfLabel->text());
    asOfLabel->setBuddy(m_asOf);
    bar->addWidget(m_asOf);
    auto *currencyLabel = new QLabel(tr("Currency"), this);
    bar->addWidget(currencyLabel);
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("revenueCurrency"));
    m_currency->setAccessibleName(currencyLabel->text());
    currencyLabel->setBuddy(m_currency);
    bar->addWidget(m_currency);
    auto *refreshButton = button(tr("Refresh"), QStringLiteral("refreshButton"), this);
    auto *csv = button(tr("Export CSV…"), QStringLiteral("exportAgingCsvButton"), this);
    auto *pdf = button(tr("Export PDF…"), QStringLiteral("exportAgingPdfButton"), this);
    auto *print = button(tr("Print…"), QStringLiteral("printAgingButton"), this);
    auto *pdfs = button(tr("Invoice PDFs…"), QStringLiteral("invoicePdfsButton"), this);
    auto *ledger = button(tr("Export to ledger…"), QStringLiteral("ledgerExportButton"), this);
    bar->addWidget(refreshButton);
    bar->addStretch();
    layout->addLayout(bar);
    auto *exports = new QHBoxLayout;
    for (QPushButton *b : {csv, pdf, print, pdfs, ledger})
        exports->addWidget(b);
    exports->addStretch();
    layout->addLayout(exports);

    m_agingTable = new QTableView(this);
    m_agingTable->setObjectName(QStringLiteral("agingTable"));
    m_agingTable->setModel(m_agingModel);
    m_agingTable->horizontalHeader()->setSectionResizeMode(AgingTableModel::Customer, QHeaderView::Stretch);
    m_agingTable->verticalHeader()->hide();
    m_agingTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_agingTable->setMaximumHeight(220);
    layout->addWidget(m_agingTable);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("batchProgress"));
    m_progress->hide();
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    layout->addLayout(statusRow);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    m_revenueMonth = new ReportChartView(this);
    m_revenueMonth->setObjectName(QStringLiteral("revenueMonthChart"));
    m_revenuePlan = new ReportChartView(this);
    m_revenuePlan->setObjectName(QStringLiteral("revenuePlanChart"));
    m_tabs->addTab(m_revenueMonth, tr("Revenue by month"));
    m_tabs->addTab(m_revenuePlan, tr("Revenue by plan"));

    auto *usagePage = new QWidget(this);
    auto *usageLayout = new QVBoxLayout(usagePage);
    auto *usageBar = new QHBoxLayout;
    m_usageCustomer = new QComboBox(usagePage);
    m_usageCustomer->setObjectName(QStringLiteral("usageCustomer"));
    m_usageMetric = new QComboBox(usagePage);
    m_usageMetric->setObjectName(QStringLiteral("usageMetric"));
    m_usageSize = new QComboBox(usagePage);
    m_usageSize->setObjectName(QStringLiteral("usageGranularity"));
    m_usageSize->addItem(tr("Day"), int(BucketSize::Day));
    m_usageSize->addItem(tr("Week"), int(BucketSize::Week));
    m_usageSize->addItem(tr("Month"), int(BucketSize::Month));
    m_usageGroupBy = new QLineEdit(usagePage);
    m_usageGroupBy->setObjectName(QStringLiteral("usageGroupBy"));
    m_usageGroupBy->setPlaceholderText(tr("group by property (optional)"));
    m_usageFrom = dateEdit(QStringLiteral("usageFrom"), usagePage);
    m_usageTo = dateEdit(QStringLiteral("usageTo"), usagePage);
    m_usageFrom->setDate(today().addMonths(-1));
    m_usageTo->setDate(today());
    auto *show = button(tr("Show"), QStringLiteral("showUsageButton"), usagePage);
    for (QWidget *w : std::initializer_list<QWidget *>{m_usageCustomer, m_usageMetric, m_usageSize, m_usageGroupBy, m_usageFrom, m_usageTo, show})
        usageBar->addWidget(w);
    usageLayout->addLayout(usageBar);
    m_usage = new ReportChartView(usagePage);
    m_usage->setObjectName(QStringLiteral("usageChart"));
    usageLayout->addWidget(m_usage, 1);
    m_tabs->addTab(usagePage, tr("Usage"));
    layout->addWidget(m_tabs, 1);

    auto *chartBar = new QHBoxLayout;
    chartBar->addStretch();
    auto *png = button(tr("Save chart as PNG…"), QStringLiteral("saveChartPngButton"), this);
    auto *chartCsv = button(tr("Save chart data as CSV…"), QStringLiteral("saveChartCsvButton"), this);
    chartBar->addWidget(png);
    chartBar->addWidget(chartCsv);
    layout->addLayout(chartBar);

    connect(refreshButton, &QPushButton::clicked, this, &ReportsScreen::refresh);
    connect(m_asOf, &QDateEdit::dateChanged, this, &ReportsScreen::refresh);
    connect(m_currency, &QComboBox::currentTextChanged, this, &ReportsScreen::refresh);
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export aging as CSV"), QStringLiteral("aging.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            m_status->setText(exportAgingCsv(path).isEmpty() ? tr("Wrote %1").arg(path) : exportAgingCsv(path));
    });
    connect(pdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export aging as PDF"), QStringLiteral("aging.pdf"), tr("PDF files (*.pdf)"));
        if (path.isEmpty())
            return;
        const QString error = exportAgingPdf(path);
        m_status->setText(error.isEmpty() ? tr("Wrote %1").arg(path) : error);
    });
    connect(print, &QPushButton::clicked, this, [this] {
        try {
            printDocument(this, DocumentExporter(m_file).aging(m_agingModel->report()).document);
        } catch (const ServiceError &e) {
            m_status->setText(e.message());
        }
    });
    // What is exported and printed is the report shown, computed in the background: while a
    // newer one is read (another date), the buttons wait for it rather than print the old one
    // or compute it again on the window's thread.
    connect(m_reader, &BackgroundReader::busyChanged, this, [csv, pdf, print](bool busy) {
        for (QPushButton *b : {csv, pdf, print})
            b->setEnabled(!busy);
    });
    connect(ledger, &QPushButton::clicked, this, [this] {
        // The month before the aging date, the period one usually closes.
        const QDate last = QDate(m_asOf->date().year(), m_asOf->date().month(), 1).addDays(-1);
        LedgerExportDialog dialog(m_file, m_clock, QDate(last.year(), last.month(), 1), last, this);
        dialog.exec();
    });
    connect(pdfs, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the invoice PDFs"));
        if (!dir.isEmpty())
            startInvoicePdfs(dir, InvoiceStatus::Issued);
    });
    connect(show, &QPushButton::clicked, this, [this] {
        const QString error =
            showUsage(m_usageCustomer->currentData().toString(), m_usageMetric->currentData().toString(), BucketSize(m_usageSize->currentData().toInt()),
                      m_usageGroupBy->text().trimmed(), m_usageFrom->date(), m_usageTo->date());
        m_status->setText(error);
    });
    connect(png, &QPushButton::clicked, this, [this] { saveChart(true); });
    connect(chartCsv, &QPushButton::clicked, this, [this] { saveChart(false); });
    connect(m_batch, &PdfBatchJob::progress, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_batch, &PdfBatchJob::finished, this, [this](int written, const QString &error, bool cancelled) {
        m_progress->hide();
        if (!error.isEmpty())
            m_status->setText(error);
        else
            m_status->setText(cancelled ? tr("Stopped after %1 invoice PDFs").arg(written) : tr("Wrote %1 invoice PDFs").arg(written));
    });

    refreshUsageChoices();
    refresh();
}

QDate ReportsScreen::today() const
{
    QTimeZone zone(m_file.settings().timezone.toUtf8());
    return billing::BillingSchedule::localDate(m_clock.now(), zone.isValid() ? zone : QTimeZone::utc());
}

void ReportsScreen::refreshUsageChoices()
{
    for (const Customer &c : CustomerRepository(m_file.db()).list(CustomerQuery{}))
        m_usageCustomer->addItem(c.name, c.id);
    for (const MetricDefinition &m : MetricRepository(m_file.db()).list())
        m_usageMetric->addItem(m.name(), m.id());
}

/// What one background read of the reports hands back.
struct ReportsScreen::Reports {
    QString currency;
    AgingReport aging = AgingReport::build({}, QDate());
    ChartData byMonth;
    ChartData byPlan;
};

void ReportsScreen::refresh()
{
    m_stale = false;
    const QDate asOf = m_asOf->date();
    const QDate from = QDate(asOf.year(), asOf.month(), 1).addMonths(-11);
    const CompanySettings settings = m_file.settings();
    const QTimeZone zone(settings.timezone.toUtf8());
    const QString defaultCurrency = settings.defaultCurrency;
    const bool needCurrencies = m_currency->count() == 0;
    // The company's currency comes first in the list, so it is the one shown until the list is
    // read; the list (every invoice's currency, a scan of the whole table) is read beside the
    // reports, on a thread of its own, rather than before them.
    const QString chosen = needCurrencies ? defaultCurrency : m_currency->currentText();
    if (needCurrencies && !m_currencyReader->isBusy())
        m_currencyReader->read([=](const Database &db) { return ReportSource(db, zone, defaultCurrency).currencies(); },
                               [this](const QStringList &currencies) {
                                   if (m_currency->count() == 0) {
                                       const QSignalBlocker block(m_currency);
                                       m_currency->addItems(currencies);
                                   }
                               });
    // Reading a million invoices takes seconds: never on the window's thread. A newer refresh
    // (another date, another currency) supersedes a running one.
    m_reader->read(
        [=](const Database &db) {
            const ReportSource source(db, zone, defaultCurrency);
            Reports r;
            r.currency = chosen;
            r.aging = source.aging(asOf);
            r.byMonth = source.revenueByMonth(from, asOf, r.currency);
            r.byPlan = source.revenueByPlan(from, asOf, r.currency);
            return r;
        },
        [this](const Reports &r) { showReports(r); },
        [this](const QString &error) {
            m_status->setText(error);
            emit loaded();
        });
}

void ReportsScreen::showReports(const Reports &r)
{
    m_agingModel->setReport(r.aging);
    m_revenueMonth->setData(r.byMonth);
    m_revenuePlan->setData(r.byPlan);
    m_status->setText(tr("%Ln open invoice(s)", nullptr, int(m_agingModel->report().openInvoices())));
    emit loaded();
}

void ReportsScreen::invalidate()
{
    if (isVisible())
        refresh();
    else
        m_stale = true;
}

void ReportsScreen::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

bool ReportsScreen::isLoading() const
{
    return m_reader->isBusy() || m_currencyReader->isBusy() || m_usageReader->isBusy();
}

QString ReportsScreen::exportAgingCsv(const QString &path) const
{
    QSaveFile f(path);
    const QByteArray bytes = m_agingModel->report().toCsv().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString());
    return {};
}

QString ReportsScreen::exportAgingPdf(const QString &path) const
{
    try {
        DocumentExporter::writePdf(DocumentExporter(m_file).aging(m_agingModel->report()).document, path);
        return {};
    } catch (const ServiceError &e) {
        return e.message();
    }
}

QString ReportsScreen::showUsage(const QString &customer, const QString &metric, BucketSize size, const QString &groupBy, QDate from, QDate to)
{
    if (customer.isEmpty() || metric.isEmpty())
        return tr("Choose a customer and a metric.");
    if (!from.isValid() || !to.isValid() || from > to)
        return tr("The usage period must start on or before its end.");
    UsageRequest request;
    try {
        request.customer = customer;
        request.metric = metric;
        const auto c = CustomerRepository(m_file.db()).resolve(customer);
        QTimeZone zone(c && !c->timezone.isEmpty() ? c->timezone.toUtf8() : QByteArray("UTC"));
        request.start = QDateTime(from, QTime(0, 0), zone);
        request.end = QDateTime(to.addDays(1), QTime(0, 0), zone);
        request.granularity = size;
        request.groupBy = groupBy;
        // Two indexed lookups here, so a wrong customer or metric is said at once; the scan
        // of the events runs in the background.
        UsageQueryService(m_file.db()).check(request);
    } catch (const ServiceError &e) {
        return e.message();
    }
    m_usageReader->read([request](const Database &db) { return UsageQueryService(db).usage(request); },
                        [this, size](const UsageReport &report) {
                            m_usage->setData(UsageSeries::build(report.buckets, size, report.metric.name()), ReportChartView::Kind::Bars);
                            m_tabs->setCurrentIndex(2);
                            emit loaded();
                        },
                        [this](const QString &error) {
                            m_status->setText(error);
                            emit loaded();
                        });
    return {};
}

bool ReportsScreen::startInvoicePdfs(const QString &dir, InvoiceStatus status)
{
    InvoiceFilter filter;
    filter.status = status;
    if (!m_batch->start(m_file.path(), filter, dir))
        return false;
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Writing invoice PDFs to %1…").arg(dir));
    return true;
}

ReportChartView *ReportsScreen::currentChart() const
{
    switch (m_tabs->currentIndex()) {
    case 0: return m_revenueMonth;
    case 1: return m_revenuePlan;
    default: return m_usage;
    }
}

void ReportsScreen::saveChart(bool png)
{
    const QString path =
        QFileDialog::getSaveFileName(this, png ? tr("Save chart as PNG") : tr("Save chart data as CSV"),
                                     png ? QStringLiteral("chart.png") : QStringLiteral("chart.csv"), png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = png ? currentChart()->exportPng(path, &error) : currentChart()->exportCsv(path, &error);
    m_status->setText(ok ? tr("Wrote %1").arg(path) : error);
}

int ReportsScreen::printOn(QPrinter &printer, const PrintedDocument &document)
{
    DocumentRenderer::preparePage(printer, document);
    printer.setDocName(document.title + QLatin1Char(' ') + document.reference);
    return DocumentRenderer::render(document, &printer);
}

bool ReportsScreen::printDocument(QWidget *parent, const PrintedDocument &document)
{
    QPrinter printer(QPrinter::HighResolution);
    DocumentRenderer::preparePage(printer, document);
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(QObject::tr("Print %1").arg(document.title));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    return printOn(printer, document) > 0;
}

} // namespace orb

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/InvoiceRunDialog.h"

#include "ui/LocaleFormat.h"

#include "models/StatusText.h"
#include "engine/Clock.h"
#include "models/BackgroundJob.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace orb {

namespace {

QString kindText(InvoiceKind kind)
{
    switch (kind) {
    case InvoiceKind::InAdvance: return InvoiceRunDialog::tr("Fees in advance");
    case InvoiceKind::InArrears: return InvoiceRunDialog::tr("Usage and fees in arrears");
    case InvoiceKind::OneTime: return InvoiceRunDialog::tr("One-time fees");
    case InvoiceKind::OneOff: break;
    }
    return InvoiceRunDialog::tr("One-off");
}

} // namespace

InvoiceRunDialog::InvoiceRunDialog(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock), m_job(new BackgroundJob(QStringLiteral("orb-invoice-run"), this))
{
    setObjectName(QStringLiteral("invoiceRunDialog"));
    setWindowTitle(tr("Invoice run"));
    const QTimeZone zone(file.settings().timezone.toUtf8());
    m_asOf = new QDateEdit(clock.now().toTimeZone(zone).date(), this);
    m_asOf->setObjectName(QStringLiteral("runAsOf"));
    m_asOf->setAccessibleName(tr("Invoice everything due by"));
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(LocaleFormat::dateFormat(m_asOf->locale()));
    m_preview = new QPushButton(tr("&Preview"), this);
    m_preview->setObjectName(QStringLiteral("runPreviewButton"));
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(tr("&Stop"), this);
    m_cancel->setObjectName(QStringLiteral("runCancelButton"));
    m_cancel->setEnabled(false);
    m_close = new QPushButton(tr("Close"), this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setAccessibleName(tr("Run progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Preview shows what a run would create without storing anything."), this);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setWordWrap(true);
    m_failures = new QLabel(this);
    m_failures->setObjectName(QStringLiteral("runFailures"));
    m_failures->setWordWrap(true);
    m_failures->setTextFormat(Qt::PlainText);
    m_failures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failures->setForegroundRole(QPalette::BrightText);
    m_failures->setAutoFillBackground(true);
    m_failures->setBackgroundRole(QPalette::Dark);
    m_failures->hide();
    m_invoices = new QTableWidget(0, 6, this);
    m_invoices->setObjectName(QStringLiteral("runInvoices"));
    m_invoices->setAccessibleName(tr("Invoices of the run"));
    m_invoices->setHorizontalHeaderLabels({tr("Customer"), tr("Kind"), tr("Period"), tr("Invoice date"), tr("Total"), tr("In the file")});
    // The customer keeps a readable width whatever the other columns hold (a stretched column
    // shrank to nothing beside long "recomposes…" texts); the last column takes what is left,
    // and a narrow dialog scrolls instead of hiding names.
    m_invoices->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_invoices->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_invoices->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Interactive);
    m_invoices->horizontalHeader()->setStretchLastSection(true);
    m_invoices->setColumnWidth(0, m_invoices->fontMetrics().averageCharWidth() * 28);
    m_invoices->setColumnWidth(5, m_invoices->fontMetrics().averageCharWidth() * 24);
    m_invoices->setWordWrap(false);
    m_invoices->verticalHeader()->hide();
    m_invoices->verticalHeader()->setDefaultSectionSize(m_invoices->fontMetrics().height() + 8);
    m_invoices->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *form = new QFormLayout;
    form->addRow(tr("Invoice everything due &by:"), m_asOf);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_preview);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_failures);
    layout->addWidget(m_invoices, 1);
    layout->addLayout(buttons);
    resize(960, 520);

    m_run->setEnabled(!file.isReadOnly());
    connect(m_preview, &QPushButton::clicked, this, &InvoiceRunDialog::preview);
    connect(m_run, &QPushButton::clicked, this, &InvoiceRunDialog::run);
    connect(m_cancel, &QPushButton::clicked, this, &InvoiceRunDialog::cancelRun);
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
        m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    });
    connect(m_close, &QPushButton::clicked, this, &InvoiceRunDialog::reject);
}

InvoiceRunDialog::~InvoiceRunDialog()
{
    // Stopped and joined before the widgets its result would fill go.
    m_job->cancel();
    m_job->wait();
}

bool InvoiceRunDialog::isRunning() const
{
    return m_job->isRunning();
}

QDateTime InvoiceRunDialog::asOf() const
{
    // The end of the chosen day in the company's zone: everything due that day is included.
    const QTimeZone zone(m_file.settings().timezone.toUtf8());
    return m_asOf->date().addDays(1).startOfDay(zone).addSecs(-1).toUTC();
}

void InvoiceRunDialog::preview()
{
    start(true);
}

void InvoiceRunDialog::run()
{
    start(false);
}

void InvoiceRunDialog::cancelRun()
{
    m_job->cancel();
    m_status->setText(tr("Stopping after the current batch…"));
}

void InvoiceRunDialog::reject()
{
    if (m_job->isRunning()) {
        cancelRun();
        m_closeWhenDone = true; // closes once the worker has stopped (see onFinished)
        return;
    }
    QDialog::reject();
}

void InvoiceRunDialog::setBusy(bool busy)
{
    m_preview->setEnabled(!busy);
    m_run->setEnabled(!busy && !m_file.isReadOnly());
    m_asOf->setEnabled(!busy);
    m_cancel->setEnabled(busy);
}

void InvoiceRunDialog::start(bool dryRun)
{
    if (m_job->isRunning())
        return;
    m_error.clear();
    const Clock *clock = &m_clock;
    const QDateTime asOf = this->asOf();
    m_progress->setRange(0, 0);
    m_status->setText(dryRun ? tr("Working out what a run as of %1 would create…").arg(LocaleFormat::date(m_asOf->date()))
                             : tr("Running as of %1…").arg(LocaleFormat::date(m_asOf->date())));
    setBusy(true);
    m_job->start(
        m_file.path(),
        [clock, asOf, dryRun](BackgroundJob::Context &context) {
            CompanyFile &file = context.company();
            InvoiceRunOptions options;
            options.asOf = asOf;
            options.dryRun = dryRun;
            options.progress = [&context](qint64 done, qint64 total) {
                context.progress(done, total);
                return !context.isCancelled();
            };
            RunOutcome outcome;
            if (dryRun) // read before: a real run would store what the preview lists
                outcome.existing = InvoiceRepository(file.db()).identities();
            outcome.summary = InvoiceRunService(file, *clock).run(options);
            outcome.customerNames = CustomerRepository(file.db()).namesById();
            return outcome;
        },
        [this, dryRun](const RunOutcome &outcome) { showOutcome(outcome, dryRun); },
        [this, dryRun](const QString &error) {
            RunOutcome outcome;
            outcome.error = error;
            showOutcome(outcome, dryRun);
        });
}

void InvoiceRunDialog::showOutcome(const RunOutcome &outcome, bool dryRun)
{
    m_summary = outcome.summary;
    m_error = outcome.error;
    m_invoices->setRowCount(0);
    for (const Invoice &inv : m_summary.invoices) {
        const int r = m_invoices->rowCount();
        m_invoices->insertRow(r);
        m_invoices->setItem(r, 0, new QTableWidgetItem(outcome.customerNames.value(inv.customerId, inv.customerId)));
        m_invoices->setItem(r, 1, new QTableWidgetItem(kindText(inv.kind)));
        m_invoices->setItem(r, 2, new QTableWidgetItem(LocaleFormat::period(inv.periodStart, inv.periodEnd)));
        m_invoices->setItem(r, 3, new QTableWidgetItem(LocaleFormat::date(inv.invoiceDate)));
        auto *total = new QTableWidgetItem(LocaleFormat::money(inv.total, inv.currency));
        total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_invoices->setItem(r, 4, total);
        const auto stored = outcome.existing.constFind(inv.identity);
        auto *inFile = new QTableWidgetItem(!dryRun                                 ? tr("stored")
                                            : stored == outcome.existing.constEnd() ? tr("new")
                                                                                    : tr("recomposes the stored one (%1)").arg(invoiceStatusText(*stored)));
        inFile->setToolTip(inFile->text());
        m_invoices->item(r, 0)->setToolTip(m_invoices->item(r, 0)->text());
        m_invoices->setItem(r, 5, inFile);
    }
    onFinished(dryRun);
}

void InvoiceRunDialog::onFinished(bool dryRun)
{
    setBusy(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    if (!m_error.isEmpty()) {
        m_failures->hide();
        m_status->setText(tr("The run did not go through: %1").arg(m_error));
    } else {
        const InvoiceRunSummary &s = m_summary;
        QString text = dryRun ? tr("A run would create %Ln invoice(s)", nullptr, s.created) : tr("Created %Ln invoice(s)", nullptr, s.created);
        text += tr(", refresh %Ln draft(s)", nullptr, s.refreshed);
        text += tr("; %1 drafts unchanged, %2 already issued; %3 events read.").arg(s.unchanged).arg(s.alreadyIssued).arg(s.eventsScanned);
        if (s.cancelled)
            text += QLatin1Char(' ') + tr("Stopped before the end: what was committed stays, and the next run finishes the rest.");
        m_status->setText(text);
        // Subscriptions that could not be billed: every other one was; these need fixing.
        QStringList lines;
        for (const InvoiceRunFailure &f : s.failed)
            lines << tr("%1 (subscription %2): %3")
                         .arg(f.customerName.isEmpty() ? f.customerId : f.customerName, f.subscriptionId, f.reasons.join(QStringLiteral("; ")));
        if (!lines.isEmpty())
            lines.prepend(tr("%Ln subscription(s) could not be billed; every other subscription was:", nullptr, int(s.failed.size())));
        m_failures->setText(lines.join(QLatin1Char('\n')));
        m_failures->setVisible(!lines.isEmpty());
        if (!dryRun)
            emit invoicesChanged();
    }
    emit finished(dryRun);
    if (m_closeWhenDone)
        QDialog::reject();
}

} // namespace orb

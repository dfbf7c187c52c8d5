// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportWizardPreviewPage.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/usage/IngestRules.h"
#include "ui/dialogs/BackfillOfferDialog.h"
#include "ui/dialogs/ImportWizard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace orb {

namespace {

enum Column { Line, Result, EventName, Timestamp, Customer, Key, Details, ColumnCount };

} // namespace

ImportWizardPreviewPage::ImportWizardPreviewPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("importPreviewPage"));
    setTitle(tr("Check the first rows"));
    setSubTitle(tr("The first rows of the file (up to %1), checked as the import will check them. Nothing has been imported yet.").arg(PreviewRows));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setAccessibleName(tr("Preview of the first rows"));
    m_table->setHorizontalHeaderLabels(
        {tr("Line"), tr("Result"), tr("Event"), tr("Timestamp"), tr("Customer"), tr("Idempotency key"), tr("Properties, or why it is rejected")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Details, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_offerText = new QLabel(this);
    m_offerText->setObjectName(QStringLiteral("backfillOfferNote"));
    m_offerText->setWordWrap(true);
    m_offer = new QPushButton(tr("Create a &backfill for the older events…"), this);
    m_offer->setObjectName(QStringLiteral("offerBackfillButton"));
    m_offer->setToolTip(tr("Reads the whole file for the events older than the grace period and creates a pending backfill that takes them"));
    connect(m_offer, &QPushButton::clicked, this, &ImportWizardPreviewPage::offerBackfill);
    auto *offer = new QHBoxLayout;
    offer->addWidget(m_offerText, 1);
    offer->addWidget(m_offer);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(offer);
    layout->addWidget(m_table, 1);
    m_offerText->hide();
    m_offer->hide();
}

ImportWizardPreviewPage::~ImportWizardPreviewPage()
{
    stopScan();
}

void ImportWizardPreviewPage::stopScan()
{
    if (!m_scan)
        return;
    m_scanCancelled->store(true);
    m_scan->wait();
    delete m_scan;
    m_scan = nullptr;
}

void ImportWizardPreviewPage::offerBackfill()
{
    if (m_scan)
        return;
    qint64 cutoffMs = 0;
    try {
        cutoffMs = IngestRules::load(m_wizard->company(), m_wizard->clock(), {}).graceCutoffMs();
    } catch (const ServiceError &e) {
        m_offerText->setText(tr("The grace period could not be read: %1").arg(e.details()));
        return;
    }
    struct Scan {
        PastGraceEvents found;
        QString error;
    };
    auto result = std::make_shared<Scan>();
    m_scanCancelled = std::make_shared<std::atomic<bool>>(false);
    const auto cancelled = m_scanCancelled;
    const QString path = m_wizard->filePath();
    const ImportOptions options = m_wizard->importOptions();
    // A large file takes a while to read: the window stays responsive, and closing the wizard
    // stops the scan.
    m_scan = QThread::create([result, cancelled, path, options, cutoffMs] {
        try {
            result->found = EventImporter::scanPastGrace(path, options, cutoffMs, [cancelled] { return cancelled->load(); });
        } catch (const ServiceError &e) {
            result->error = e.details();
        }
    });
    m_offer->setEnabled(false);
    m_offerText->setText(tr("Reading the file for the events older than the grace period…"));
    connect(m_scan, &QThread::finished, this, [this, result] {
        m_scan->deleteLater();
        m_scan = nullptr;
        m_offer->setEnabled(true);
        if (!result->error.isEmpty()) {
            m_offerText->setText(tr("The file could not be read: %1").arg(result->error));
            return;
        }
        if (result->found.count == 0) {
            m_offerText->setText(tr("No event in the file is older than the grace period."));
            return;
        }
        BackfillOfferDialog dialog(m_wizard->company(), m_wizard->clock(), result->found, this);
        if (dialog.exec() != QDialog::Accepted) {
            m_offerText->setText(tr("No backfill was created: the older events will be rejected."));
            return;
        }
        m_wizard->useBackfill(dialog.backfillId());
        initializePage(); // previewed again, into the new backfill
    });
    m_scan->start();
}

void ImportWizardPreviewPage::initializePage()
{
    m_table->setRowCount(0);
    m_ok = false;
    ImportPreview preview;
    try {
        preview = EventImporter(m_wizard->company(), m_wizard->clock()).preview(m_wizard->filePath(), m_wizard->importOptions(), PreviewRows);
        m_ok = true;
    } catch (const ServiceError &e) {
        m_summary->setText(tr("The file cannot be imported as it is: %1\n\nGo back and choose another format, column map or backfill, "
                              "or correct the file.")
                               .arg(e.details()));
    }
    for (const ImportPreviewRow &row : std::as_const(preview.rows)) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        auto *line = new QTableWidgetItem(QString::number(row.line));
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, Line, line);
        QString result;
        switch (row.outcome) {
        case IngestOutcome::Accepted: result = tr("will be imported"); break;
        case IngestOutcome::Duplicate: result = tr("already imported"); break;
        case IngestOutcome::Rejected: result = tr("rejected"); break;
        }
        auto *resultItem = new QTableWidgetItem(result);
        m_table->setItem(r, Result, resultItem);
        if (row.parsed) {
            m_table->setItem(r, EventName, new QTableWidgetItem(QString::fromUtf8(row.row.eventName)));
            m_table->setItem(r, Timestamp, new QTableWidgetItem(toApiTimestamp(QDateTime::fromMSecsSinceEpoch(row.row.tsMs, Qt::UTC))));
            m_table->setItem(r, Customer,
                             new QTableWidgetItem(QString::fromUtf8(row.row.customerId.isEmpty() ? row.row.externalCustomerId : row.row.customerId)));
            m_table->setItem(r, Key, new QTableWidgetItem(QString::fromUtf8(row.row.idempotencyKey)));
        }
        auto *details = new QTableWidgetItem(row.outcome == IngestOutcome::Rejected ? row.reason : QString::fromUtf8(row.row.properties));
        details->setToolTip(details->text());
        m_table->setItem(r, Details, details);
        if (row.outcome == IngestOutcome::Rejected) {
            const QColor bad(176, 0, 32);
            resultItem->setForeground(bad);
            details->setForeground(bad);
        } else if (row.outcome == IngestOutcome::Duplicate) {
            resultItem->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    if (m_ok) {
        const QLocale locale;
        QString text = (preview.wholeFile ? tr("Rows read: %1, the whole file.")
                                          : tr("Rows read: the first %1; the rest of the file is "
                                               "checked as it is imported."))
                           .arg(locale.toString(preview.rows.size()));
        text += QLatin1Char(' ')
                + tr("Will be imported: %1. Already in the company file: %2. Rejected: %3.")
                      .arg(locale.toString(preview.accepted), locale.toString(preview.duplicates), locale.toString(preview.rejected));
        if (preview.rejected > 0)
            text += QLatin1Char(' ')
                    + tr("Rejected rows are skipped and listed at the end; you can save them, correct them and import "
                         "them again.");
        if (m_wizard->company().isReadOnly()) {
            text += QStringLiteral("\n\n") + tr("The company file is open read-only, so nothing can be imported into it.");
            m_ok = false;
        }
        m_summary->setText(text);
    }
    // Rows older than the grace period, read as live events: offer a backfill for them.
    qint64 older = 0;
    if (m_ok && m_wizard->backfillId().isEmpty()) {
        try {
            const qint64 cutoffMs = IngestRules::load(m_wizard->company(), m_wizard->clock(), {}).graceCutoffMs();
            for (const ImportPreviewRow &row : std::as_const(preview.rows))
                older += row.parsed && row.row.tsMs < cutoffMs ? 1 : 0;
        } catch (const ServiceError &) {
            older = 0; // the preview above already reads the same settings; nothing to offer
        }
    }
    const bool offer = older > 0 && !m_wizard->company().isReadOnly();
    m_offerText->setVisible(offer || !m_wizard->backfillId().isEmpty());
    m_offer->setVisible(offer);
    if (offer)
        m_offerText->setText(
            tr("%1 of these rows are older than the grace period, so a live import rejects them. A backfill takes them.").arg(QLocale().toString(older)));
    else if (!m_wizard->backfillId().isEmpty())
        m_offerText->setText(tr("The events go into backfill %1; they count once it is closed.").arg(m_wizard->backfillId()));
    emit completeChanged();
}

bool ImportWizardPreviewPage::isComplete() const
{
    return m_ok;
}

} // namespace orb

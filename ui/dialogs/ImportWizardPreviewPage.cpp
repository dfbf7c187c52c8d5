// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportWizardPreviewPage.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "ui/dialogs/ImportWizard.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
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
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
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
    emit completeChanged();
}

bool ImportWizardPreviewPage::isComplete() const
{
    return m_ok;
}

} // namespace orb

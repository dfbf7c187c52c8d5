// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportWizardRunPage.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/usage/BackfillService.h"
#include "ui/dialogs/ImportJob.h"
#include "ui/dialogs/ImportWizard.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <climits>

namespace orb {

ImportWizardRunPage::ImportWizardRunPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("importRunPage"));
    setTitle(tr("Import"));
    setSubTitle(tr("The events are imported in the background and committed in checkpoints: if the import stops, what was "
                   "committed stays, and importing the same file again goes on from there."));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->setRange(0, 1000);
    m_stop = new QPushButton(tr("&Stop import"), this);
    m_stop->setObjectName(QStringLiteral("importCancelButton"));
    m_stop->setAccessibleName(tr("Stop the import at the last checkpoint"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("importCounts"));
    m_counts->setWordWrap(true);
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rejectsLabel = new QLabel(tr("<b>Rejected rows</b>"), this);
    m_rejects = new QTableWidget(0, 2, this);
    m_rejects->setObjectName(QStringLiteral("importRejects"));
    m_rejects->setAccessibleName(tr("Rejected rows"));
    m_rejects->setHorizontalHeaderLabels({tr("Line"), tr("Why it was rejected")});
    m_rejects->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_rejects->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_rejects->verticalHeader()->hide();
    m_rejects->verticalHeader()->setDefaultSectionSize(m_rejects->fontMetrics().height() + 8);
    m_rejects->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rejects->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rejects->setWordWrap(false);
    m_save = new QPushButton(tr("Save &rejects…"), this);
    m_save->setObjectName(QStringLiteral("saveRejectsButton"));
    m_save->setAccessibleName(tr("Save the rejected rows to a file"));
    m_save->setToolTip(tr("Writes each rejected row's line and reason as JSON Lines, as orbctl events import --rejects does."));
    m_closeBackfill = new QPushButton(tr("&Close backfill"), this);
    m_closeBackfill->setObjectName(QStringLiteral("closeBackfillButton"));
    m_closeBackfill->setToolTip(tr("Makes the backfill's events count (as orbctl backfills close does); until then they wait, pending."));

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_stop);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_closeBackfill);
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    layout->addWidget(m_counts);
    layout->addWidget(m_rejectsLabel);
    layout->addWidget(m_rejects, 1);
    layout->addLayout(saveRow);
    layout->addStretch(0); // takes the room while there is no table of rejects

    ImportJob *job = wizard->job();
    connect(m_stop, &QPushButton::clicked, this, &ImportWizardRunPage::stop);
    connect(m_save, &QPushButton::clicked, this, &ImportWizardRunPage::askSaveRejects);
    connect(m_closeBackfill, &QPushButton::clicked, this, [this] {
        const QString error = closeBackfill();
        if (!error.isEmpty())
            m_status->setText(error);
    });
    connect(job, &ImportJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 1000);
        if (!m_wizard->job()->isCancelRequested())
            m_status->setText(tr("Importing… %1 of %2 read.").arg(QLocale().formattedDataSize(done), QLocale().formattedDataSize(total)));
    });
    connect(job, &ImportJob::finished, this, &ImportWizardRunPage::finished);
}

void ImportWizardRunPage::initializePage()
{
    m_done = false;
    m_progress->setValue(0);
    m_counts->clear();
    m_rejects->setRowCount(0);
    m_rejects->hide();
    m_rejectsLabel->hide();
    m_save->hide();
    m_closeBackfill->hide();
    m_stop->setEnabled(true);
    m_stop->show();
    m_status->setText(tr("Importing %1…").arg(QFileInfo(m_wizard->filePath()).fileName()));
    m_wizard->job()->start(m_wizard->company().path(), m_wizard->clock(), m_wizard->filePath(), m_wizard->importOptions());
    emit completeChanged();
}

bool ImportWizardRunPage::isComplete() const
{
    return m_done;
}

void ImportWizardRunPage::stop()
{
    m_wizard->job()->cancel();
    m_stop->setEnabled(false);
    m_status->setText(tr("Stopping: what was imported since the last checkpoint is being undone…"));
}

void ImportWizardRunPage::finished()
{
    const ImportJob::Result &result = m_wizard->job()->result();
    const ImportSummary &s = result.summary;
    m_done = true;
    m_stop->hide();
    QLocale locale;
    if (!result.error.isEmpty()) {
        m_status->setText(tr("The import stopped with an error: %1\n\nWhat was committed at earlier checkpoints stays. Correct the "
                             "problem and import the same file again to go on from there.")
                              .arg(result.error));
    } else if (s.cancelled) {
        m_status->setText(tr("Stopped. Everything before line %1 was kept; nothing from line %1 on was imported. Import the same "
                             "file again, with the same choices, to go on from line %1: nothing is imported twice.")
                              .arg(locale.toString(s.resumeLine)));
    } else {
        m_progress->setValue(m_progress->maximum());
        m_status->setText(s.resumedAtLine > 0 ? tr("Done. This import went on from line %1, where an earlier import of the file stopped; "
                                                   "the counts include that earlier part.")
                                                    .arg(locale.toString(s.resumedAtLine))
                                              : tr("Done."));
    }
    if (result.error.isEmpty()) {
        m_counts->setText(tr("New events imported: <b>%1</b>. Already in the company file (skipped): <b>%2</b>. Rejected: <b>%3</b>.")
                              .arg(locale.toString(s.accepted), locale.toString(s.duplicates), locale.toString(s.rejected)));
    }
    const QList<ImportReject> &rejects = result.rejects;
    if (!rejects.isEmpty()) {
        const int shown = int(std::min<qsizetype>(rejects.size(), ShownRejects));
        m_rejects->setRowCount(shown);
        for (int r = 0; r < shown; ++r) {
            auto *line = new QTableWidgetItem(QString::number(rejects[r].line));
            line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_rejects->setItem(r, 0, line);
            auto *reason = new QTableWidgetItem(rejects[r].reason);
            reason->setToolTip(rejects[r].reason);
            m_rejects->setItem(r, 1, reason);
        }
        m_rejectsLabel->setText(rejects.size() > shown ? tr("<b>Rejected rows</b>: the first %1 of %2. Save them all, correct them and import that file.")
                                                             .arg(locale.toString(shown), locale.toString(rejects.size()))
                                                       : tr("<b>Rejected rows</b>: save them, correct them in the file and import it again (rows "
                                                            "already imported are skipped)."));
        m_rejectsLabel->show();
        m_rejects->show();
        m_save->show();
    }
    if (result.error.isEmpty() && !s.cancelled && !m_wizard->backfillId().isEmpty()) {
        m_status->setText(
            m_status->text() + QLatin1Char(' ')
            + tr("The events wait in backfill %1: close it to make them count, now or later (orbctl backfills close).").arg(m_wizard->backfillId()));
        m_closeBackfill->setEnabled(!m_wizard->company().isReadOnly());
        m_closeBackfill->show();
    }
    emit completeChanged();
}

QString ImportWizardRunPage::closeBackfill()
{
    const QString id = m_wizard->backfillId();
    if (id.isEmpty())
        return tr("The events were not imported into a backfill.");
    try {
        const Backfill b = BackfillService(m_wizard->company(), m_wizard->clock()).close(id);
        m_status->setText(tr("Backfill %1 is closed: its %2 events count now.").arg(b.id, QLocale().toString(b.eventsIngested)));
    } catch (const ServiceError &e) {
        return tr("The backfill was not closed: %1").arg(e.details());
    }
    m_closeBackfill->setEnabled(false);
    emit m_wizard->eventsImported();
    return {};
}

QString ImportWizardRunPage::saveRejects(const QString &path)
{
    if (!m_done)
        return tr("The import has not finished yet.");
    QString error;
    if (!EventImporter::writeRejects(m_wizard->job()->result().rejects, path, &error))
        return error;
    m_status->setText(m_status->text() + QLatin1Char('\n') + tr("Rejected rows saved to %1.").arg(QDir::toNativeSeparators(path)));
    return {};
}

void ImportWizardRunPage::askSaveRejects()
{
    const QFileInfo source(m_wizard->filePath());
    const QString suggested = source.absoluteDir().filePath(source.completeBaseName() + QStringLiteral("-rejects.jsonl"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the rejected rows"), suggested, tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString error = saveRejects(path);
    if (!error.isEmpty())
        m_status->setText(m_status->text() + QLatin1Char('\n') + tr("The rejected rows were not saved: %1. Choose another folder.").arg(error));
}

} // namespace orb

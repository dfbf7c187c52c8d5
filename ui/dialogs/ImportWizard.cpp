// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportWizard.h"

#include "ui/dialogs/ImportJob.h"
#include "ui/dialogs/ImportWizardFilePage.h"
#include "ui/dialogs/ImportWizardMappingPage.h"
#include "ui/dialogs/ImportWizardPreviewPage.h"
#include "ui/dialogs/ImportWizardRunPage.h"

#include <QFile>
#include <QFileInfo>

namespace orb {

ImportWizard::ImportWizard(CompanyFile &file, const Clock &clock, QWidget *parent) : QWizard(parent), m_file(file), m_clock(clock), m_job(new ImportJob(this))
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import usage events"));
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage); // the last page has its own Stop button
    const ImportOptions defaults;
    m_checkpointRows = defaults.checkpointRows;
    m_batchRows = defaults.batchRows;
    m_filePage = new ImportWizardFilePage(this);
    m_mappingPage = new ImportWizardMappingPage(this);
    m_previewPage = new ImportWizardPreviewPage(this);
    m_runPage = new ImportWizardRunPage(this);
    setPage(FilePage, m_filePage);
    setPage(MappingPage, m_mappingPage);
    setPage(PreviewPage, m_previewPage);
    setPage(RunPage, m_runPage);
    setStartId(FilePage);
    resize(920, 620);
    connect(m_job, &ImportJob::finished, this, [this] {
        emit eventsImported(); // even a stopped import may have committed checkpoints
        if (m_closeWhenDone)
            QWizard::reject();
    });
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setFilePath(const QString &path)
{
    m_filePage->setFilePath(path);
}

QString ImportWizard::filePath() const
{
    return m_filePage->filePath();
}

ImportReader::Format ImportWizard::format() const
{
    return m_filePage->format();
}

void ImportWizard::useBackfill(const QString &id)
{
    m_filePage->useBackfill(id);
}

QString ImportWizard::backfillId() const
{
    return m_filePage->backfillId();
}

ImportOptions ImportWizard::importOptions() const
{
    ImportOptions o;
    o.format = format();
    o.backfillId = backfillId();
    o.checkpointRows = m_checkpointRows;
    o.batchRows = m_batchRows;
    if (o.format == ImportReader::Format::Csv)
        m_mappingPage->fillOptions(o);
    return o;
}

void ImportWizard::setBatchSizes(qint64 checkpointRows, qint64 batchRows)
{
    m_checkpointRows = std::max<qint64>(1, checkpointRows);
    m_batchRows = std::max<qint64>(1, batchRows);
}

QString ImportWizard::saveRejects(const QString &path)
{
    return m_runPage->saveRejects(path);
}

ImportReader::Format ImportWizard::detectFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return ImportReader::Format::Csv;
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json"))
        return ImportReader::Format::JsonLines;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ImportReader::Format::JsonLines;
    const QByteArray head = f.read(4096);
    for (qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0; i < head.size(); ++i) {
        const char c = head[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' ? ImportReader::Format::JsonLines : ImportReader::Format::Csv;
    }
    return ImportReader::Format::JsonLines;
}

void ImportWizard::reject()
{
    if (m_job->isRunning()) {
        m_job->cancel();
        m_closeWhenDone = true; // closes once the worker has stopped
        return;
    }
    QWizard::reject();
}

} // namespace orb

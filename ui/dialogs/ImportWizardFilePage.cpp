// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportWizardFilePage.h"

#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/usage/BackfillService.h"
#include "models/usage/CsvReader.h"
#include "ui/dialogs/ImportWizard.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace orb {

ImportWizardFilePage::ImportWizardFilePage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("importFilePage"));
    setTitle(tr("Choose the file"));
    setSubTitle(tr("A file of usage events: JSON Lines (one event object per line) or CSV (a header row, then one event per row)."));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("importFilePath"));
    m_path->setAccessibleName(tr("File to import"));
    m_path->setPlaceholderText(tr("Choose a file with Browse…, or drop one on Orb's window"));
    auto *browse = new QPushButton(tr("B&rowse…"), this);
    browse->setObjectName(QStringLiteral("importBrowseButton"));
    browse->setAccessibleName(tr("Browse for the file to import"));
    m_size = new QLabel(this);
    m_size->setObjectName(QStringLiteral("importFileSize"));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("importFormat"));
    m_format->setAccessibleName(tr("File format"));
    m_format->addItem(tr("JSON Lines: one event object per line"), int(ImportReader::Format::JsonLines));
    m_format->addItem(tr("CSV: a header row, then one event per row"), int(ImportReader::Format::Csv));
    m_backfill = new QComboBox(this);
    m_backfill->setObjectName(QStringLiteral("importBackfill"));
    m_backfill->setAccessibleName(tr("Backfill to import into"));
    auto *backfillHint = new QLabel(tr("Events older than the grace period are rejected unless they go into a pending backfill; when "
                                       "the file holds such events, the preview offers to create one. A backfill's events count once it is "
                                       "closed."),
                                    this);
    backfillHint->setWordWrap(true);
    backfillHint->setObjectName(QStringLiteral("importBackfillHint"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("importFileError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&File:"), pathRow);
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("Bac&kfill:"), m_backfill);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(backfillHint);
    layout->addWidget(m_error);
    layout->addStretch();
    // Mnemonics of the form labels go to their fields.
    for (QWidget *field : {static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_backfill)})
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(field)))
            label->setBuddy(field);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(pathRow)))
        label->setBuddy(m_path);

    connect(browse, &QPushButton::clicked, this, &ImportWizardFilePage::browse);
    connect(m_path, &QLineEdit::textChanged, this, &ImportWizardFilePage::pathChanged);
    connect(m_format, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
    loadBackfills();
    pathChanged();
}

void ImportWizardFilePage::setFilePath(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

QString ImportWizardFilePage::filePath() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

ImportReader::Format ImportWizardFilePage::format() const
{
    return ImportReader::Format(m_format->currentData().toInt());
}

QString ImportWizardFilePage::backfillId() const
{
    return m_backfill->currentData().toString();
}

void ImportWizardFilePage::useBackfill(const QString &id)
{
    loadBackfills();
    const int index = m_backfill->findData(id);
    if (index >= 0)
        m_backfill->setCurrentIndex(index);
}

void ImportWizardFilePage::initializePage()
{
    if (m_wizard->company().isReadOnly())
        m_error->setText(tr("The company file is open read-only: you can look at a file's preview, but not import it."));
}

void ImportWizardFilePage::loadBackfills()
{
    m_backfill->clear();
    m_backfill->addItem(tr("None: live events (the grace period applies)"), QString());
    try {
        const QList<Backfill> backfills = BackfillService(m_wizard->company(), m_wizard->clock()).list();
        for (const Backfill &b : backfills) {
            if (b.status != QLatin1String("pending"))
                continue;
            const auto customer = b.customerId.isEmpty() ? std::nullopt : CustomerRepository(m_wizard->company().db()).resolve(b.customerId);
            const QString who = b.customerId.isEmpty() ? tr("every customer") : customer ? customer->name : b.customerId;
            m_backfill->addItem(tr("%1 to %2, %3 (%4)").arg(toApiTimestamp(b.timeframeStart), toApiTimestamp(b.timeframeEnd), who, b.id), b.id);
        }
    } catch (const ServiceError &e) {
        m_error->setText(tr("The backfills could not be read: %1").arg(e.message()));
    }
    m_backfill->setEnabled(m_backfill->count() > 1);
}

void ImportWizardFilePage::browse()
{
    const QString start = filePath().isEmpty() ? QString() : QFileInfo(filePath()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose a file of usage events"), start, tr("Usage events (*.jsonl *.ndjson *.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        setFilePath(path);
}

void ImportWizardFilePage::pathChanged()
{
    m_error->clear();
    const QString path = filePath();
    const QFileInfo info(path);
    if (path.isEmpty()) {
        m_size->setText(tr("No file chosen yet"));
    } else if (!info.exists()) {
        m_size->setText(tr("There is no file here: check the path, or choose the file with Browse…"));
    } else if (!info.isFile()) {
        m_size->setText(tr("This is a folder: choose a file in it"));
    } else {
        m_size->setText(QLocale().formattedDataSize(info.size()) + QStringLiteral("  ·  ") + info.fileName());
        const int index = m_format->findData(int(ImportWizard::detectFormat(path)));
        m_format->setCurrentIndex(index);
    }
    emit completeChanged();
}

bool ImportWizardFilePage::isComplete() const
{
    return QFileInfo(filePath()).isFile();
}

bool ImportWizardFilePage::validatePage()
{
    const QString path = filePath();
    if (!QFileInfo(path).isReadable()) {
        m_error->setText(tr("Orb may not read %1: check the file's permissions, or copy it somewhere you can read.").arg(path));
        return false;
    }
    if (format() == ImportReader::Format::Csv) {
        // The mapping page needs a header row: say here if there is none.
        try {
            if (CsvReader::header(path).isEmpty())
                throw ServiceError::invalid(tr("%1: the header row is empty").arg(path));
        } catch (const ServiceError &e) {
            m_error->setText(tr("%1\n\nA CSV file starts with a header row naming its columns. If this file is JSON Lines, "
                                "choose that format above.")
                                 .arg(e.message()));
            return false;
        }
    }
    m_error->clear();
    return true;
}

int ImportWizardFilePage::nextId() const
{
    return format() == ImportReader::Format::Csv ? ImportWizard::MappingPage : ImportWizard::PreviewPage;
}

} // namespace orb

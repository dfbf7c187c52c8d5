// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/LedgerExportDialog.h"
#include "ui/LocaleFormat.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/exports/LedgerExportLog.h"
#include "models/exports/LedgerJournal.h"
#include "models/exports/LedgerWriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace orb {

LedgerExportDialog::LedgerExportDialog(CompanyFile &file, const Clock &clock, QDate from, QDate to, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock)
{
    setWindowTitle(tr("Export to the ledger"));
    setObjectName(QStringLiteral("ledgerExportDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Invoices, payments, credit notes and voids of the period as balanced journal entries. "
                                "Accounts are set in Settings (ledger.*)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("ledgerFormat"));
    m_format->addItem(tr("GnuCash (CSV, multi-split)"), QStringLiteral("gnucash-csv"));
    m_format->addItem(tr("QuickBooks Desktop (IIF)"), QStringLiteral("iif"));
    form->addRow(tr("Format"), m_format);
    auto dateEdit = [this](const QString &name, QDate d) {
        auto *e = new QDateEdit(d, this);
        e->setObjectName(name);
        e->setCalendarPopup(true);
        e->setDisplayFormat(LocaleFormat::dateFormat(e->locale()));
        return e;
    };
    m_from = dateEdit(QStringLiteral("ledgerFrom"), from);
    m_to = dateEdit(QStringLiteral("ledgerTo"), to);
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    auto *period = new QHBoxLayout;
    period->addWidget(m_from);
    period->addWidget(new QLabel(tr("to"), this));
    period->addWidget(m_to);
    period->addStretch();
    form->addRow(tr("Period"), period);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("ledgerFile"));
    m_path->setAccessibleName(tr("File"));
    m_path->setPlaceholderText(tr("File to write"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("File"), fileRow);
    m_mark = new QCheckBox(tr("Mark the period as exported"), this);
    m_mark->setObjectName(QStringLiteral("ledgerMark"));
    m_mark->setChecked(true);
    form->addRow(QString(), m_mark);
    layout->addLayout(form);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("ledgerSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("ledgerResult"));
    m_result->setWordWrap(true);
    layout->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("ledgerExportButton"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, [this] { exportNow(); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const bool csv = m_format->currentData().toString() == QLatin1String("gnucash-csv");
        const QString suggested =
            QStringLiteral("ledger-%1-%2.%3")
                .arg(m_from->date().toString(Qt::ISODate), m_to->date().toString(Qt::ISODate), csv ? QStringLiteral("csv") : QStringLiteral("iif"));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to the ledger"), suggested, csv ? tr("CSV files (*.csv)") : tr("IIF files (*.iif)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });
    connect(m_from, &QDateEdit::dateChanged, this, &LedgerExportDialog::updateSummary);
    connect(m_to, &QDateEdit::dateChanged, this, &LedgerExportDialog::updateSummary);
    connect(m_path, &QLineEdit::textChanged, this, [this] { m_export->setEnabled(!m_path->text().trimmed().isEmpty()); });
    m_export->setEnabled(false);
    // Room for the summary and the result to wrap onto a few lines without pushing the form.
    m_summary->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    m_result->setMinimumHeight(fontMetrics().lineSpacing() * 2);
    updateSummary();
    resize(600, sizeHint().height());
}

void LedgerExportDialog::updateSummary()
{
    try {
        const QList<JournalEntry> entries = LedgerJournal::build(m_file, m_from->date(), m_to->date());
        QString text = tr("%Ln journal entries in this period.", nullptr, int(entries.size()));
        const QList<LedgerExportMark> marks = LedgerExportLog(m_file).overlapping(m_from->date(), m_to->date());
        for (const LedgerExportMark &m : marks)
            text += QLatin1Char(' ')
                    + tr("%1 to %2 was already exported on %3 (%4).")
                          .arg(m.from.toString(Qt::ISODate), m.to.toString(Qt::ISODate), QLocale().toString(m.exportedAt.toLocalTime(), QLocale::ShortFormat),
                               m.format);
        m_summary->setText(text);
    } catch (const ServiceError &e) {
        m_summary->setText(e.details());
    }
}

QString LedgerExportDialog::exportNow()
{
    const QString path = m_path->text().trimmed();
    QString error;
    try {
        const auto format = LedgerWriter::formatFromName(m_format->currentData().toString());
        const QList<JournalEntry> entries = LedgerJournal::build(m_file, m_from->date(), m_to->date());
        const QByteArray bytes = LedgerWriter::write(entries, *format);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            throw ServiceError(ServiceError::Kind::Storage, tr("%1: cannot write (%2)").arg(QDir::toNativeSeparators(path), file.errorString()));
        if (m_mark->isChecked())
            LedgerExportLog(m_file).mark(LedgerWriter::formatName(*format), m_from->date(), m_to->date(), int(entries.size()),
                                         QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()), m_clock);
        m_result->setText(tr("Wrote %Ln journal entries to %1.", nullptr, int(entries.size())).arg(QDir::toNativeSeparators(path)));
        updateSummary();
    } catch (const ServiceError &e) {
        error = e.details();
        m_result->setText(error);
    }
    return error;
}

} // namespace orb

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/EmailSendDialog.h"

#include "engine/Clock.h"
#include "models/BackgroundJob.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/exports/EmailOutbox.h"
#include "sync/SmtpSender.h"
#include "ui/LocaleFormat.h"
#include "ui/documents/DocumentMailer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace orb {

EmailSendDialog::EmailSendDialog(CompanyFile &file, const Clock &clock, QWidget *parent)
    : QDialog(parent), m_file(file), m_clock(clock), m_job(new BackgroundJob(QStringLiteral("orb-email"), this)),
      m_reader(new BackgroundReader(file.path(), QStringLiteral("orb-email-count"), this))
{
    setObjectName(QStringLiteral("emailSendDialog"));
    setWindowTitle(tr("E-mail invoices"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("emailScope"));
    m_scope->addItem(tr("Issued invoices not e-mailed yet, then the outbox"), QStringLiteral("invoices"));
    m_scope->addItem(tr("Only the messages waiting in the outbox"), QStringLiteral("outbox"));
    form->addRow(tr("Send"), m_scope);
    const QString server = file.setting(QStringLiteral("email.smtp_url"));
    form->addRow(tr("Server"), new QLabel(server.isEmpty() ? tr("none set (Settings: email.smtp_url)") : server, this));
    form->addRow(tr("From"), new QLabel(file.setting(QStringLiteral("email.from")), this));
    layout->addLayout(form);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("emailSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("emailProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("emailStatus"));
    m_status->setWordWrap(true);
    m_status->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("emailSendButton"));
    m_stopButton = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(QStringLiteral("emailStopButton"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    m_send->setEnabled(!server.isEmpty() && !file.isReadOnly());
    m_stopButton->setEnabled(false);
    connect(m_send, &QPushButton::clicked, this, &EmailSendDialog::start);
    connect(m_stopButton, &QPushButton::clicked, this, [this] {
        m_job->cancel();
        m_status->setText(tr("Stopping after the message being sent…"));
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    m_job->setPriority(QThread::InheritPriority); // waits on the network, not the CPU
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total, const QString &text) {
        m_progress->setRange(0, int(std::max<qint64>(total, 1)));
        m_progress->setValue(int(done));
        m_status->setText(text);
    });
    resize(560, sizeHint().height());
    refreshSummary();
}

void EmailSendDialog::refreshSummary()
{
    // Counted in the background: on a file of a million invoices the count takes a moment, and the
    // dialog opens at once meanwhile.
    m_summary->setText(tr("Counting the invoices not e-mailed yet…"));
    m_reader->read([](const Database &db) { return EmailOutbox::pending(db); },
                   [this](const EmailOutbox::Pending &p) {
                       m_summary->setText(tr("%1 issued invoices were not e-mailed yet; %2 messages wait in the outbox.")
                                              .arg(LocaleFormat::count(p.invoicesNotEmailed))
                                              .arg(LocaleFormat::count(p.queuedMessages)));
                   },
                   [this](const QString &message) { m_summary->setText(message); });
}

EmailSendDialog::~EmailSendDialog()
{
    // Stopped and joined before the widgets its result would fill go.
    m_job->cancel();
    m_job->wait();
}

bool EmailSendDialog::isRunning() const
{
    return m_job->isRunning();
}

void EmailSendDialog::setBusy(bool busy)
{
    m_send->setEnabled(!busy);
    m_scope->setEnabled(!busy);
    m_close->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
}

void EmailSendDialog::start()
{
    if (m_job->isRunning())
        return;
    SmtpSettings settings;
    try {
        // The password may come from the keychain: read it here, at the user's click.
        settings = SmtpSender::settingsFor(m_file);
        DocumentMailer check(m_file, m_clock); // refuses a missing email.from before any work
    } catch (const ServiceError &e) {
        m_status->setText(e.details());
        return;
    }
    const QString from = m_file.setting(QStringLiteral("email.from"));
    const bool queueIssued = m_scope->currentData().toString() == QLatin1String("invoices");
    const Clock *clock = &m_clock;
    setBusy(true);
    m_status->setText(tr("Preparing…"));
    m_job->start(
        m_file.path(),
        [clock, settings, from, queueIssued](BackgroundJob::Context &context) {
            CompanyFile &file = context.company();
            if (queueIssued) {
                DocumentMailer mailer(file, *clock);
                const QStringList ids = EmailOutbox::issuedInvoicesNotEmailed(file.db());
                for (int i = 0; i < ids.size() && !context.isCancelled(); ++i) {
                    mailer.queueInvoice(ids.at(i));
                    context.progress(i + 1, ids.size(), EmailSendDialog::tr("Prepared %1 of %2 messages").arg(i + 1).arg(ids.size()));
                }
            }
            SmtpSendReport report;
            if (context.isCancelled()) {
                report.stopped = true;
                return report;
            }
            SmtpSender sender(file, *clock, settings, from);
            return sender.run(
                {}, [&context](int done, int total) { context.progress(done, total, EmailSendDialog::tr("Sent %1 of %2 messages").arg(done).arg(total)); },
                context.cancelFlag());
        },
        [this](const SmtpSendReport &report) { showOutcome(report, QString()); }, [this](const QString &error) { showOutcome(SmtpSendReport(), error); });
}

void EmailSendDialog::showOutcome(const SmtpSendReport &result, const QString &failure)
{
    setBusy(false);
    QString text = !failure.isEmpty() ? failure
                   : result.stopped   ? tr("Stopped: %1 sent, %2 failed; the rest waits in the outbox.").arg(result.sent).arg(result.failed)
                                      : tr("%1 sent, %2 failed.").arg(result.sent).arg(result.failed);
    if (!result.errors.isEmpty())
        text += QLatin1Char('\n') + result.errors.join(QLatin1Char('\n'));
    m_status->setText(text);
    refreshSummary();
    emit finished(result.sent, result.failed);
}

} // namespace orb

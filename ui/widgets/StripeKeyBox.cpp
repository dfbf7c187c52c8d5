// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StripeKeyBox.h"

#include "engine/Clock.h"
#include "models/BackgroundJob.h"
#include "models/CompanyFile.h"
#include "models/sync/StripeSettings.h"
#include "sync/CredentialStore.h"
#include "sync/StripeClient.h"
#include "sync/StripeKeyStore.h"
#include "sync/StripeSync.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace orb {

StripeKeyBox::StripeKeyBox(CompanyFile &file, QWidget *parent)
    : QGroupBox(tr("Stripe secret key"), parent), m_file(file), m_check(new BackgroundJob(QStringLiteral("orb-stripe-key-check"), this))
{
    m_check->setPriority(QThread::InheritPriority);
    setObjectName(QStringLiteral("stripeKeyBox"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("stripeKey"));
    m_key->setAccessibleName(tr("Stripe secret key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("sk_test_… or sk_live_… (kept in the system keychain only)"));
    m_save = new QPushButton(tr("Check and save"), this);
    m_save->setObjectName(QStringLiteral("stripeKeySave"));
    m_remove = new QPushButton(tr("Remove key…"), this);
    m_remove->setObjectName(QStringLiteral("stripeKeyRemove"));
    m_remove->setEnabled(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("stripeKeyStatus"));
    m_status->setWordWrap(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_key, 1);
    row->addWidget(m_save);
    row->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);
    connect(m_save, &QPushButton::clicked, this, &StripeKeyBox::checkAndSave);
    connect(m_key, &QLineEdit::returnPressed, this, &StripeKeyBox::checkAndSave);
    connect(m_remove, &QPushButton::clicked, this, &StripeKeyBox::removeKey);
    if (file.isReadOnly()) {
        m_key->setEnabled(false);
        m_save->setEnabled(false);
    }
    // After the owner connected to keyChanged.
    QTimer::singleShot(0, this, &StripeKeyBox::refreshStatus);
}

void StripeKeyBox::showStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
}

void StripeKeyBox::refreshStatus()
{
    // Keychain calls stay on this thread (the Secret Service answers on the thread that first
    // asked); they wait in a local event loop, so the window keeps painting meanwhile.
    QString source, error;
    const std::optional<QString> key = StripeKeyStore(m_file.path()).load(&source, &error);
    const QString mode = key ? stripeKeyMode(*key) : QString();
    m_remove->setEnabled(key && source != QLatin1String("environment") && !m_file.isReadOnly());
    if (!error.isEmpty())
        showStatus(tr("The system keychain could not be read: %1. Check that a keyring is running and unlocked.").arg(error), true);
    else if (!key)
        showStatus(tr("No key is saved: nothing is sent to Stripe. Paste a secret key from the Stripe dashboard "
                      "(Developers › API keys) and choose Check and save."),
                   false);
    else if (source == QLatin1String("environment"))
        showStatus(tr("A %1-mode key comes from the environment variable %2; it overrides the keychain.").arg(mode, StripeKeyStore::EnvironmentVariable),
                   false);
    else
        showStatus(tr("A %1-mode key is saved in the system keychain.").arg(mode), false);
    emit keyChanged(key.value_or(QString()));
}

void StripeKeyBox::checkAndSave()
{
    const QString key = m_key->text().trimmed();
    if (const QString problem = StripeKeyStore::checkShape(key); !problem.isEmpty()) {
        showStatus(problem, true);
        return;
    }
    m_save->setEnabled(false);
    showStatus(tr("Checking with Stripe…"), false);
    const QString base = m_file.setting(QStringLiteral("stripe.api_base"), QStringLiteral("https://api.stripe.com"));
    if (const QString rule = StripeSettings::checkApiBase(base); !rule.isEmpty()) {
        // The key is never sent to a host a company file names.
        showStatus(tr("Not saved: the setting stripe.api_base \"%1\" %2").arg(base, rule), true);
        m_save->setEnabled(!m_file.isReadOnly());
        return;
    }
    const QString path = m_file.path();
    // The check talks to Stripe: off the UI thread. The keychain write then runs here: its
    // jobs answer through this thread's event loop (a write from a short-lived thread never
    // finishes with the Secret Service), and it waits in a local event loop, so the window
    // keeps painting.
    m_check->start(
        QString(), // talks to Stripe only, never to the company file
        [key, base](BackgroundJob::Context &) {
            StripeClient client(base, key);
            StripeError e;
            std::optional<StripeAccount> account = StripeSync::accountOf(client, &e);
            return std::make_pair(e.isError() ? tr("Not saved: %1").arg(e.describe()) : QString(), account);
        },
        [this, key, path](const std::pair<QString, std::optional<StripeAccount>> &checked) { saveChecked(key, path, checked.first, checked.second); },
        [this, key](const QString &error) { finished(key, tr("Not saved: %1").arg(error)); });
}

void StripeKeyBox::saveChecked(const QString &key, const QString &path, const QString &checkError, const std::optional<StripeAccount> &account)
{
    QString error = checkError;
    if (error.isEmpty())
        if (const QString refused = StripeKeyStore(path).store(key); !refused.isEmpty())
            error = tr("Not saved: the keychain refused it (%1)").arg(refused);
    if (error.isEmpty() && account.has_value() && !m_file.isReadOnly()) {
        // The first key binds the company file to its account; a key of another account
        // is kept, but the sync stops until a person chooses on the Sync screen.
        const auto bound = StripeSync::boundAccount(m_file.db());
        if (!bound)
            StripeSync::bindAccount(m_file.db(), SystemClock(), *account, false);
        else if (bound->id != account->id || bound->livemode != account->livemode)
            error = tr("Saved, but this key belongs to Stripe account %1 while this company file syncs with %2: sync stops until you "
                       "choose on the Sync screen (start afresh with the new account, or restore the old key).")
                        .arg(account->describe(), bound->describe());
    }
    finished(key, error);
}

void StripeKeyBox::finished(const QString &key, const QString &error)
{
    m_save->setEnabled(!m_file.isReadOnly());
    if (!error.isEmpty()) {
        showStatus(error, true);
        return;
    }
    m_key->clear();
    m_remove->setEnabled(true);
    showStatus(tr("A %1-mode key is saved in the system keychain.").arg(stripeKeyMode(key)), false);
    emit keyChanged(key);
}

void StripeKeyBox::removeKey()
{
    if (QMessageBox::question(this, tr("Remove the Stripe key"),
                              tr("Orb will stop sending customers, invoices and usage to Stripe for this company file until a key "
                                 "is saved again. Nothing already in Stripe changes. Remove the key?"))
        != QMessageBox::Yes)
        return;
    const QString error = StripeKeyStore(m_file.path()).remove();
    if (!error.isEmpty()) {
        showStatus(tr("The key was not removed: %1").arg(error), true);
        return;
    }
    refreshStatus();
}

} // namespace orb

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/StripeSync.h"

#include <QGroupBox>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace orb {

class BackgroundJob;
class CompanyFile;

/**
 * The Stripe secret key of a company file: entered once, checked against Stripe, then kept in
 * the OS keychain only (never the company file). Shows whether a key is saved and in which
 * mode, and removes it on request. The network check runs on a BackgroundJob; the
 * keychain calls run on the UI thread in a local event loop (see refreshStatus()).
 */
class StripeKeyBox final : public QGroupBox
{
    Q_OBJECT

public:
    explicit StripeKeyBox(CompanyFile &file, QWidget *parent = nullptr);

    /// Reads the keychain again, shows what is saved and emits keyChanged().
    void refreshStatus();

signals:
    /// The key to push with from now on: found at start, checked and saved, or empty when
    /// there is none (removed).
    void keyChanged(const QString &key);

private:
    void checkAndSave();
    void removeKey();
    /// On the UI thread, after the network check: the keychain write and the account binding.
    void saveChecked(const QString &key, const QString &path, const QString &checkError, const std::optional<StripeAccount> &account);
    void finished(const QString &key, const QString &error);
    void showStatus(const QString &text, bool problem);

    CompanyFile &m_file;
    QLineEdit *m_key;
    QPushButton *m_save;
    QPushButton *m_remove;
    QLabel *m_status;
    BackgroundJob *m_check; ///< the network check of a key, off the UI thread
};

} // namespace orb

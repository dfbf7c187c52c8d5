// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace orb {

/**
 * "Connect to a company server": host (a name, an address or a socket folder), port, database,
 * user, TLS mode (and a root certificate for verify-full), the password and whether to
 * remember it in the OS keychain. Connect calls the opener with the location (never holding
 * the password) and the password; a refusal stays in the dialog, naming the server, so the
 * person can correct what was wrong. The password is stored only after the server took it.
 */
class ServerConnectDialog final : public QDialog
{
    Q_OBJECT

public:
    /// Opens the company; false with *error naming the server and what went wrong.
    using Opener = std::function<bool(const QString &location, const QString &password, QString *error)>;

    explicit ServerConnectDialog(Opener opener, QWidget *parent = nullptr);

    /// Fills the fields from a location (postgresql://user@host:port/db?sslmode=…), for a
    /// recent server, and the password from the keychain when one is remembered.
    void setLocation(const QString &location);
    /// The location the fields describe (no password), or empty with *error when incomplete.
    QString location(QString *error = nullptr) const;
    QString errorText() const;
    /// Shows why the last attempt failed (a recent server whose remembered password was refused).
    void showError(const QString &message);
    /// Why the accepted password could not be remembered in the keychain, if it could not.
    const QString &rememberProblem() const { return m_rememberProblem; }

    void accept() override;

private:
    void updateTls();

    Opener m_opener;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_sslMode;
    QLineEdit *m_rootCert;
    QPushButton *m_browse;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_error;
    QPushButton *m_connect;
    QString m_rememberProblem;
};

} // namespace orb

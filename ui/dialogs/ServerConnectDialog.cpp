// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ServerConnectDialog.h"

#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"
#include "sync/ServerPasswordStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace orb {

ServerConnectDialog::ServerConnectDialog(Opener opener, QWidget *parent) : QDialog(parent), m_opener(std::move(opener))
{
    setObjectName(QStringLiteral("serverConnectDialog"));
    setWindowTitle(tr("Connect to a Company Server"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A company on a PostgreSQL server can be used by several people at once. "
                                "Ask whoever runs the server for these details."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("serverHost"));
    m_host->setPlaceholderText(tr("db.example.com, or a socket folder such as /run/postgresql"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("serverPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("serverDatabase"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("serverUser"));
    m_sslMode = new QComboBox(this);
    m_sslMode->setObjectName(QStringLiteral("serverSslMode"));
    m_sslMode->addItem(tr("Verify the server's certificate and name (verify-full)"), QStringLiteral("verify-full"));
    m_sslMode->addItem(tr("Encrypt, without checking the certificate (require)"), QStringLiteral("require"));
    m_sslMode->addItem(tr("Encrypt when the server offers it (prefer)"), QStringLiteral("prefer"));
    m_sslMode->addItem(tr("No encryption (disable)"), QStringLiteral("disable"));
    m_sslMode->setCurrentIndex(2);
    m_rootCert = new QLineEdit(this);
    m_rootCert->setObjectName(QStringLiteral("serverRootCert"));
    m_rootCert->setPlaceholderText(tr("The certificate of the authority that signed the server's (PEM)"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    auto *certRow = new QHBoxLayout;
    certRow->addWidget(m_rootCert, 1);
    certRow->addWidget(m_browse);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("serverPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(tr("&Remember the password in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Encryption (TLS):"), m_sslMode);
    form->addRow(tr("Root cer&tificate:"), certRow);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ServerConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ServerConnectDialog::updateTls);
    connect(m_host, &QLineEdit::textChanged, this, &ServerConnectDialog::updateTls);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Root certificate"), QString(), tr("Certificates (*.crt *.pem);;All files (*)"));
        if (!f.isEmpty())
            m_rootCert->setText(f);
    });
    updateTls();
}

void ServerConnectDialog::updateTls()
{
    // A socket folder is a local connection: TLS does not apply there.
    const bool socket = m_host->text().trimmed().startsWith(QLatin1Char('/'));
    m_sslMode->setEnabled(!socket);
    const bool verify = !socket && m_sslMode->currentData().toString() == QLatin1String("verify-full");
    m_rootCert->setEnabled(verify);
    m_browse->setEnabled(verify);
}

void ServerConnectDialog::setLocation(const QString &text)
{
    CompanyLocation loc;
    try {
        loc = CompanyLocation::parse(text);
    } catch (const ServiceError &) {
        return;
    }
    if (!loc.isServer())
        return;
    m_host->setText(loc.host);
    m_port->setValue(loc.port);
    m_database->setText(loc.database);
    m_user->setText(loc.user);
    for (const QString &option : loc.options.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString key = option.section(QLatin1Char('='), 0, 0);
        const QString value = option.section(QLatin1Char('='), 1);
        if (key == QLatin1String("sslmode")) {
            const int i = m_sslMode->findData(value);
            if (i >= 0)
                m_sslMode->setCurrentIndex(i);
        } else if (key == QLatin1String("sslrootcert")) {
            m_rootCert->setText(value);
        }
    }
    try {
        if (const auto password = ServerPasswordStore(text).load()) {
            m_password->setText(*password);
            m_remember->setChecked(true);
        }
    } catch (const ServiceError &) {
    }
}

QString ServerConnectDialog::location(QString *error) const
{
    const QString host = m_host->text().trimmed();
    const QString database = m_database->text().trimmed();
    const QString user = m_user->text().trimmed();
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    if (host.isEmpty())
        return fail(tr("Enter the server's host name, address or socket folder."));
    if (database.isEmpty())
        return fail(tr("Enter the name of the company's database."));
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    QUrlQuery query;
    if (host.startsWith(QLatin1Char('/'))) {
        url.setHost(QString()); // libpq's form for a socket folder: ?host=/path
        query.addQueryItem(QStringLiteral("host"), host);
        if (m_port->value() != 5432)
            query.addQueryItem(QStringLiteral("port"), QString::number(m_port->value()));
    } else {
        url.setHost(host);
        if (m_port->value() != 5432)
            url.setPort(m_port->value());
        const QString mode = m_sslMode->currentData().toString();
        query.addQueryItem(QStringLiteral("sslmode"), mode);
        if (mode == QLatin1String("verify-full")) {
            if (m_rootCert->text().trimmed().isEmpty())
                return fail(tr("Verifying the server needs the root certificate that signed its certificate."));
            query.addQueryItem(QStringLiteral("sslrootcert"), m_rootCert->text().trimmed());
        }
    }
    url.setPath(QLatin1Char('/') + database);
    url.setQuery(query);
    QString text = url.toString(QUrl::FullyEncoded);
    // QUrl writes "postgresql:/db" without an authority when there is neither user nor host.
    if (user.isEmpty() && url.host().isEmpty())
        text.replace(QStringLiteral("postgresql:/"), QStringLiteral("postgresql:///"));
    try {
        return CompanyLocation::parse(text).isServer() ? text : fail(tr("This is not a server location."));
    } catch (const ServiceError &e) {
        return fail(e.message());
    }
}

QString ServerConnectDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ServerConnectDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ServerConnectDialog::accept()
{
    QString why;
    const QString where = location(&why);
    if (where.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        return;
    }
    m_error->hide();
    m_connect->setEnabled(false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = m_opener(where, m_password->text(), &why);
    QApplication::restoreOverrideCursor();
    m_connect->setEnabled(true);
    if (!ok) {
        m_error->setText(why);
        m_error->show();
        m_password->setFocus();
        m_password->selectAll();
        return;
    }
    // Only a password the server took is remembered; unticking forgets an old one.
    try {
        const ServerPasswordStore store(where);
        const QString problem = m_remember->isChecked() && !m_password->text().isEmpty() ? store.save(m_password->text()) : store.remove();
        m_rememberProblem = problem;
    } catch (const ServiceError &e) {
        m_rememberProblem = e.message();
    }
    QDialog::accept();
}

} // namespace orb

// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/CredentialStore.h"

#include <qt6keychain/keychain.h>

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>

namespace orb {

namespace {

/// Runs a keychain job to its end. QtKeychain's jobs are asynchronous; a local event loop
/// waits for the finished signal.
QString runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError)
        return {};
    return QStringLiteral("the system keychain refused (%1): %2").arg(int(job.error())).arg(job.errorString());
}

} // namespace

CredentialStore::CredentialStore(QString service) : m_service(std::move(service)) {}

QString CredentialStore::write(const QString &account, const QString &secret) const
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(account);
    job.setTextData(secret);
    return runJob(job);
}

std::optional<QString> CredentialStore::read(const QString &account, QString *error) const
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(account);
    const QString problem = runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return std::nullopt;
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return job.textData();
}

QString CredentialStore::remove(const QString &account) const
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(account);
    const QString problem = runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return {};
    return problem;
}

QString CredentialStore::serviceForCompanyFile(const QString &companyFilePath)
{
    const QString canonical = QFileInfo(companyFilePath).absoluteFilePath();
    const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("orb-billing/") + QString::fromLatin1(hash);
}

QString stripeKeyMode(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$"));
    const auto m = re.match(key);
    return m.hasMatch() ? m.captured(2) : QString();
}

} // namespace orb

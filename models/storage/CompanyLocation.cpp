// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/CompanyLocation.h"

#include "models/StorageError.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

namespace orb {

bool CompanyLocation::looksLikeServer(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString CompanyLocation::display() const
{
    if (!isServer())
        return path;
    QString hostPart = host.startsWith(QLatin1Char('/')) ? QString() : host;
    if (!hostPart.isEmpty() && port != 5432)
        hostPart += QStringLiteral(":%1").arg(port);
    QString text = QStringLiteral("postgresql://%1%2/%3").arg(user.isEmpty() ? QString() : user + QLatin1Char('@'), hostPart, database);
    QStringList query;
    if (host.startsWith(QLatin1Char('/')))
        query << QStringLiteral("host=") + host;
    if (!options.isEmpty())
        query << options.split(QLatin1Char(';'));
    if (!query.isEmpty())
        text += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return text;
}

CompanyLocation CompanyLocation::parse(const QString &text)
{
    CompanyLocation loc;
    if (!looksLikeServer(text)) {
        if (text.trimmed().isEmpty())
            throw ServiceError::invalid(QStringLiteral("no company location given (a company file path or postgresql://user@host/database)"));
        loc.path = text;
        return loc;
    }
    loc.kind = Kind::Server;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        throw ServiceError::invalid(QStringLiteral("the company server location %1 is not a valid URI: %2").arg(text, url.errorString()));
    if (!url.password().isEmpty())
        throw ServiceError::invalid(QStringLiteral("the company server location must not carry a password (it would show in process lists and shell history); "
                                                   "give it in PGPASSWORD or ~/.pgpass instead"));
    loc.user = url.userName();
    loc.host = url.host();
    if (url.port() != -1)
        loc.port = url.port();
    loc.database = url.path().mid(1);
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$"));
    if (!name.match(loc.database).hasMatch())
        throw ServiceError::invalid(QStringLiteral("the company server location %1 names no valid database (postgresql://user@host/database)").arg(text));
    if (!loc.user.isEmpty() && !name.match(loc.user).hasMatch())
        throw ServiceError::invalid(QStringLiteral("the company server location %1 names no valid user").arg(text));

    // libpq's options Orb passes on; anything else is refused rather than silently dropped
    // (a mistyped sslmode must not fall back to an unencrypted connection).
    static const QSet<QString> allowed{
        QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),     QStringLiteral("sslcert"),          QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),  QStringLiteral("connect_timeout"), QStringLiteral("application_name"), QStringLiteral("target_session_attrs")};
    static const QSet<QString> sslModes{QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
                                        QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            loc.host = value;
            continue;
        }
        if (key == QLatin1String("port")) {
            bool ok = false;
            loc.port = value.toInt(&ok);
            if (!ok || loc.port <= 0 || loc.port > 65535)
                throw ServiceError::invalid(QStringLiteral("the company server location %1 has an invalid port \"%2\"").arg(text, value));
            continue;
        }
        if (key == QLatin1String("password"))
            throw ServiceError::invalid(QStringLiteral("the company server location must not carry a password; give it in PGPASSWORD or ~/.pgpass instead"));
        if (!allowed.contains(key))
            throw ServiceError::invalid(QStringLiteral("the company server location %1 has an unknown option \"%2\"").arg(text, key));
        if (key == QLatin1String("sslmode") && !sslModes.contains(value))
            throw ServiceError::invalid(QStringLiteral("the company server location %1 has an unknown sslmode \"%2\"").arg(text, value));
        if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')) || value.contains(QLatin1Char('\'')))
            throw ServiceError::invalid(QStringLiteral("the company server location %1 has an invalid value for \"%2\"").arg(text, key));
        options << key + QLatin1Char('=') + value;
    }
    loc.options = options.join(QLatin1Char(';'));
    return loc;
}

} // namespace orb

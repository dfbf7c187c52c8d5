// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/SqlDialect.h"

#include "models/StorageError.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

namespace orb {

namespace {

QString translate(const QString &in)
{
    const QString trimmed = in.trimmed();
    static const QRegularExpression refused(QStringLiteral("\\b(rowid|_rowid_|oid|PRAGMA|INSERT\\s+OR\\s+REPLACE|REPLACE\\s+INTO|GLOB|sqlite_\\w+)\\b|"
                                                           "\\b(strftime|julianday|datetime|date|time|unixepoch|printf|format|typeof|group_concat|randomblob|"
                                                           "zeroblob|changes|total_changes|iif|ifnull|likelihood|unlikely|hex|unhex)\\s*\\("),
                                            QRegularExpression::CaseInsensitiveOption);
    // Only outside string literals: a LIKE pattern or a message may contain any word.
    QString code;
    code.reserve(trimmed.size());
    bool inString = false;
    for (const QChar c : trimmed) {
        if (c == QLatin1Char('\''))
            inString = !inString;
        code += inString || c == QLatin1Char('\'') ? QLatin1Char(' ') : c;
    }
    const auto m = refused.match(code);
    if (m.hasMatch())
        throw ServiceError::conflict(
            SqlDialect::notOnServer(QStringLiteral("a statement using %1").arg(m.captured(1).isEmpty() ? m.captured(2) : m.captured(1))));

    QString out = trimmed;
    if (out.compare(QLatin1String("BEGIN IMMEDIATE"), Qt::CaseInsensitive) == 0 || out.compare(QLatin1String("BEGIN DEFERRED"), Qt::CaseInsensitive) == 0
        || out.compare(QLatin1String("BEGIN EXCLUSIVE"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("BEGIN");
    static const QRegularExpression insertIgnore(QStringLiteral("^INSERT\\s+OR\\s+IGNORE\\s+INTO\\b"), QRegularExpression::CaseInsensitiveOption);
    if (insertIgnore.match(out).hasMatch()) {
        out.replace(insertIgnore, QStringLiteral("INSERT INTO"));
        static const QRegularExpression returning(QStringLiteral("\\bRETURNING\\b"), QRegularExpression::CaseInsensitiveOption);
        const auto r = returning.match(out);
        if (r.hasMatch())
            out.insert(r.capturedStart(), QStringLiteral("ON CONFLICT DO NOTHING "));
        else
            out += QStringLiteral(" ON CONFLICT DO NOTHING");
    }
    static const QRegularExpression like(QStringLiteral("\\bLIKE\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression lastId(QStringLiteral("\\blast_insert_rowid\\s*\\(\\s*\\)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression instr(QStringLiteral("\\binstr\\s*\\("), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression castInt(QStringLiteral("\\bAS\\s+INTEGER\\s*\\)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression castReal(QStringLiteral("\\bAS\\s+REAL\\s*\\)"), QRegularExpression::CaseInsensitiveOption);
    // Rewrite outside string literals only: split on quotes, touch the even parts.
    QStringList parts = out.split(QLatin1Char('\''));
    for (int i = 0; i < parts.size(); i += 2) {
        parts[i].replace(like, QStringLiteral("ILIKE"));
        parts[i].replace(lastId, QStringLiteral("lastval()"));
        parts[i].replace(instr, QStringLiteral("strpos("));
        parts[i].replace(castInt, QStringLiteral("AS BIGINT)"));
        parts[i].replace(castReal, QStringLiteral("AS DOUBLE PRECISION)"));
    }
    return parts.join(QLatin1Char('\''));
}

} // namespace

QString SqlDialect::notOnServer(const QString &what)
{
    return QStringLiteral("%1 is not yet available on a company server (PostgreSQL); it needs a company file. Nothing was changed.").arg(what);
}

QString SqlDialect::forPostgres(const QString &sqliteSql)
{
    static QMutex mutex;
    static QHash<QString, QString> cache;
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(sqliteSql);
        if (it != cache.constEnd())
            return *it;
    }
    const QString out = translate(sqliteSql);
    QMutexLocker lock(&mutex);
    if (cache.size() > 4096)
        cache.clear();
    cache.insert(sqliteSql, out);
    return out;
}

} // namespace orb

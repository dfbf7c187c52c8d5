// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/AuditLog.h"
#include "models/api/WebhookService.h"

#include "models/StorageError.h"
#include "models/Timestamps.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <pwd.h>
#include <unistd.h>

namespace orb {

namespace {

const QString kGenesis = QString(64, QLatin1Char('0'));

QString canonical(const std::optional<QJsonObject> &o)
{
    // QJsonDocument writes object keys sorted, so the text is canonical for hashing.
    return o ? QString::fromUtf8(QJsonDocument(*o).toJson(QJsonDocument::Compact)) : QString();
}

std::optional<QJsonObject> parseObject(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

const QString kColumns =
    QStringLiteral("SELECT seq, at, os_user, action, object_type, object_id, before_json, after_json, prev_hash, hash, db_user FROM audit_log ");

AuditEntry entryFromRow(const QSqlQuery &q)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.at = fromIsoUtc(q.value(1).toString());
    e.osUser = q.value(2).toString();
    e.action = q.value(3).toString();
    e.objectType = q.value(4).toString();
    e.objectId = q.value(5).toString();
    e.before = parseObject(q.value(6));
    e.after = parseObject(q.value(7));
    e.prevHash = q.value(8).toString();
    e.hash = q.value(9).toString();
    e.dbUser = q.value(10).toString();
    return e;
}

} // namespace

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject{{QStringLiteral("seq"), QString::number(seq)},
                       {QStringLiteral("at"), toApiTimestamp(at)},
                       {QStringLiteral("os_user"), osUser},
                       {QStringLiteral("db_user"), dbUser.isEmpty() ? QJsonValue() : QJsonValue(dbUser)},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("object_type"), objectType},
                       {QStringLiteral("object_id"), objectId},
                       {QStringLiteral("before"), before ? QJsonValue(*before) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("after"), after ? QJsonValue(*after) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("hash"), hash}};
}

QString AuditLog::currentOsUser()
{
    // The user a process runs as does not change while it runs; looking it up reads the
    // password database, once per entry otherwise.
    static const QString user = [] {
        if (const passwd *pw = getpwuid(getuid()))
            return QString::fromLocal8Bit(pw->pw_name);
        const QString env = qEnvironmentVariable("USER");
        return env.isEmpty() ? QStringLiteral("uid %1").arg(getuid()) : env;
    }();
    return user;
}

QString AuditLog::computeHash(const AuditEntry &e)
{
    return hashWith(e, canonical(e.before), canonical(e.after));
}

QString AuditLog::hashWith(const AuditEntry &e, const QString &beforeText, const QString &afterText)
{
    // Length-prefixed fields ("<bytes>:<text>", UTF-8), so that no two different entries hash
    // the same text; gathered first and hashed once.
    QByteArray text;
    text.reserve(256 + beforeText.size() + afterText.size());
    const auto field = [&text](const QString &f) {
        const QByteArray bytes = f.toUtf8();
        text.append(QByteArray::number(bytes.size())).append(':').append(bytes);
    };
    field(e.prevHash);
    field(QString::number(e.seq));
    field(toIsoUtc(e.at));
    field(e.osUser);
    field(e.action);
    field(e.objectType);
    field(e.objectId);
    field(beforeText);
    field(afterText);
    // The database user joins the hashed fields only when it is recorded, so that entries
    // written before it was (and every entry of a company file) keep their hashes.
    if (!e.dbUser.isEmpty())
        field(e.dbUser);
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

AuditEntry AuditLog::append(const QDateTime &at, const QString &action, const QString &objectType, const QString &objectId,
                            const std::optional<QJsonObject> &before, const std::optional<QJsonObject> &after)
{
    if (!m_db.inTransaction())
        throw ServiceError::storage(QStringLiteral("an audit entry must be written in the transaction of its change"));
    AuditEntry e;
    QSqlQuery last = m_db.exec(QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (last.next()) {
        e.seq = last.value(0).toLongLong() + 1;
        e.prevHash = last.value(1).toString();
    } else {
        e.seq = 1;
        e.prevHash = kGenesis;
    }
    last.finish();
    e.at = at.toUTC();
    e.osUser = currentOsUser();
    e.dbUser = m_db.sessionUser();
    e.action = action;
    e.objectType = objectType;
    e.objectId = objectId;
    e.before = before;
    e.after = after;
    // Each object is written as canonical text once: hashed, then stored as hashed.
    const QString beforeText = canonical(before);
    const QString afterText = canonical(after);
    e.hash = hashWith(e, beforeText, afterText);
    m_db.exec(QStringLiteral("INSERT INTO audit_log (seq, at, os_user, action, object_type, object_id, before_json, after_json, prev_hash, hash, db_user) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
              {e.seq, toIsoUtc(e.at), e.osUser, e.action, e.objectType, e.objectId, before ? QVariant(beforeText) : QVariant(QMetaType::fromType<QString>()),
               after ? QVariant(afterText) : QVariant(QMetaType::fromType<QString>()), e.prevHash, e.hash,
               e.dbUser.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.dbUser)});
    // The head is kept beside the chain, so that cutting entries off the end is noticed too:
    // one statement that replaces it (or writes the first).
    m_db.exec(QStringLiteral("INSERT INTO orb_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
              {QStringLiteral("%1:%2").arg(e.seq).arg(e.hash)});
    // Orb's webhook for the change, in the change's own transaction (an outbox).
    WebhookService::recordForAudit(m_db, e.at, action, objectType, objectId, after);
    return e;
}

QList<AuditEntry> AuditLog::select(const QString &where, const QVariantList &binds) const
{
    QSqlQuery q = m_db.exec(kColumns + where, binds);
    QList<AuditEntry> out;
    while (q.next())
        out.append(entryFromRow(q));
    return out;
}

QList<AuditEntry> AuditLog::forObject(const QString &objectType, const QString &objectId) const
{
    return select(QStringLiteral("WHERE object_type = ? AND object_id = ? ORDER BY seq"), {objectType, objectId});
}

QList<AuditEntry> AuditLog::recent(int limit, qint64 beforeSeq) const
{
    if (beforeSeq > 0)
        return select(QStringLiteral("WHERE seq < ? ORDER BY seq DESC LIMIT ?"), {beforeSeq, limit});
    return select(QStringLiteral("ORDER BY seq DESC LIMIT ?"), {limit});
}

AuditVerification AuditLog::verify() const
{
    AuditVerification v;
    QSqlQuery q = m_db.exec(kColumns + QStringLiteral("ORDER BY seq"));
    QString expectedPrev = kGenesis;
    qint64 expectedSeq = 1;
    auto fail = [&](qint64 seq, const QString &problem) {
        v.ok = false;
        v.brokenAt = seq;
        v.problem = problem;
    };
    while (q.next()) {
        // The stored text is checked to be canonical below, so that the hash covers it as stored.
        const AuditEntry e = entryFromRow(q);
        ++v.entries;
        if (e.seq != expectedSeq) {
            fail(expectedSeq, e.seq > expectedSeq ? QStringLiteral("entries %1 to %2 are missing (deleted)").arg(expectedSeq).arg(e.seq - 1)
                                                  : QStringLiteral("entry %1 appears twice").arg(e.seq));
            return v;
        }
        if ((!q.value(6).isNull() && canonical(e.before) != q.value(6).toString()) || (!q.value(7).isNull() && canonical(e.after) != q.value(7).toString())) {
            fail(e.seq, QStringLiteral("entry %1's before/after text was edited").arg(e.seq));
            return v;
        }
        if (e.prevHash != expectedPrev) {
            fail(e.seq, QStringLiteral("entry %1 does not follow entry %2 (an entry was inserted, replaced or deleted there)").arg(e.seq).arg(e.seq - 1));
            return v;
        }
        if (computeHash(e) != e.hash) {
            fail(e.seq, QStringLiteral("entry %1 was edited after it was written (%2 %3 %4)").arg(e.seq).arg(e.action, e.objectType, e.objectId));
            return v;
        }
        expectedPrev = e.hash;
        ++expectedSeq;
    }
    v.headHash = v.entries ? expectedPrev : QString();
    const QString head = m_db.scalar(QStringLiteral("SELECT value FROM orb_meta WHERE key = 'audit_head'")).toString();
    const QString expectedHead = v.entries ? QStringLiteral("%1:%2").arg(v.entries).arg(expectedPrev) : QString();
    if (head != expectedHead) {
        const qint64 headSeq = head.section(QLatin1Char(':'), 0, 0).toLongLong();
        fail(v.entries + 1, headSeq > v.entries
                                ? QStringLiteral("the last %1 entries were removed (the trail ended at entry %2)").arg(headSeq - v.entries).arg(headSeq)
                                : QStringLiteral("the record of the newest entry does not match the trail"));
    }
    return v;
}

QString AuditLog::changeSummary(const AuditEntry &e)
{
    if (!e.before || !e.after)
        return e.after ? QStringLiteral("created") : QStringLiteral("removed");
    QStringList keys = e.after->keys();
    for (const QString &k : e.before->keys())
        if (!keys.contains(k))
            keys << k;
    const auto text = [](const QJsonValue &v) -> QString {
        return v.isString() ? v.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    };
    QStringList diffs;
    for (const QString &k : keys)
        if (e.before->value(k) != e.after->value(k))
            diffs << QStringLiteral("%1: %2 → %3").arg(k, text(e.before->value(k)), text(e.after->value(k)));
    return diffs.join(QStringLiteral("; "));
}

bool AuditLog::resolveObject(const QString &reference, QString *type, QString *id) const
{
    const QString ref = reference.trimmed();
    if (ref.isEmpty())
        return false;
    if (ref.contains(QLatin1Char(':'))) {
        *type = ref.section(QLatin1Char(':'), 0, 0);
        *id = ref.section(QLatin1Char(':'), 1);
        return !type->isEmpty() && !id->isEmpty();
    }
    const QVariant customer = m_db.scalar(QStringLiteral("SELECT id FROM customers WHERE id = ? OR external_customer_id = ?"), {ref, ref});
    if (customer.isValid() && !customer.isNull()) {
        *type = QStringLiteral("customer");
        *id = customer.toString();
        return true;
    }
    const QVariant invoice = m_db.scalar(QStringLiteral("SELECT id FROM invoices WHERE id = ? OR invoice_number = ?"), {ref, ref});
    if (invoice.isValid() && !invoice.isNull()) {
        *type = QStringLiteral("invoice");
        *id = invoice.toString();
        return true;
    }
    const QVariant subscription = m_db.scalar(QStringLiteral("SELECT id FROM subscriptions WHERE id = ?"), {ref});
    if (subscription.isValid() && !subscription.isNull()) {
        *type = QStringLiteral("subscription");
        *id = subscription.toString();
        return true;
    }
    return false;
}

} // namespace orb

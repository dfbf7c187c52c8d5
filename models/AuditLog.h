// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace orb {

/// One entry of the audit trail.
struct AuditEntry {
    qint64 seq = 0;
    QDateTime at;
    QString osUser;
    /// The database user whose connection wrote the entry (a server's login); empty in a
    /// company file, which has one local user, and in entries written before it was recorded.
    QString dbUser;
    QString action;     ///< e.g. "customer.update", "settings.set"
    QString objectType; ///< e.g. "customer", "company", "setting"
    QString objectId;
    std::optional<QJsonObject> before;
    std::optional<QJsonObject> after;
    QString prevHash;
    QString hash;

    QJsonObject toJson() const;
};

/// What verify() found: the first entry that breaks the chain, if any.
struct AuditVerification {
    bool ok = true;
    qint64 entries = 0;
    qint64 brokenAt = 0; ///< the sequence number of the first bad entry
    QString problem;     ///< what is wrong there, in words
    QString headHash;    ///< the hash of the last entry (write it down to detect a cut tail)
};

/**
 * The hash-chained audit trail of a company file. append() runs inside the caller's unit of
 * work, so an entry exists exactly when its change does.
 */
class AuditLog final
{
public:
    explicit AuditLog(const Database &db) : m_db(db) {}

    /// Appends an entry; call inside the transaction that makes the change.
    AuditEntry append(const QDateTime &at, const QString &action, const QString &objectType, const QString &objectId, const std::optional<QJsonObject> &before,
                      const std::optional<QJsonObject> &after);

    /// Entries about one object, oldest first.
    QList<AuditEntry> forObject(const QString &objectType, const QString &objectId) const;
    /// The newest entries (at most limit), newest first; with beforeSeq, those older than it.
    QList<AuditEntry> recent(int limit, qint64 beforeSeq = 0) const;
    /// Recomputes the whole chain and checks it against the stored head.
    AuditVerification verify() const;

    /// The user the program runs as (recorded in each entry).
    static QString currentOsUser();
    /// For people: "field: before → after; …" for a change, "created" or "removed" otherwise.
    static QString changeSummary(const AuditEntry &entry);
    /// The object a person names: TYPE:ID as it is, else a customer (id or external id), an
    /// invoice (id or number) or a subscription id. False when nothing matches.
    bool resolveObject(const QString &reference, QString *type, QString *id) const;
    /// The hash of an entry's fields and its predecessor's hash (SHA-256, hex).
    static QString computeHash(const AuditEntry &entry);

private:
    /// computeHash() with the before and after objects already written as canonical text.
    static QString hashWith(const AuditEntry &entry, const QString &beforeText, const QString &afterText);
    QList<AuditEntry> select(const QString &where, const QVariantList &binds) const;
    const Database &m_db;
};

} // namespace orb

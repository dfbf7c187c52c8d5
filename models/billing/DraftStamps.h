// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QHash>
#include <QString>

#include <vector>

namespace orb {

class Database;

/// What a draft was composed from (migration 0021): a digest of every input but the usage, the
/// usage watermarks the run had read before it aggregated, and the draft's updated_at as left.
struct DraftStamp {
    QByteArray fingerprint;
    qint64 eventsSeen = 0;
    qint64 changesSeen = 0;
    QString invoiceUpdatedAt;
};

/// The usage watermarks of the company file: the highest usage_events.seq and usage_changes.seq.
struct UsageMarks {
    qint64 events = 0;
    qint64 changes = 0;
    static UsageMarks read(const Database &db);
};

/**
 * The usage that changed since a watermark, by customer: events stored after it (a new event,
 * an amendment's new version, a backfill's events) and events that started or stopped counting
 * after it (usage_changes, written by a trigger on every update of an event). Reading it costs
 * what changed: both are range reads on the tables' integer keys.
 */
class UsageChangeIndex final
{
public:
    /// Everything after `since` (nothing is read when `since` is already at `now`).
    void load(const Database &db, const UsageMarks &since, const UsageMarks &now);

    /// Whether usage of this customer (its id, or events sent under its external id before or
    /// after it existed) in [startMs, endMs) changed after the stamp's watermarks.
    bool touches(const QString &customerId, const QString &externalId, qint64 startMs, qint64 endMs, const DraftStamp &stamp) const;

    qint64 size() const { return m_size; }

private:
    struct Change {
        qint64 ts;
        qint64 seq;
        bool logged; ///< from usage_changes (else a new row of usage_events)
    };
    void add(const QByteArray &ref, qint64 ts, qint64 seq, bool logged);
    void loadFromServer(const Database &db, const UsageMarks &since, const UsageMarks &now);
    bool touchesRef(const QByteArray &ref, qint64 startMs, qint64 endMs, const DraftStamp &stamp) const;

    QHash<QByteArray, std::vector<Change>> m_byRef; ///< "c:" + customer id, "x:" + external id
    qint64 m_size = 0;
};

/// Reads and writes invoice_draft_stamps, inside the caller's transaction.
class DraftStampStore final
{
public:
    explicit DraftStampStore(Database &db) : m_db(db) {}

    /// Stamps of drafts, by invoice id.
    QHash<QString, DraftStamp> load() const;
    void put(const QString &invoiceId, const DraftStamp &stamp);
    void remove(const QString &invoiceId);
    /// Moves the watermarks of drafts found up to date (nothing they depend on changed up to
    /// `marks`), so the next run reads only the usage that changed after this one.
    void advance(const QList<QString> &invoiceIds, const UsageMarks &marks);
    /// Drops the stamps of invoices that are no longer drafts and the usage changes every
    /// remaining stamp has seen.
    void prune();

private:
    Database &m_db;
};

/// An incremental digest of composition inputs; fields are length-prefixed so that no two
/// different sequences of fields give the same bytes.
class Fingerprint final
{
public:
    Fingerprint() : m_hash(QCryptographicHash::Sha1) {}
    Fingerprint &add(const QByteArray &bytes);
    Fingerprint &add(const QString &text) { return add(text.toUtf8()); }
    Fingerprint &add(qint64 n);
    QByteArray result() const { return m_hash.result(); }

private:
    QCryptographicHash m_hash;
};

} // namespace orb

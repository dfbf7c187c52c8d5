// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace orb {

class Database;
class SqliteStatement;

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
    explicit DraftStampStore(Database &db);
    ~DraftStampStore();
    DraftStampStore(const DraftStampStore &) = delete;
    DraftStampStore &operator=(const DraftStampStore &) = delete;

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
    /// prune() where the caller knows which stamps can be stale (those of invoices that were
    /// not drafts when it read them): only those are looked at, not every stamp.
    void prune(const QList<QString> &maybeStale);

private:
    void pruneUsageChanges();

    Database &m_db;
    std::unique_ptr<SqliteStatement> m_put; // prepared once for all the puts of a batch
};

/// An incremental digest of composition inputs; fields are length-prefixed so that no two
/// different sequences of fields give the same bytes. The fields are gathered and hashed once
/// (a run digests every draft's inputs). The digest is a 128-bit MurmurHash3 (x64): it only
/// tells whether a draft's inputs changed since the draft was composed, and is compared with
/// the stamp stored beside that draft in the same company file, never trusted as proof of
/// anything, so a fast non-cryptographic hash serves. Texts are taken as their UTF-16 code
/// units (no conversion). A stamp written in an earlier format (a 20-byte SHA-1) never equals
/// a digest of this one: its draft is composed once more and stamped anew.
class Fingerprint final
{
public:
    Fingerprint() { m_bytes.reserve(512); }
    Fingerprint &add(const QByteArray &bytes);
    Fingerprint &add(const QString &text);
    Fingerprint &add(qint64 n);
    QByteArray result() const { return hash128(m_bytes.data(), qsizetype(m_bytes.size())); }

    /// MurmurHash3_x64_128 with seed 0, as 16 bytes (h1 then h2, little-endian).
    static QByteArray hash128(const char *data, qsizetype size);

private:
    std::string m_bytes; // appending a few bytes is a copy, without QByteArray's insert path
};

} // namespace orb

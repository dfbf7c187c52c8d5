// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/CustomerPostings.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/usage/ServerUsageScan.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace orb {

namespace {

void countIn(std::vector<std::pair<qint64, qint64>> &months, qint64 month)
{
    if (month == 0)
        return;
    if (!months.empty() && months.back().first == month) {
        ++months.back().second;
        return;
    }
    for (auto &m : months)
        if (m.first == month) {
            ++m.second;
            return;
        }
    months.emplace_back(month, 1);
}

/// FNV-1a over the prefix and the id, with the splitmix64 finaliser (as usageKeyHash) so that
/// ids differing in their last bytes spread over the whole table.
quint64 refHash(char prefix, const QByteArray &id)
{
    quint64 h = (14695981039346656037ULL ^ static_cast<unsigned char>(prefix)) * 1099511628211ULL;
    for (const char c : id) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

} // namespace

void CustomerPostings::growIndex()
{
    std::vector<Slot> old;
    old.swap(m_slots);
    const size_t size = old.empty() ? 64 : old.size() * 2;
    m_slots.assign(size, Slot());
    m_mask = size - 1;
    for (const Slot &o : old) {
        if (o.index == 0)
            continue;
        size_t i = o.hash & m_mask;
        while (m_slots[i].index != 0)
            i = (i + 1) & m_mask;
        m_slots[i] = o;
    }
}

void CustomerPostings::addRef(char prefix, const QByteArray &id, qint64 tsMs, qint64 seq, qint64 month)
{
    if ((m_pending.size() + 1) * 2 > m_slots.size())
        growIndex();
    const quint64 hash = refHash(prefix, id);
    size_t i = hash & m_mask;
    for (; m_slots[i].index != 0; i = (i + 1) & m_mask) {
        if (m_slots[i].hash != hash)
            continue;
        Pending &p = m_pending[m_slots[i].index - 1];
        if (p.ref.size() != id.size() + 1 || p.ref.at(0) != prefix || memcmp(p.ref.constData() + 1, id.constData(), size_t(id.size())) != 0)
            continue; // another ref with the same hash
        p.tsMin = std::min(p.tsMin, tsMs);
        p.tsMax = std::max(p.tsMax, tsMs);
        p.seqs.push_back(seq);
        countIn(p.months, month);
        return;
    }
    Pending p;
    p.ref.reserve(id.size() + 1);
    p.ref.append(prefix).append(id);
    p.tsMin = p.tsMax = tsMs;
    p.seqs.push_back(seq);
    countIn(p.months, month);
    m_pending.push_back(std::move(p));
    m_slots[i] = {hash, quint32(m_pending.size())};
}

void CustomerPostings::add(sqlite3 *db, const UsageEventRow &row, qint64 seq, bool active)
{
    // An active event counts once, under UsageMonthCounts::countRef(): its customer id, else
    // its external id. (An event with neither is listed nowhere and counted under 'x'.)
    const qint64 month = active ? m_months.monthOf(db, row.tsMs) : 0;
    if (!row.customerId.isEmpty())
        addRef('c', row.customerId, row.tsMs, seq, month);
    if (!row.externalCustomerId.isEmpty())
        addRef('x', row.externalCustomerId, row.tsMs, seq, row.customerId.isEmpty() ? month : 0);
    else if (row.customerId.isEmpty() && month != 0)
        m_uncounted.emplace_back(month, 1);
}

void CustomerPostings::discard()
{
    m_uncounted.clear();
    m_months.forget();
    std::fill(m_slots.begin(), m_slots.end(), Slot());
    m_pending.clear();
}

void CustomerPostings::write(sqlite3 *db)
{
    if (m_pending.empty() && m_uncounted.empty())
        return;
    {
        SqliteStatement count(db,
                              "INSERT INTO usage_month_counts (month_start, ref, events) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (month_start, ref) DO UPDATE SET events = events + excluded.events",
                              "counting usage events by month");
        const auto put = [&count](qint64 month, const QByteArray &ref, qint64 events) {
            count.reset();
            count.bind(1, month).bind(2, ref, SqliteStatement::Bytes::Borrowed).bind(3, events);
            count.run();
        };
        for (const Pending &p : m_pending)
            for (const auto &[month, events] : p.months)
                put(month, p.ref, events);
        static const QByteArray noRef("x");
        for (const auto &[month, events] : m_uncounted)
            put(month, noRef, events);
        count.reset();
    }
    SqliteStatement s(db, "INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs) VALUES (?1, ?2, ?3, ?4)",
                      "writing the customer directory of usage events");
    std::vector<char> text;
    for (const Pending &p : m_pending) {
        text.resize(p.seqs.size() * 21);
        char *out = text.data();
        for (size_t i = 0; i < p.seqs.size(); ++i) {
            if (i > 0)
                *out++ = ',';
            out = std::to_chars(out, text.data() + text.size(), p.seqs[i]).ptr;
        }
        s.reset();
        s.bind(1, p.ref, SqliteStatement::Bytes::Borrowed)
            .bind(2, p.tsMin)
            .bind(3, p.tsMax)
            .bindText(4, text.data(), int(out - text.data()), SqliteStatement::Bytes::Borrowed);
        s.run();
    }
    s.reset();
    discard();
}

namespace {

QByteArray columnBytes(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QByteArray(p, sqlite3_column_bytes(s, i)) : QByteArray();
}

} // namespace

std::vector<qint64> CustomerPostings::seqs(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs)
{
    std::vector<qint64> seqs;
    {
        SqliteStatement s(db, "SELECT seqs FROM usage_customer_postings WHERE ref = ?1 AND ts_max >= ?2 AND ts_min < ?3",
                          "reading the customer directory of usage events");
        for (const QByteArray &ref :
             {customerId.isEmpty() ? QByteArray() : customerRef(customerId), externalId.isEmpty() ? QByteArray() : externalRef(externalId)}) {
            if (ref.isEmpty())
                continue;
            s.reset();
            s.bind(1, ref).bind(2, startMs).bind(3, endMs);
            while (s.next()) {
                const char *p = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
                const char *end = p + sqlite3_column_bytes(s, 0);
                qint64 v = 0;
                bool any = false;
                for (; p != end; ++p) {
                    if (*p == ',') {
                        if (any)
                            seqs.push_back(v);
                        v = 0;
                        any = false;
                    } else if (*p >= '0' && *p <= '9') {
                        v = v * 10 + (*p - '0');
                        any = true;
                    } else {
                        throw ServiceError::storage(QStringLiteral(
                            "the customer directory of usage events (usage_customer_postings) holds a malformed row; the company file is damaged"));
                    }
                }
                if (any)
                    seqs.push_back(v);
            }
        }
    }
    // An event sent with both ids is listed twice.
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    return seqs;
}

std::vector<CustomerEventRow> CustomerPostings::events(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs)
{
    const std::vector<qint64> seqs = CustomerPostings::seqs(db, customerId, externalId, startMs, endMs);
    std::vector<CustomerEventRow> out;
    out.reserve(seqs.size());
    SqliteStatement s(db, "SELECT ts, status, event_name, customer_id, external_customer_id, properties FROM usage_events WHERE seq = ?1",
                      "reading a customer's usage events");
    for (const qint64 seq : seqs) {
        s.reset();
        s.bind(1, seq);
        if (!s.next())
            continue;
        const qint64 ts = sqlite3_column_int64(s, 0);
        if (ts < startMs || ts >= endMs)
            continue;
        CustomerEventRow r;
        r.seq = seq;
        r.tsMs = ts;
        r.status = sqlite3_column_int(s, 1);
        r.eventName = columnBytes(s, 2);
        r.customerId = columnBytes(s, 3);
        r.externalCustomerId = columnBytes(s, 4);
        r.properties = columnBytes(s, 5);
        out.push_back(std::move(r));
    }
    s.reset();
    return out;
}

std::vector<CustomerEventRow> CustomerPostings::eventsIn(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs,
                                                         qint64 endMs)
{
    return db.isServer() ? ServerUsageScan::customerEvents(db, customerId, externalId, startMs, endMs)
                         : events(db.sqliteHandle(), customerId, externalId, startMs, endMs);
}

std::vector<qint64> CustomerPostings::seqsIn(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs)
{
    return db.isServer() ? ServerUsageScan::customerSeqs(db, customerId, externalId, startMs, endMs)
                         : seqs(db.sqliteHandle(), customerId, externalId, startMs, endMs);
}

} // namespace orb

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <vector>

namespace orb {

/**
 * An open-addressing set of 64-bit key hashes (linear probing, at most half full): the
 * in-memory dedup filter of a bulk import. The hashes are already well mixed
 * (usageKeyHash ends with the splitmix64 finaliser), so their low bits index the table.
 */
class KeyHashSet final
{
public:
    void reserve(qsizetype n)
    {
        size_t want = 16;
        while (want < size_t(n) * 2)
            want *= 2;
        if (want > m_slots.size())
            rehash(want);
    }
    bool contains(qint64 hash) const
    {
        const quint64 h = quint64(hash);
        if (h == 0)
            return m_hasZero;
        if (m_slots.empty())
            return false;
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            if (m_slots[i] == h)
                return true;
            if (m_slots[i] == 0)
                return false;
        }
    }
    /// Starts loading the slot of `hash` into the cache: the table is far larger than the
    /// cache, so a batch prefetches a few rows ahead of the one it looks up.
    void prefetch(qint64 hash) const
    {
#if defined(__GNUC__)
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[quint64(hash) & m_mask]);
#else
        Q_UNUSED(hash);
#endif
    }
    void insert(qint64 hash)
    {
        const quint64 h = quint64(hash);
        if (h == 0) {
            m_hasZero = true;
            return;
        }
        if ((m_count + 1) * 2 > m_slots.size())
            rehash(m_slots.empty() ? 16 : m_slots.size() * 2);
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            if (m_slots[i] == h)
                return;
            if (m_slots[i] == 0) {
                m_slots[i] = h;
                ++m_count;
                return;
            }
        }
    }
    void clear()
    {
        std::vector<quint64>().swap(m_slots);
        m_mask = 0;
        m_count = 0;
        m_hasZero = false;
    }
    qsizetype size() const
    {
        return qsizetype(m_count) + (m_hasZero ? 1 : 0);
    }

private:
    void rehash(size_t slotCount)
    {
        std::vector<quint64> old;
        old.swap(m_slots);
        m_slots.assign(slotCount, 0);
        m_mask = slotCount - 1;
        m_count = 0;
        for (const quint64 h : old)
            if (h != 0)
                insert(qint64(h));
    }

    std::vector<quint64> m_slots;
    size_t m_mask = 0;
    size_t m_count = 0;
    bool m_hasZero = false;
};

} // namespace orb

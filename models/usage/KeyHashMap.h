// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <vector>

namespace orb {

/**
 * An open-addressing multimap from 64-bit key hashes to event seqs (linear probing, at most
 * half full): the keys a write transaction has added to the key index and not yet written
 * out (UsageKeyIndex). Seqs are rowids, never 0, so 0 marks an empty slot. Two events with
 * the same hash (a 64-bit collision of two keys, or an amended event) take two slots.
 */
class KeyHashMap final
{
public:
    void insert(qint64 hash, qint64 seq)
    {
        if ((m_count + 1) * 2 > m_slots.size())
            rehash(m_slots.empty() ? 1024 : m_slots.size() * 2);
        for (size_t i = quint64(hash) & m_mask;; i = (i + 1) & m_mask) {
            if (m_slots[i].seq == 0) {
                m_slots[i] = {hash, seq};
                ++m_count;
                return;
            }
        }
    }
    /// Appends every seq stored under `hash` to `out`.
    void find(qint64 hash, std::vector<qint64> &out) const
    {
        if (m_slots.empty())
            return;
        for (size_t i = quint64(hash) & m_mask; m_slots[i].seq != 0; i = (i + 1) & m_mask)
            if (m_slots[i].hash == hash)
                out.push_back(m_slots[i].seq);
    }
    /// Empties the map; keeps its slots, since the next checkpoint fills it about as much.
    void clear()
    {
        std::fill(m_slots.begin(), m_slots.end(), Slot());
        m_count = 0;
    }
    bool isEmpty() const { return m_count == 0; }

private:
    struct Slot {
        qint64 hash = 0;
        qint64 seq = 0;
    };
    void rehash(size_t slotCount)
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(slotCount, Slot());
        m_mask = slotCount - 1;
        m_count = 0;
        for (const Slot &s : old)
            if (s.seq != 0)
                insert(s.hash, s.seq);
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_count = 0;
};

} // namespace orb

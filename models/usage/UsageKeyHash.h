// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace orb {

/**
 * The stored 64-bit hash of an idempotency key. It must never change between versions (it is
 * on disk), so it is spelled out here rather than taken from qHash, which is seeded per
 * process: FNV-1a over the UTF-8 bytes, then the splitmix64 finaliser so that keys that
 * differ in their last bytes still spread over the whole index.
 */
inline qint64 usageKeyHash(QByteArrayView key)
{
    quint64 h = 14695981039346656037ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return static_cast<qint64>(h);
}

} // namespace orb

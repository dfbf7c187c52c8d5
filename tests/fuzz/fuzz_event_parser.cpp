// SPDX-License-Identifier: GPL-3.0-or-later
// One usage event line through both parsers. Beyond "no crash, no sanitizer report" it checks
// FastEventParser's contract: when the fast path takes a line, the reference parser accepts it
// and builds exactly the same stored row.
#include "engine/metrics/EventParser.h"
#include "models/usage/FastEventParser.h"
#include "models/usage/UsageEventRow.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    orb::JsonParseError error;
    const std::optional<orb::Event> reference = orb::EventParser::parse(line, &error);
    orb::UsageEventRow fast;
    if (orb::FastEventParser::parse(line, fast)) {
        if (!reference) {
            std::fprintf(stderr, "the fast path took a line the reference parser rejects\n");
            std::abort();
        }
        const orb::UsageEventRow slow = orb::UsageEventRow::fromEvent(*reference);
        if (!fast.sameBody(slow) || fast.idempotencyKey != slow.idempotencyKey || fast.keyHash != slow.keyHash) {
            std::fprintf(stderr, "the fast path and the reference parser disagree on a line\n");
            std::abort();
        }
    }
    QByteArrayView timestamp = line.size() > 40 ? line.first(40) : line;
    qint64 ms = 0;
    const bool fastTs = orb::FastEventParser::parseTimestampMs(timestamp, ms);
    const auto slowTs = orb::EventParser::parseTimestamp(QString::fromLatin1(timestamp));
    if (fastTs && (!slowTs || slowTs->toMSecsSinceEpoch() != ms)) {
        std::fprintf(stderr, "the two timestamp readers disagree\n");
        std::abort();
    }
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// A `POST /v1/ingest` body through the API's request parser. Beyond "no crash, no sanitizer
// report" it checks that the per-event path (the body split into events, each parsed on its
// own) reads exactly what the full JSON reader reads: the same events, accepted or rejected
// alike, the same stored rows; and that the splitter refuses exactly the bodies the reader refuses.
#include "app/api/ApiIngest.h"
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const orb::api::IngestBodySplit split = orb::api::splitIngestBody(body);
    const auto root = orb::JsonReader::parse(body);
    // The splitter validates on its own: it must refuse exactly what the JSON reader refuses.
    if (root.has_value() == (split.shape == orb::api::IngestBodyShape::NotJson)) {
        std::fprintf(stderr, "the splitter and the JSON reader disagree on accepting the body\n");
        std::abort();
    }
    if (split.shape != orb::api::IngestBodyShape::Events)
        return 0;
    const QList<QByteArrayView> *slices = &split.events;
    const orb::JsonValue *events = root && root->isObject() ? root->find(u"events") : nullptr;
    if (!events || !events->isArray() || root->size() != 1 || events->size() != slices->size()) {
        std::fprintf(stderr, "the splitter took a body that is not {\"events\": [...]} with as many events\n");
        std::abort();
    }
    for (qsizetype i = 0; i < slices->size(); ++i) {
        const orb::api::ParsedEvent fast = orb::api::parseIngestEvent(slices->at(i));
        const auto reference = orb::EventParser::fromJsonValue(events->at(i));
        if (fast.ok != reference.has_value()) {
            std::fprintf(stderr, "event %lld: the per-event parser and the full reader disagree on accepting it\n", static_cast<long long>(i));
            std::abort();
        }
        if (fast.ok) {
            const orb::UsageEventRow slow = orb::UsageEventRow::fromEvent(*reference);
            if (!fast.row.sameBody(slow) || fast.row.idempotencyKey != slow.idempotencyKey || fast.row.keyHash != slow.keyHash) {
                std::fprintf(stderr, "event %lld: the per-event parser and the full reader build different rows\n", static_cast<long long>(i));
                std::abort();
            }
        }
    }
    return 0;
}

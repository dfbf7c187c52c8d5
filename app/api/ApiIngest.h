// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/api/ApiTypes.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventRow.h"

#include <QByteArrayView>

#include <optional>

namespace orb::api {

/// One event of an ingestion request, read: its stored form, or why it is not an event.
struct ParsedEvent {
    bool ok = false;
    UsageEventRow row;
    QString key; ///< the idempotency key, also of a rejected event where it could be read
    QString error;
};

/// An ingestion request read and checked, before anything is written.
struct IngestPlan {
    QList<ParsedEvent> parsed;
    QList<UsageEventRow> rows; ///< the events that parsed, in order: what goes to the importer
    bool debug = false;
    QString backfillId;
};

/// What an ingestion body is, as splitIngestBody finds it.
enum class IngestBodyShape {
    Events,    ///< exactly {"events": [{...}, ...]}: each event's bytes are in IngestBodySplit::events
    OtherJson, ///< JSON the reader accepts, of another shape: the full reader names what is wrong
    NotJson,   ///< a body JsonReader refuses (it is never taken in part)
};

struct IngestBodySplit {
    IngestBodyShape shape = IngestBodyShape::NotJson;
    QList<QByteArrayView> events; ///< for Events: each event's bytes, in order
};

/**
 * Validates a body with exactly JsonReader's acceptance and, for a body of the form
 * {"events": [{...}, ...]}, finds each event's bytes (whitespace allowed), in one pass and
 * without building a JSON tree, so that each event is then parsed on its own.
 */
IngestBodySplit splitIngestBody(QByteArrayView body);
/// One event's bytes: the import's fast parser, else the reference parser (with its message).
ParsedEvent parseIngestEvent(QByteArrayView text);

/// Reads `POST /v1/ingest` (at most 500 events); throws ApiError for a body that is not one.
IngestPlan planIngest(const ApiContext &ctx);
/// Orb's answer from the importer's results for plan.rows (one each, in order).
ApiResponse answerIngest(const IngestPlan &plan, const QList<IngestResult> &results);

} // namespace orb::api

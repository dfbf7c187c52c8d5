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

/**
 * The events of a body of exactly the form {"events": [{...}, ...]}, each as its own bytes
 * (whitespace allowed), so that each is parsed on its own; nothing for any other shape, which
 * the full JSON reader then reads and names what is wrong.
 */
std::optional<QList<QByteArrayView>> splitIngestBody(QByteArrayView body);
/// One event's bytes: the import's fast parser, else the reference parser (with its message).
ParsedEvent parseIngestEvent(QByteArrayView text);

/// Reads `POST /v1/ingest` (at most 500 events); throws ApiError for a body that is not one.
IngestPlan planIngest(const ApiContext &ctx);
/// Orb's answer from the importer's results for plan.rows (one each, in order).
ApiResponse answerIngest(const IngestPlan &plan, const QList<IngestResult> &results);

} // namespace orb::api

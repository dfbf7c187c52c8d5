-- SPDX-License-Identifier: GPL-3.0-or-later
-- Usage events, their corrections (amendments, deprecations, backfills), the periods that
-- invoicing has locked, and resumable imports.
--
-- The event table is shaped for the write path (see docs/USAGE.md): instants are INTEGER
-- milliseconds since the Unix epoch (UTC) rather than ISO text, and the idempotency key is
-- deduplicated through a 64-bit hash with its own small index instead of a UNIQUE index on
-- the text, because a UNIQUE index on random text keys is bound by write amplification. The
-- full key is compared whenever hashes match. There is deliberately no customer-major index:
-- aggregation streams the period's rows through the time index and groups in C++.
-- Everything here is portable to PostgreSQL (INTEGER -> BIGINT).

CREATE TABLE usage_events (
    seq INTEGER PRIMARY KEY,
    key_hash INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    event_name TEXT NOT NULL,
    ts INTEGER NOT NULL,
    customer_id TEXT,
    external_customer_id TEXT,
    properties TEXT NOT NULL,
    -- 0 active, 1 superseded by an amendment, 2 deprecated, 3 pending in an open backfill,
    -- 4 discarded with a reverted backfill, 5 replaced by a closed backfill
    status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 5),
    backfill_id TEXT,
    amends INTEGER,
    replaced_by TEXT,
    ingested_at INTEGER NOT NULL
);

CREATE INDEX usage_events_by_key ON usage_events (key_hash);
CREATE INDEX usage_events_by_ts ON usage_events (ts);
-- Partial indexes: live ingestion leaves both columns NULL, so it never touches them.
CREATE INDEX usage_events_by_backfill ON usage_events (backfill_id) WHERE backfill_id IS NOT NULL;
CREATE INDEX usage_events_by_replacer ON usage_events (replaced_by) WHERE replaced_by IS NOT NULL;

CREATE TABLE usage_backfills (
    id TEXT PRIMARY KEY,
    customer_id TEXT REFERENCES customers (id),
    timeframe_start TEXT NOT NULL,
    timeframe_end TEXT NOT NULL,
    replace_existing_events INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'reflected', 'reverted')),
    events_ingested INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    close_time TEXT,
    reverted_at TEXT
);

-- Periods already invoiced: filled by the invoicing capability. Amendments, deprecations and
-- backfills that touch a locked period of a customer are refused.
CREATE TABLE usage_locks (
    customer_id TEXT NOT NULL REFERENCES customers (id),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (customer_id, period_start)
);

-- One row per import of a file; position is the byte offset after the last committed row,
-- so a re-run of an interrupted import resumes there.
CREATE TABLE usage_imports (
    id TEXT PRIMARY KEY,
    file_identity TEXT NOT NULL,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    backfill_id TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    line INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('running', 'done')),
    started_at TEXT NOT NULL,
    finished_at TEXT
);

CREATE INDEX usage_imports_by_identity ON usage_imports (file_identity);

CREATE TABLE usage_import_rejects (
    import_id TEXT NOT NULL REFERENCES usage_imports (id),
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Stripe sync: a transactional outbox (every local change Stripe must learn of is queued in
-- the same transaction as the change), the mapping of local ids to Stripe ids, the event
-- cursor and other sync state, and a log of what the worker did and saw.

CREATE TABLE sync_outbox (
    id INTEGER PRIMARY KEY,
    object_type TEXT NOT NULL,          -- customer, usage_range, invoice, invoice_void, ...
    object_id TEXT NOT NULL,
    action TEXT NOT NULL,               -- create, update, push, void, ...
    created_at TEXT NOT NULL,
    -- pending: waiting, done, failed: stopped on an error a retry cannot fix by itself,
    -- skipped: the user chose to leave it
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    -- bumped when the user retries a failed item, so its requests get fresh idempotency keys
    generation INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_attempt_at TEXT,
    done_at TEXT,
    -- the stable base of every Idempotency-Key this item sends
    idempotency_base TEXT NOT NULL,
    -- progress inside an item made of many requests (the last usage seq pushed)
    progress INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX sync_outbox_by_state ON sync_outbox (state, id);

CREATE TABLE sync_stripe_ids (
    object_type TEXT NOT NULL,          -- customer, invoice, invoice_item, meter, ...
    local_id TEXT NOT NULL,
    stripe_id TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (object_type, local_id)
);

CREATE INDEX sync_stripe_ids_by_stripe ON sync_stripe_ids (stripe_id);

-- event_cursor (the id of the newest Stripe event seen), event_cursor_created, last_run_*.
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sync_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
    kind TEXT NOT NULL,                 -- event, push, usage_window, run, ...
    outbox_id INTEGER,
    stripe_event_id TEXT,
    stripe_type TEXT,
    stripe_object_id TEXT,
    message TEXT NOT NULL
);

CREATE UNIQUE INDEX sync_log_by_event ON sync_log (stripe_event_id) WHERE stripe_event_id IS NOT NULL;

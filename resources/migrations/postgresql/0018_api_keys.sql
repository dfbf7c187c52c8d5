-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0018_api_keys.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Orb's REST API (`orbctl serve`). A key is stored only as the SHA-256 of its secret (the
-- secret is 32 random bytes, shown once): a copy of the company file never lets anyone call
-- the API. `prefix` is the secret's first characters, for people telling keys apart.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'billing', 'ingest')),
    key_hash     BYTEA NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    prefix       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- Idempotency-Key on POST and PUT: the first answer is kept and sent again for a retry of the
-- same request by the same key; the same Idempotency-Key with another request is refused.
CREATE TABLE api_idempotency (
    api_key_id      TEXT NOT NULL REFERENCES api_keys (id),
    idempotency_key TEXT NOT NULL,
    request_hash    BYTEA NOT NULL,
    status          BIGINT NOT NULL,
    body            BYTEA NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX api_idempotency_by_age ON api_idempotency (created_at);

-- Webhooks: endpoints, the events to announce (written by the business action's own
-- transaction, so none is lost or announced for a change that was rolled back), one delivery
-- per event and endpoint, retried with backoff, and every attempt kept as the endpoint's log.
-- The signing secret must be read back to sign each delivery (HMAC-SHA256), so it is stored.
CREATE TABLE webhook_endpoints (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL DEFAULT '[]', -- JSON list of event types; empty: every type
    created_at  TEXT NOT NULL,
    disabled_at TEXT
);

CREATE TABLE webhook_events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    body        BYTEA NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES webhook_events (id),
    endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints (id),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_status     BIGINT,
    last_error      TEXT,
    delivered_at    TEXT,
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id);

CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
    attempt     BIGINT NOT NULL,
    at          TEXT NOT NULL,
    status      BIGINT,
    error       TEXT,
    PRIMARY KEY (delivery_id, attempt)
);

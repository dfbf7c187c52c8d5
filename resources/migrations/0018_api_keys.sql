-- SPDX-License-Identifier: GPL-3.0-or-later
-- Orb's REST API (`orbctl serve`). A key is stored only as the SHA-256 of its secret (the
-- secret is 32 random bytes, shown once): a copy of the company file never lets anyone call
-- the API. `prefix` is the secret's first characters, for people telling keys apart.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'billing', 'ingest')),
    key_hash     BLOB NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    prefix       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- Idempotency-Key on POST and PUT: the first answer is kept and sent again for a retry of the
-- same request by the same key; the same Idempotency-Key with another request is refused.
CREATE TABLE api_idempotency (
    api_key_id      TEXT NOT NULL REFERENCES api_keys (id),
    idempotency_key TEXT NOT NULL,
    request_hash    BLOB NOT NULL,
    status          INTEGER NOT NULL,
    body            BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX api_idempotency_by_age ON api_idempotency (created_at);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0037_api_key_usage.sql (the same statements).
CREATE TABLE api_key_usage (
    api_key_id   TEXT PRIMARY KEY REFERENCES api_keys (id),
    last_used_at TEXT NOT NULL
);
CREATE INDEX credit_blocks_by_customer_order ON credit_blocks (customer_id, effective_date, created_at, id);

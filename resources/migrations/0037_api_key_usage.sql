-- SPDX-License-Identifier: GPL-3.0-or-later
-- When each API key was last used (orbctl api-keys list, Settings › API). A table of its own,
-- not a column of api_keys: a server records it with the rights of the role that answers API
-- requests (api_keys itself changes only for an admin), at most once a minute per key and
-- off the request's own transaction (models/api/ApiKeyService.cpp).
CREATE TABLE api_key_usage (
    api_key_id   TEXT PRIMARY KEY REFERENCES api_keys (id),
    last_used_at TEXT NOT NULL
);
-- A customer's credit blocks are listed by the API in the order they are drawn, one page at a
-- time by keyset (Ledgers::blocksPage): one index range per page.
CREATE INDEX credit_blocks_by_customer_order ON credit_blocks (customer_id, effective_date, created_at, id);

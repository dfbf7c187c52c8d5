-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0033_server_usage_key.sql (the file gains nothing; see docs/TEAM.md).
-- The unique index a server import deduplicates through: one original submission (amends IS
-- NULL) per idempotency key, the rule the file's key index keeps by lookup (UsageEventStore).
-- COPY fills a staging table and INSERT ... ON CONFLICT DO NOTHING skips every key already
-- stored. A server-only index: ServerSchema::describe leaves it out of the comparison.
CREATE UNIQUE INDEX usage_events_original_key_server ON usage_events (idempotency_key) WHERE amends IS NULL;

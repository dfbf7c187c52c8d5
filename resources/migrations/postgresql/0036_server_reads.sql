-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0036_server_reads.sql (same columns; see docs/TEAM.md).
-- The order of invoice runs and of a run's failures, kept in a column: a server has no rowid.
-- Rows a server held before this migration have none (they sort first, as position 0); a
-- company moved from a file brings the file's positions along.
ALTER TABLE invoice_runs ADD COLUMN position BIGINT;
ALTER TABLE invoice_run_failures ADD COLUMN position BIGINT;
-- `events show`, `amend` and `deprecate` find the current version of a key: the original
-- through usage_events_original_key_server (migration 0033), its amendments (amends set) through
-- this index. Partial: imports and ingestion write originals only, so they never touch it.
-- A server-only index: ServerSchema::describe leaves it out of the comparison.
CREATE INDEX usage_events_amended_key_server ON usage_events (idempotency_key) WHERE amends IS NOT NULL;

-- SPDX-License-Identifier: GPL-3.0-or-later
-- What a company server needs to answer the file's reads in the file's order (docs/TEAM.md).
--
-- The order of invoice runs and of a run's failures: a file kept them in rowid order, which a
-- server has not. `position` keeps it in a column on both engines: a run's position is the
-- order in which runs finished, a failure's its place in the run's list. Rows written before
-- keep their rowid, so the order of a file does not change.
ALTER TABLE invoice_runs ADD COLUMN position INTEGER;
UPDATE invoice_runs SET position = rowid;
ALTER TABLE invoice_run_failures ADD COLUMN position INTEGER;
UPDATE invoice_run_failures SET position = rowid;
--
-- A company file finds every version of a usage event's idempotency key through its
-- log-structured key index (migration 0006). A company server finds the original through the
-- unique index of originals (migration 0033) and its amendments through a partial index of
-- amended keys, which only the PostgreSQL mirror of this migration creates.

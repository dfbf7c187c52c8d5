-- SPDX-License-Identifier: GPL-3.0-or-later
-- Incremental invoice runs: a draft is composed again only when something it depends on changed
-- since it was composed (docs/BILLING.md, "Re-runs").
--
-- invoice_draft_stamps: what a draft was composed from. fingerprint is a digest of everything
-- but the usage that its composition reads (subscription, phase, plan version and prices,
-- metrics, coupon, the tax rates that apply, settings); events_seen and changes_seen are the
-- highest usage_events.seq and usage_changes.seq the run had seen before it aggregated; and
-- invoice_updated_at is the draft's updated_at as the run left it, so a draft changed by
-- anything else is composed again. No row: the draft is composed again.
--
-- usage_changes: usage events that stopped or started counting after they were stored (an
-- amendment supersedes, a deprecation, a backfill closed or reverted), written by the trigger
-- below so every path that updates an event is covered. New events need no entry: their seq
-- is above the events_seen of every draft composed before them. The bulk import only inserts,
-- so the trigger never runs on it. AUTOINCREMENT: a seq is never handed out twice, even once
-- the entries every stamp has seen are pruned.

CREATE TABLE invoice_draft_stamps (
    invoice_id TEXT PRIMARY KEY,
    fingerprint BLOB NOT NULL,
    events_seen INTEGER NOT NULL,
    changes_seen INTEGER NOT NULL,
    invoice_updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE usage_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT,
    external_customer_id TEXT,
    ts INTEGER NOT NULL
);

-- (Database::execScript ends a statement at a line ending in ";": the trigger bodies keep theirs
-- inside the line.)
CREATE TRIGGER usage_events_changed AFTER UPDATE ON usage_events
WHEN (OLD.status = 0 OR NEW.status = 0)
 AND (OLD.status IS NOT NEW.status OR OLD.ts IS NOT NEW.ts OR OLD.customer_id IS NOT NEW.customer_id
      OR OLD.external_customer_id IS NOT NEW.external_customer_id OR OLD.event_name IS NOT NEW.event_name
      OR OLD.properties IS NOT NEW.properties)
BEGIN
    INSERT INTO usage_changes (customer_id, external_customer_id, ts) VALUES (OLD.customer_id, OLD.external_customer_id, OLD.ts); INSERT INTO usage_changes (customer_id, external_customer_id, ts)
        SELECT NEW.customer_id, NEW.external_customer_id, NEW.ts
        WHERE NEW.ts IS NOT OLD.ts OR NEW.customer_id IS NOT OLD.customer_id OR NEW.external_customer_id IS NOT OLD.external_customer_id; END;

CREATE TRIGGER usage_events_deleted AFTER DELETE ON usage_events WHEN OLD.status = 0 BEGIN
    INSERT INTO usage_changes (customer_id, external_customer_id, ts) VALUES (OLD.customer_id, OLD.external_customer_id, OLD.ts); END;

-- SPDX-License-Identifier: GPL-3.0-or-later
-- The dashboard's "top customers by this month's events" without scanning the month's events.
--
-- usage_month_counts holds, for every month of the company's time zone and every customer
-- reference, how many active events (status 0) of that month it sent. ref is the event's
-- customer as the dashboard matches it: 'c' || customer_id when the event names a customer id,
-- else 'x' || external_customer_id (the customer then holding that external id).
--
-- usage_months lists the months the counts are kept for: [start_ms, end_ms) in the zone named in
-- usage_months_zone, from 2000 to 2099. Months are the company's, so the counts follow its zone:
-- Orb fills both tables and recounts every event when the file is upgraded to this version or
-- its time zone changes (models/usage/UsageMonthCounts). A reader uses the counts only for a
-- window that is exactly one listed month; anything else is counted from the events.
-- An event outside the listed months counts under month_start 1, which starts no month.
--
-- Inserts add their events' counts in their transaction, in memory per transaction (the
-- usage event store, and an amendment's new version): the bulk import thus writes one row per
-- customer and month a checkpoint. Every change of an event afterwards (an amendment
-- supersedes, a deprecation, a backfill closes or is reverted, a delete) goes through the
-- triggers below, so no path that changes which events count is missed.

CREATE TABLE usage_months (
    start_ms INTEGER PRIMARY KEY,
    end_ms INTEGER NOT NULL
);

CREATE TABLE usage_months_zone (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    timezone TEXT NOT NULL
);

CREATE TABLE usage_month_counts (
    month_start INTEGER NOT NULL,
    ref TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (month_start, ref)
) WITHOUT ROWID;

-- (Database::execScript ends a statement at a line ending in ";": the trigger bodies keep theirs
-- inside the line.)
CREATE TRIGGER usage_month_counts_changed AFTER UPDATE ON usage_events
WHEN (OLD.status = 0 OR NEW.status = 0)
 AND (OLD.status IS NOT NEW.status OR OLD.ts IS NOT NEW.ts OR OLD.customer_id IS NOT NEW.customer_id
      OR OLD.external_customer_id IS NOT NEW.external_customer_id)
BEGIN
    INSERT INTO usage_month_counts (month_start, ref, events)
        SELECT COALESCE((SELECT CASE WHEN end_ms > OLD.ts THEN start_ms END FROM usage_months WHERE start_ms <= OLD.ts ORDER BY start_ms DESC LIMIT 1), 1),
               CASE WHEN OLD.customer_id IS NOT NULL THEN 'c' || OLD.customer_id ELSE 'x' || COALESCE(OLD.external_customer_id, '') END, -1
        WHERE OLD.status = 0
        ON CONFLICT (month_start, ref) DO UPDATE SET events = events + excluded.events; INSERT INTO usage_month_counts (month_start, ref, events)
        SELECT COALESCE((SELECT CASE WHEN end_ms > NEW.ts THEN start_ms END FROM usage_months WHERE start_ms <= NEW.ts ORDER BY start_ms DESC LIMIT 1), 1),
               CASE WHEN NEW.customer_id IS NOT NULL THEN 'c' || NEW.customer_id ELSE 'x' || COALESCE(NEW.external_customer_id, '') END, 1
        WHERE NEW.status = 0
        ON CONFLICT (month_start, ref) DO UPDATE SET events = events + excluded.events; END;

CREATE TRIGGER usage_month_counts_deleted AFTER DELETE ON usage_events WHEN OLD.status = 0 BEGIN
    INSERT INTO usage_month_counts (month_start, ref, events)
        SELECT COALESCE((SELECT CASE WHEN end_ms > OLD.ts THEN start_ms END FROM usage_months WHERE start_ms <= OLD.ts ORDER BY start_ms DESC LIMIT 1), 1),
               CASE WHEN OLD.customer_id IS NOT NULL THEN 'c' || OLD.customer_id ELSE 'x' || COALESCE(OLD.external_customer_id, '') END, -1
        WHERE true
        ON CONFLICT (month_start, ref) DO UPDATE SET events = events + excluded.events; END;

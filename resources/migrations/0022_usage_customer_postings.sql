-- SPDX-License-Identifier: GPL-3.0-or-later
-- A customer-major directory of usage events, so that one customer's reads (its upcoming
-- invoice, its usage by day, its event list) visit only that customer's rows instead of every
-- event of the period.
--
-- A live (customer, event_name, ts) index on usage_events costs most of the ingest rate (every
-- insert lands on a random page of it). Instead, each transaction that writes events adds one
-- row here per customer it touched: the seqs of that customer's new events as text
-- ("12,15,40"), with the span of their timestamps. A bulk checkpoint of 250,000 events thus
-- adds one row per customer, not one index entry per event.
--
-- ref is 'c' || customer_id for an event sent with a customer id and 'x' || external_customer_id
-- for one sent with an external id (an event with both is listed under both), so an external
-- id still resolves to whichever customer holds it when the events are read. A row lists
-- events of every status: readers check status, event name and timestamp on the event itself,
-- so amendments, deprecations and backfills never make a row wrong. Every insert into
-- usage_events writes its row in the same transaction (UsageEventStore, and
-- UsageEventService::amend for the new version of an amended event).

CREATE TABLE usage_customer_postings (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    ts_min INTEGER NOT NULL,
    ts_max INTEGER NOT NULL,
    seqs TEXT NOT NULL
);

CREATE INDEX usage_customer_postings_by_ref ON usage_customer_postings (ref, ts_max);

-- The events stored before this migration, in rows of at most 262,144 consecutive seqs a
-- customer (the size of an import checkpoint).
INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs)
    SELECT 'c' || customer_id, min(ts), max(ts), group_concat(seq) FROM usage_events WHERE customer_id IS NOT NULL
    GROUP BY customer_id, seq >> 18;
INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs)
    SELECT 'x' || external_customer_id, min(ts), max(ts), group_concat(seq) FROM usage_events WHERE external_customer_id IS NOT NULL
    GROUP BY external_customer_id, seq >> 18;

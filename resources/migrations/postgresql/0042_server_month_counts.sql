-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0042_server_month_counts.sql (no schema change; the counts taken again).
-- Until this version a server's bulk import (COPY, models/usage/ServerEventImport) stored events
-- without counting them in usage_month_counts, so a server's counts may lag behind its events.
-- From now on that import counts them as the file's does; this recounts every active event once,
-- under the same month and reference the triggers and the import give it.
DELETE FROM usage_month_counts;
INSERT INTO usage_month_counts (month_start, ref, events) SELECT orb_usage_month(ts), orb_usage_month_ref(customer_id, external_customer_id), COUNT(*) FROM usage_events WHERE status = 0 GROUP BY 1, 2;

-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0016_sync_outbox_pending_by_object.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Queuing a change for Stripe first looks for the same change still waiting (one pending item
-- per object and action), and the only index on the outbox was by state: the look-up read
-- every pending item, so issuing N invoices before a sync read N²/2 rows and the cost of an
-- invoice grew with the queue. Partial, so items already done or skipped take no room in it.
CREATE INDEX sync_outbox_pending_by_object ON sync_outbox (object_type, object_id, action) WHERE state = 'pending';

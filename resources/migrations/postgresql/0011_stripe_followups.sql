-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0011_stripe_followups.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Payments and credit notes recorded in Orb on an invoice already in Stripe are now sent to
-- Stripe (out of band). Those that exist at this upgrade were either folded into the push or
-- are older than this rule: mark them as known to Stripe, so none is sent twice.
INSERT INTO sync_stripe_ids (object_type, local_id, stripe_id, updated_at)
SELECT 'payment', p.id, 'before-0011', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
FROM payments p JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = p.invoice_id
ON CONFLICT DO NOTHING;

INSERT INTO sync_stripe_ids (object_type, local_id, stripe_id, updated_at)
SELECT 'credit_note', c.id, 'before-0011', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
FROM credit_notes c JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = c.invoice_id
ON CONFLICT DO NOTHING;

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Payments and credit notes recorded in Orb on an invoice already in Stripe are now sent to
-- Stripe (out of band). Those that exist at this upgrade were either folded into the push or
-- are older than this rule: mark them as known to Stripe, so none is sent twice.
INSERT OR IGNORE INTO sync_stripe_ids (object_type, local_id, stripe_id, updated_at)
SELECT 'payment', p.id, 'before-0011', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM payments p JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = p.invoice_id;

INSERT OR IGNORE INTO sync_stripe_ids (object_type, local_id, stripe_id, updated_at)
SELECT 'credit_note', c.id, 'before-0011', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM credit_notes c JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = c.invoice_id;

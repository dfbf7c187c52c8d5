-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0020_credit_note_paid_back.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- The part of a refund credit note that was paid back to the customer (money that left, as
-- opposed to the part that reduced what the invoice still owed). Statements show it as a debit
-- and aging does not count it as paid; NULL reads as nothing paid back.
ALTER TABLE credit_notes ADD COLUMN paid_back TEXT;
-- Notes recorded before: a refund on an invoice that no credit note ever reduced gave back its
-- whole amount (a refund from Stripe, or one made by hand on a paid invoice). Where credit notes
-- did reduce the invoice, how the rest split is not known: those keep reading as nothing paid back.
UPDATE credit_notes SET paid_back = total
WHERE kind = 'refund'
  AND EXISTS (SELECT 1 FROM invoices i WHERE i.id = credit_notes.invoice_id AND CAST(i.credited AS NUMERIC) = 0);

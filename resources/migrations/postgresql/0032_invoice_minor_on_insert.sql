-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0032_invoice_minor_on_insert.sql. Here the trigger of 0009 already runs
-- BEFORE INSERT and sets both columns on the row as it is written (no second write), whatever the
-- insert gave them, which is what the SQLite trigger now does for the values it computes: the
-- trigger is recreated unchanged, so both engines hold the same values.
DROP TRIGGER invoices_minor_after_insert ON invoices;
CREATE TRIGGER invoices_minor_after_insert BEFORE INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION orb_invoices_minor();

-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0009_invoice_table_indexes.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- The invoice table lists a million invoices by id, sorted and filtered in SQL on a worker
-- thread (models/InvoiceTableModel.cpp). These indexes let each sorted list come out of one
-- index in order, reading neither a sort of the whole table nor the wide invoice rows. Sort
-- terms all run one way and end with the rowid, which every index holds after its columns.
--   invoice date, due date, period        the three date sorts, and the date range filter
--   status + invoice date                 a status filter in date order, and the status sort
--   customer + invoice date               one customer's invoices in date order, and the customer
--                                         sort (customers by name, then each one's invoices)
-- The number sort uses the unique index invoice_number already has, the overdue filter the
-- (status, due_date) index of migration 0007. The customer index of 0007 is a prefix of the new
-- one and goes.
--
-- Amounts are decimal text, whose text order is not their numeric order ("9.00" after "10.00").
-- total_minor and remaining_minor hold the total and the amount left to pay as exact integers
-- in ten-thousandths, computed from the text (no floating point), for ordering only. They are
-- plain columns kept by triggers, so no code that writes invoices needs to know of them, and
-- their indexes are covering. (Virtual generated columns or expression indexes would need no
-- triggers, but SQLite 3.40 reads the table row for each entry of such an index, which is the
-- whole table for a sort.) The amount left to pay is what the table shows, zero for void
-- invoices and never below zero. Amounts beyond the 64-bit range (about 900 billion) saturate,
-- which only affects their order among themselves.
CREATE INDEX invoices_by_date ON invoices (invoice_date);
CREATE INDEX invoices_by_due ON invoices (due_date);
CREATE INDEX invoices_by_period ON invoices (period_start);
CREATE INDEX invoices_by_status_date ON invoices (status, invoice_date);
CREATE INDEX invoices_by_customer_date ON invoices (customer_id, invoice_date);
DROP INDEX invoices_by_customer;
ALTER TABLE invoices ADD COLUMN total_minor BIGINT;
ALTER TABLE invoices ADD COLUMN remaining_minor BIGINT;
-- PostgreSQL: one function turns a decimal text into ten-thousandths exactly as the SQLite
-- expression does (text surgery, never a float), and BEFORE triggers keep the two columns.
CREATE FUNCTION orb_minor4(amount TEXT) RETURNS BIGINT LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT CAST(CASE WHEN strpos(amount, '.') = 0 THEN amount || '0000' ELSE substr(amount, 1, strpos(amount, '.') - 1) || substr(substr(amount, strpos(amount, '.') + 1) || '0000', 1, 4) END AS BIGINT) $$;
UPDATE invoices SET
    total_minor = orb_minor4(total),
    remaining_minor = CASE WHEN status = 'void' THEN 0 ELSE GREATEST(0, orb_minor4(amount_due) - orb_minor4(amount_paid) - orb_minor4(credited)) END;
CREATE FUNCTION orb_invoices_minor() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.total_minor := orb_minor4(NEW.total); NEW.remaining_minor := CASE WHEN NEW.status = 'void' THEN 0 ELSE GREATEST(0, orb_minor4(NEW.amount_due) - orb_minor4(NEW.amount_paid) - orb_minor4(NEW.credited)) END; RETURN NEW; END $$;
CREATE TRIGGER invoices_minor_after_insert BEFORE INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION orb_invoices_minor();
CREATE TRIGGER invoices_minor_after_update BEFORE UPDATE OF total, amount_due, amount_paid, credited, status ON invoices FOR EACH ROW EXECUTE FUNCTION orb_invoices_minor();
CREATE INDEX invoices_by_total ON invoices (total_minor);
CREATE INDEX invoices_by_remaining ON invoices (remaining_minor);

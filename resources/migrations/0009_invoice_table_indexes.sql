-- SPDX-License-Identifier: GPL-3.0-or-later
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
ALTER TABLE invoices ADD COLUMN total_minor INTEGER;
ALTER TABLE invoices ADD COLUMN remaining_minor INTEGER;
UPDATE invoices SET
    total_minor = CAST(CASE WHEN instr(total, '.') = 0 THEN total || '0000' ELSE substr(total, 1, instr(total, '.') - 1) || substr(substr(total, instr(total, '.') + 1) || '0000', 1, 4) END AS INTEGER),
    remaining_minor = CASE WHEN status = 'void' THEN 0 ELSE max(0, CAST(CASE WHEN instr(amount_due, '.') = 0 THEN amount_due || '0000' ELSE substr(amount_due, 1, instr(amount_due, '.') - 1) || substr(substr(amount_due, instr(amount_due, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(amount_paid, '.') = 0 THEN amount_paid || '0000' ELSE substr(amount_paid, 1, instr(amount_paid, '.') - 1) || substr(substr(amount_paid, instr(amount_paid, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(credited, '.') = 0 THEN credited || '0000' ELSE substr(credited, 1, instr(credited, '.') - 1) || substr(substr(credited, instr(credited, '.') + 1) || '0000', 1, 4) END AS INTEGER)) END;
CREATE TRIGGER invoices_minor_after_insert AFTER INSERT ON invoices BEGIN
    UPDATE invoices SET
        total_minor = CAST(CASE WHEN instr(NEW.total, '.') = 0 THEN NEW.total || '0000' ELSE substr(NEW.total, 1, instr(NEW.total, '.') - 1) || substr(substr(NEW.total, instr(NEW.total, '.') + 1) || '0000', 1, 4) END AS INTEGER),
        remaining_minor = CASE WHEN NEW.status = 'void' THEN 0 ELSE max(0, CAST(CASE WHEN instr(NEW.amount_due, '.') = 0 THEN NEW.amount_due || '0000' ELSE substr(NEW.amount_due, 1, instr(NEW.amount_due, '.') - 1) || substr(substr(NEW.amount_due, instr(NEW.amount_due, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(NEW.amount_paid, '.') = 0 THEN NEW.amount_paid || '0000' ELSE substr(NEW.amount_paid, 1, instr(NEW.amount_paid, '.') - 1) || substr(substr(NEW.amount_paid, instr(NEW.amount_paid, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(NEW.credited, '.') = 0 THEN NEW.credited || '0000' ELSE substr(NEW.credited, 1, instr(NEW.credited, '.') - 1) || substr(substr(NEW.credited, instr(NEW.credited, '.') + 1) || '0000', 1, 4) END AS INTEGER)) END
    WHERE rowid = NEW.rowid; END;
CREATE TRIGGER invoices_minor_after_update AFTER UPDATE OF total, amount_due, amount_paid, credited, status ON invoices BEGIN
    UPDATE invoices SET
        total_minor = CAST(CASE WHEN instr(NEW.total, '.') = 0 THEN NEW.total || '0000' ELSE substr(NEW.total, 1, instr(NEW.total, '.') - 1) || substr(substr(NEW.total, instr(NEW.total, '.') + 1) || '0000', 1, 4) END AS INTEGER),
        remaining_minor = CASE WHEN NEW.status = 'void' THEN 0 ELSE max(0, CAST(CASE WHEN instr(NEW.amount_due, '.') = 0 THEN NEW.amount_due || '0000' ELSE substr(NEW.amount_due, 1, instr(NEW.amount_due, '.') - 1) || substr(substr(NEW.amount_due, instr(NEW.amount_due, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(NEW.amount_paid, '.') = 0 THEN NEW.amount_paid || '0000' ELSE substr(NEW.amount_paid, 1, instr(NEW.amount_paid, '.') - 1) || substr(substr(NEW.amount_paid, instr(NEW.amount_paid, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(NEW.credited, '.') = 0 THEN NEW.credited || '0000' ELSE substr(NEW.credited, 1, instr(NEW.credited, '.') - 1) || substr(substr(NEW.credited, instr(NEW.credited, '.') + 1) || '0000', 1, 4) END AS INTEGER)) END
    WHERE rowid = NEW.rowid; END;
CREATE INDEX invoices_by_total ON invoices (total_minor);
CREATE INDEX invoices_by_remaining ON invoices (remaining_minor);

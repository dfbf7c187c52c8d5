-- SPDX-License-Identifier: GPL-3.0-or-later
-- The insert trigger of migration 0009 filled total_minor and remaining_minor by updating the row
-- it had just inserted: every invoice was written twice, with the two amount indexes changed a
-- second time. The invoice repository now writes both columns itself, computed from the same
-- texts the same way, so the trigger runs only for an insert that leaves either of them NULL
-- (any other writer, or a text the repository does not read the same way). The update trigger
-- stays as it was.
DROP TRIGGER invoices_minor_after_insert;
CREATE TRIGGER invoices_minor_after_insert AFTER INSERT ON invoices WHEN NEW.total_minor IS NULL OR NEW.remaining_minor IS NULL BEGIN
    UPDATE invoices SET
        total_minor = CAST(CASE WHEN instr(NEW.total, '.') = 0 THEN NEW.total || '0000' ELSE substr(NEW.total, 1, instr(NEW.total, '.') - 1) || substr(substr(NEW.total, instr(NEW.total, '.') + 1) || '0000', 1, 4) END AS INTEGER),
        remaining_minor = CASE WHEN NEW.status = 'void' THEN 0 ELSE max(0, CAST(CASE WHEN instr(NEW.amount_due, '.') = 0 THEN NEW.amount_due || '0000' ELSE substr(NEW.amount_due, 1, instr(NEW.amount_due, '.') - 1) || substr(substr(NEW.amount_due, instr(NEW.amount_due, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(NEW.amount_paid, '.') = 0 THEN NEW.amount_paid || '0000' ELSE substr(NEW.amount_paid, 1, instr(NEW.amount_paid, '.') - 1) || substr(substr(NEW.amount_paid, instr(NEW.amount_paid, '.') + 1) || '0000', 1, 4) END AS INTEGER) - CAST(CASE WHEN instr(NEW.credited, '.') = 0 THEN NEW.credited || '0000' ELSE substr(NEW.credited, 1, instr(NEW.credited, '.') - 1) || substr(substr(NEW.credited, instr(NEW.credited, '.') + 1) || '0000', 1, 4) END AS INTEGER)) END
    WHERE rowid = NEW.rowid; END;

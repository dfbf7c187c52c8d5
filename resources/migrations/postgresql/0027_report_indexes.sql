-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0027_report_indexes.sql (same index; see docs/TEAM.md).
-- The receivables reports read the payments of a range of days from this covering index.
CREATE INDEX IF NOT EXISTS payments_by_date ON payments (paid_on, currency, amount, invoice_id);

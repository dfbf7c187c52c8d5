-- SPDX-License-Identifier: GPL-3.0-or-later
-- The receivables reports over a million invoices (models/reports/ReportSource.cpp) read the
-- payments of a range of days: revenue by month sums the months' payments, and aging finds the
-- paid invoices that a payment after the aging date leaves open. Without this index both read
-- every payment row; with it each reads the index entries of its days alone, and nothing else
-- (the index holds every column they need).
CREATE INDEX IF NOT EXISTS payments_by_date ON payments (paid_on, currency, amount, invoice_id);

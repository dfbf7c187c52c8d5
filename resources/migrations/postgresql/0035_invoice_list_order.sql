-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0035_invoice_list_order.sql (the same statements).
-- The REST API lists invoices in Orb's order (latest invoice date first, then latest created,
-- then id) one page at a time by keyset (models/api/ApiInvoicePage.cpp): a page of the whole
-- list is then one index range read backwards, whatever the company's size. The index on the
-- invoice date gains the rest of that order and replaces the one on the date alone (a prefix of
-- it), so an invoice still writes as many index entries. A list by customer or subscription
-- reads their own indexes (few invoices share a date there).
CREATE INDEX invoices_by_list_order ON invoices (invoice_date, created_at, id);
DROP INDEX invoices_by_date;

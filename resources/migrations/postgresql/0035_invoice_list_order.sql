-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0035_invoice_list_order.sql (the same statement).
-- The REST API lists invoices in Orb's order (latest invoice date first, then latest created,
-- then id) one page at a time by keyset (models/api/ApiInvoicePage.cpp): a page of the whole
-- list is then one index range read backwards, whatever the company's size. (The index on the
-- invoice date alone stays: the window's invoice table sorts by date and rowid through it.) A
-- list by customer or subscription reads their own indexes (few invoices share a date there).
CREATE INDEX invoices_by_list_order ON invoices (invoice_date, created_at, id);
-- Subscriptions are listed the newest first, by keyset on (created_at, id) (ApiCreatedOrder).
CREATE INDEX subscriptions_by_created ON subscriptions (created_at, id);

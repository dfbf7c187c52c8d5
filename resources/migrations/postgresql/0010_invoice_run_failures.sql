-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0010_invoice_run_failures.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- An invoice run bills every subscription it can and reports the ones it cannot (a customer
-- whose time zone is unknown, a price whose metric is gone): one row per such subscription and
-- run, so the dashboard can show the last run's failures after the run dialog is closed and
-- `orbctl invoices run` can list them.
ALTER TABLE invoice_runs ADD COLUMN failed BIGINT NOT NULL DEFAULT 0;
CREATE TABLE invoice_run_failures (
    run_id TEXT NOT NULL REFERENCES invoice_runs (id),
    subscription_id TEXT NOT NULL,
    customer_id TEXT,
    customer_name TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    PRIMARY KEY (run_id, subscription_id)
);

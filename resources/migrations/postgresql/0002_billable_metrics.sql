-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0002_billable_metrics.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Billable metrics: which events count and how they are aggregated. The definition is kept
-- as its canonical JSON (engine/metrics/MetricDefinition); the columns beside it are for
-- lookups and lists.

CREATE TABLE billable_metrics (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    event_name TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE INDEX billable_metrics_by_event ON billable_metrics (event_name);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0003_catalog.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- The catalog: items, plans and their numbered versions with their prices.
-- A plan's billing terms (adjustments and prices) live in plan_versions, never edited in place:
-- editing them adds a version, so a subscription that refers to a plan_version keeps its terms.
-- Descriptive fields (name, description, net terms, memo, trial) live on the plan itself.
-- Prices are kept as Orb price JSON (engine/pricing/Price::toJson); the columns beside it are
-- for lookups. Decimals are TEXT inside that JSON, timestamps ISO 8601 UTC TEXT.

CREATE TABLE items (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    external_plan_id TEXT UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    currency TEXT NOT NULL,
    net_terms BIGINT,
    default_invoice_memo TEXT,
    trial_period BIGINT,
    trial_period_unit TEXT,
    metadata TEXT NOT NULL,
    current_version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE INDEX plans_by_name ON plans (name);

CREATE TABLE plan_versions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    version BIGINT NOT NULL,
    adjustments TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, version)
);

CREATE TABLE plan_version_prices (
    id TEXT PRIMARY KEY,
    plan_version_id TEXT NOT NULL REFERENCES plan_versions (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    model_type TEXT NOT NULL,
    cadence TEXT NOT NULL,
    currency TEXT NOT NULL,
    item_id TEXT NOT NULL REFERENCES items (id),
    billable_metric_id TEXT REFERENCES billable_metrics (id),
    external_price_id TEXT,
    definition TEXT NOT NULL,
    UNIQUE (plan_version_id, position)
);

CREATE INDEX plan_version_prices_by_item ON plan_version_prices (item_id);
CREATE INDEX plan_version_prices_by_metric ON plan_version_prices (billable_metric_id);

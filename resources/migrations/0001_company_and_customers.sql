-- SPDX-License-Identifier: GPL-3.0-or-later
-- The company file's first schema: its identity, the company's settings, and customers.
-- SQL kept portable to PostgreSQL: TEXT ids, ISO 8601 UTC timestamps as TEXT, decimals as TEXT.

CREATE TABLE orb_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE company (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    email TEXT,
    address_line1 TEXT,
    address_line2 TEXT,
    address_city TEXT,
    address_state TEXT,
    address_postal_code TEXT,
    address_country TEXT,
    tax_id TEXT,
    default_currency TEXT NOT NULL,
    timezone TEXT NOT NULL,
    invoice_prefix TEXT NOT NULL,
    document_locale TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    external_customer_id TEXT UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    email TEXT,
    currency TEXT,
    timezone TEXT NOT NULL,
    billing_line1 TEXT,
    billing_line2 TEXT,
    billing_city TEXT,
    billing_state TEXT,
    billing_postal_code TEXT,
    billing_country TEXT,
    shipping_line1 TEXT,
    shipping_line2 TEXT,
    shipping_city TEXT,
    shipping_state TEXT,
    shipping_postal_code TEXT,
    shipping_country TEXT,
    tax_id_country TEXT,
    tax_id_type TEXT,
    tax_id_value TEXT,
    net_terms INTEGER,
    metadata TEXT NOT NULL DEFAULT '{}',
    balance TEXT NOT NULL DEFAULT '0',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE INDEX customers_by_name ON customers (name_key, id);
CREATE INDEX customers_by_created ON customers (created_at, id);

INSERT INTO orb_meta (key, value) VALUES ('format', 'orb-company');

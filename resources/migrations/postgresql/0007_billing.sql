-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0007_billing.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Subscriptions, invoices and the ledgers around them.
-- Decimals are TEXT (exact), dates are local ISO dates (YYYY-MM-DD) in the customer's zone,
-- instants are ISO 8601 UTC.

CREATE TABLE tax_rates (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    percentage TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A rate applies to a customer (every line of its invoices) or to an item (its lines).
CREATE TABLE tax_rate_assignments (
    tax_rate_id TEXT NOT NULL REFERENCES tax_rates (id),
    customer_id TEXT REFERENCES customers (id),
    item_id TEXT REFERENCES items (id),
    CHECK ((customer_id IS NULL) <> (item_id IS NULL))
);
CREATE UNIQUE INDEX tax_rate_assignments_unique ON tax_rate_assignments (tax_rate_id, coalesce(customer_id, ''), coalesce(item_id, ''));

CREATE TABLE coupons (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    discount_type TEXT NOT NULL CHECK (discount_type IN ('percentage', 'amount')),
    value TEXT NOT NULL,
    duration_months BIGINT,
    max_redemptions BIGINT,
    created_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    plan_id TEXT NOT NULL REFERENCES plans (id),
    start_date TEXT NOT NULL,
    end_date TEXT,                 -- exclusive; set by a cancellation or at creation
    alignment TEXT NOT NULL CHECK (alignment IN ('start_date', 'first_of_month')),
    trial_days BIGINT NOT NULL DEFAULT 0,
    net_terms BIGINT,
    memo TEXT,
    coupon_id TEXT REFERENCES coupons (id),
    coupon_redeemed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id);

-- The stretches of a subscription on one plan version with one set of overrides and
-- quantities: [start_date, end_date). A plan change or a seat change starts a new phase.
-- A phase starting after "now" is a scheduled change; unscheduling deletes it.
CREATE TABLE subscription_phases (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    seq BIGINT NOT NULL,
    plan_version_id TEXT NOT NULL REFERENCES plan_versions (id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    price_overrides TEXT NOT NULL, -- JSON with add, remove and replace lists of prices
    quantities TEXT NOT NULL,      -- JSON object from price id to quantity, for fixed fees
    cause TEXT NOT NULL,           -- create, plan_change, quantity_change
    created_at TEXT NOT NULL,
    UNIQUE (subscription_id, seq)
);

-- Scheduled changes and cancellations, so that they can be shown and unscheduled.
CREATE TABLE subscription_changes (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    kind TEXT NOT NULL CHECK (kind IN ('plan_change', 'quantity_change', 'cancellation')),
    effective_date TEXT NOT NULL,
    phase_id TEXT,                 -- the phase it started (plan and quantity changes)
    previous_end_date TEXT,        -- what the subscription / previous phase ended on before
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'applied', 'unscheduled')),
    details TEXT NOT NULL,         -- JSON for people
    created_at TEXT NOT NULL
);
CREATE INDEX subscription_changes_by_subscription ON subscription_changes (subscription_id);

CREATE TABLE number_series (
    series TEXT PRIMARY KEY,       -- invoice, credit_note
    last_counter BIGINT NOT NULL
);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    identity TEXT UNIQUE,          -- subscription, phase, kind, cadence and period; NULL for one-off invoices
    customer_id TEXT NOT NULL REFERENCES customers (id),
    subscription_id TEXT REFERENCES subscriptions (id),
    phase_id TEXT,                 -- the phase it was composed from (kept when a phase is unscheduled)
    kind TEXT NOT NULL CHECK (kind IN ('in_advance', 'in_arrears', 'one_time', 'one_off')),
    cadence TEXT,
    period_start TEXT,
    period_end TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'paid', 'void')),
    invoice_number TEXT UNIQUE,
    invoice_date TEXT,
    due_date TEXT,
    currency TEXT NOT NULL,
    net_terms BIGINT NOT NULL,
    memo TEXT,
    subtotal TEXT NOT NULL,
    adjustments_total TEXT NOT NULL,
    coupons_total TEXT NOT NULL,
    tax_total TEXT NOT NULL,
    total TEXT NOT NULL,
    balance_applied TEXT NOT NULL,
    credits_applied TEXT NOT NULL,
    amount_due TEXT NOT NULL,
    amount_paid TEXT NOT NULL,
    credited TEXT NOT NULL,        -- sum of credit notes
    document TEXT NOT NULL,        -- the composed invoice (lines, sub-lines, taxes) as JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    issued_at TEXT,
    paid_at TEXT,
    voided_at TEXT
);
CREATE INDEX invoices_by_customer ON invoices (customer_id);
CREATE INDEX invoices_by_status ON invoices (status, due_date);
CREATE INDEX invoices_by_subscription ON invoices (subscription_id);

CREATE TABLE invoice_lines (
    invoice_id TEXT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    price_id TEXT,
    item_id TEXT,
    name TEXT NOT NULL,
    quantity TEXT NOT NULL,
    subtotal TEXT NOT NULL,
    adjusted_subtotal TEXT NOT NULL,
    amount TEXT NOT NULL,
    tax_total TEXT NOT NULL,
    total TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    PRIMARY KEY (invoice_id, position)
);

CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    method TEXT NOT NULL,          -- manual, stripe, ...
    reference TEXT UNIQUE,         -- an outside id (Stripe's payment intent), recorded once
    memo TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX payments_by_invoice ON payments (invoice_id);

CREATE TABLE credit_notes (
    id TEXT PRIMARY KEY,
    credit_note_number TEXT NOT NULL UNIQUE,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    reason TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('refund', 'adjustment')),
    currency TEXT NOT NULL,
    subtotal TEXT NOT NULL,
    tax_total TEXT NOT NULL,
    total TEXT NOT NULL,
    memo TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);

CREATE TABLE credit_note_lines (
    credit_note_id TEXT NOT NULL REFERENCES credit_notes (id),
    invoice_line_position BIGINT NOT NULL,
    amount TEXT NOT NULL,
    tax TEXT NOT NULL,
    PRIMARY KEY (credit_note_id, invoice_line_position)
);

-- The customer balance: an append-only ledger. A positive amount raises the credit the
-- customer holds. balance_after is the running sum, so the balance is the last entry's.
CREATE TABLE balance_entries (
    seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount TEXT NOT NULL,
    balance_after TEXT NOT NULL,
    currency TEXT NOT NULL,
    cause TEXT NOT NULL,
    invoice_id TEXT REFERENCES invoices (id),
    reference TEXT,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX balance_entries_by_customer ON balance_entries (customer_id, seq);

-- Prepaid credit blocks and their ledger; a block's remaining credit is the sum of its entries.
CREATE TABLE credit_blocks (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    currency TEXT NOT NULL,
    amount TEXT NOT NULL,
    cost_basis TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    expiry_date TEXT,
    description TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX credit_blocks_by_customer ON credit_blocks (customer_id);

CREATE TABLE credit_entries (
    seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    block_id TEXT NOT NULL REFERENCES credit_blocks (id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount TEXT NOT NULL,          -- + added, − drawn
    cause TEXT NOT NULL,           -- added, invoice, void_reversal
    invoice_id TEXT REFERENCES invoices (id),
    created_at TEXT NOT NULL
);
CREATE INDEX credit_entries_by_block ON credit_entries (block_id);
CREATE INDEX credit_entries_by_customer ON credit_entries (customer_id);

-- One row per invoice run, so a run can be listed and an interrupted one seen.
CREATE TABLE invoice_runs (
    id TEXT PRIMARY KEY,
    as_of TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    created BIGINT NOT NULL DEFAULT 0,
    refreshed BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0
);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0015_documents.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Documents that go out: the language a customer's documents are printed in (empty: the
-- company's document locale).
ALTER TABLE customers ADD COLUMN document_language TEXT;

-- Ledger periods marked as exported (orbctl ledger export --mark-exported): which entries went
-- to the ledger, so that a period is not posted twice by mistake.
CREATE TABLE ledger_exports (
    id TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    entries BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE INDEX ledger_exports_period ON ledger_exports (period_from, period_to);

-- E-mail outbox: each message is written whole (its MIME bytes) in the transaction that queues
-- it; sending claims it first ('sending', committed), so a crash during the SMTP exchange leaves
-- it 'sending' and it is never sent again without a person's say-so.
CREATE TABLE email_messages (
    id TEXT PRIMARY KEY,
    document_kind TEXT NOT NULL,      -- invoice, credit_note, statement, reminder
    document_id TEXT NOT NULL,        -- invoice id, credit note id, customer id
    document_ref TEXT NOT NULL,       -- invoice number, "statement 2026-01-01..2026-01-31"
    customer_id TEXT NOT NULL,
    recipients TEXT NOT NULL,         -- To and Cc, comma separated
    subject TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    mime BYTEA NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    queued_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX email_messages_document ON email_messages (document_kind, document_id);
CREATE INDEX email_messages_status ON email_messages (status, queued_at);

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
    entries INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE INDEX ledger_exports_period ON ledger_exports (period_from, period_to);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- The audit trail: every financial change appends an entry (when, who, what, before and
-- after). Entries are chained by hash: each hash covers the previous one, so an edited,
-- deleted or inserted entry breaks the chain and `orbctl audit verify` names it.

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE INDEX audit_by_object ON audit_log (object_type, object_id, seq);

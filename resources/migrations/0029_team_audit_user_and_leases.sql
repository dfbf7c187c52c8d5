-- SPDX-License-Identifier: GPL-3.0-or-later
-- Several people at once (docs/TEAM.md).
--
-- Each audit entry names the database user whose connection wrote it, beside the operating
-- system user: on a server several people write through their own logins, and the chain must
-- say who. A company file has one local user, so its entries leave it empty and hash as before
-- (an entry's hash covers db_user only when it is set, so every older entry still verifies).
ALTER TABLE audit_log ADD COLUMN db_user TEXT;

-- Work that must run in one place only (the Stripe worker) holds a lease: one row per kind of
-- work, naming who holds it until when. A holder renews it while it works and deletes it when
-- it stops; a lease whose holder vanished (a crash, a lost laptop) is taken over once it
-- expires.
CREATE TABLE work_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    db_user TEXT,
    acquired_at TEXT NOT NULL,
    renewed_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0040_server_usage_key_bytes.sql (the file gains nothing; see docs/TEAM.md).
-- Idempotency keys compare as bytes ("C"), as SQLite's BINARY collation compares them in a
-- company file. Equality means the same in every deterministic collation, so no key that was
-- unique stops being unique; what changes is the cost: the unique index of original keys is
-- probed and extended once per imported event, and under the database's own collation (such
-- as en_US.UTF-8) each of its comparisons went through the C library's locale rules. Keys also
-- sort as they do in the file now. The indexes on the column are rebuilt by the ALTER.
ALTER TABLE usage_events ALTER COLUMN idempotency_key TYPE TEXT COLLATE "C";

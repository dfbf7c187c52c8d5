-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0012_row_seals.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- Row seals: a digest of each row of the company's own tables as Orb last wrote it, kept in
-- the transaction of the change (see RowSeals). `orbctl audit verify` and the window's check on
-- open compare every row with its seal and name rows changed, added or deleted outside Orb.
-- key: the row's id as people know it, so that a deleted row can still be named.

CREATE TABLE row_seals (
    tbl TEXT NOT NULL,
    row BIGINT NOT NULL,
    key TEXT,
    digest BYTEA NOT NULL,
    PRIMARY KEY (tbl, row)
);

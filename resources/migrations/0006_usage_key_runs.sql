-- SPDX-License-Identifier: GPL-3.0-or-later
-- The idempotency-key index of usage events becomes log-structured (docs/USAGE.md, "Storage
-- designed for the write path"): a B-tree index on random 64-bit key hashes puts every insert
-- on a random page, and a checkpoint of a bulk import rewrote nearly every page of it. Now:
--
-- * usage_key_runs / usage_key_blocks: sorted runs of (key_hash, seq) pairs. A bulk import
--   writes the keys of each checkpoint as one new run, sorted in memory, so the run's blocks
--   are appended at the end of the table and of its index. A block packs up to 200 pairs
--   (16 bytes each, little-endian hash then seq) in one BLOB that fits a 4 KiB page; it is
--   found by (run, first_hash). Runs of one level are merged, four at a time, into one run of
--   the next level, so a lookup visits a few runs (about 3 per factor 4 of stored events).
-- * usage_key_recent: small writes (single events, amendments) go to this ordinary B-tree;
--   it is drained into a run when it grows large.
--
-- Every usage_events row has exactly one entry, in usage_key_recent or in one run, written in
-- the transaction that writes the row; usage_events.key_hash stays, so the index can always
-- be rebuilt from the table. Existing events start in usage_key_recent, read in key order
-- from the old index before it is dropped; the next import drains them into a run.

CREATE TABLE usage_key_runs (
    id INTEGER PRIMARY KEY,
    level INTEGER NOT NULL,
    entries INTEGER NOT NULL
);

CREATE TABLE usage_key_blocks (
    id INTEGER PRIMARY KEY,
    run INTEGER NOT NULL,
    first_hash INTEGER NOT NULL,
    pairs BLOB NOT NULL
);

CREATE INDEX usage_key_blocks_by_run ON usage_key_blocks (run, first_hash);

CREATE TABLE usage_key_recent (
    key_hash INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key_hash, seq)
) WITHOUT ROWID;

INSERT INTO usage_key_recent (key_hash, seq) SELECT key_hash, seq FROM usage_events ORDER BY key_hash, seq;

DROP INDEX usage_events_by_key;

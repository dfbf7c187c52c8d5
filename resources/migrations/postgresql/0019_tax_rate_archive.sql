-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0019_tax_rate_archive.sql (same tables, columns, keys and indexes; see docs/TEAM.md).
-- A tax rate can be archived: invoices composed from then on no longer apply it and it cannot be
-- assigned, while its assignments stay for when it is unarchived and issued invoices keep the
-- copy of it their lines hold.
ALTER TABLE tax_rates ADD COLUMN archived_at TEXT;

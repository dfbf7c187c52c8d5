-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0025_webhook_secrets_keychain.sql (same column; see docs/TEAM.md).
-- Webhook signing secrets live in the system keychain; the column says where each one is.
ALTER TABLE webhook_endpoints ADD COLUMN secret_in_keychain BIGINT NOT NULL DEFAULT 0 CHECK (secret_in_keychain IN (0, 1));

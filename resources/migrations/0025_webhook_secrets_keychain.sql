-- SPDX-License-Identifier: GPL-3.0-or-later
-- Webhook signing secrets leave the company file for the system keychain (one entry per
-- endpoint under the company file's keychain service). Endpoints made from now on keep their
-- secret there only (secret blank, secret_in_keychain 1). A secret written before stays readable
-- here until a program with a keychain at hand moves it out and blanks it
-- (WebhookSecretStore::moveOutOfCompanyFile, run when webhooks are delivered or created), so an
-- old company file keeps delivering on a machine without a keychain.
ALTER TABLE webhook_endpoints ADD COLUMN secret_in_keychain INTEGER NOT NULL DEFAULT 0 CHECK (secret_in_keychain IN (0, 1));

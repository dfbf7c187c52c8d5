-- SPDX-License-Identifier: GPL-3.0-or-later
-- PostgreSQL mirror of ../0041_server_table_orders.sql (server-only columns, triggers and
-- indexes, named *_server; the schema comparison of the two engines leaves them out).
--
-- The window's invoice table sorted by customer orders by the customer's name key and id (text
-- in byte order, as SQLite orders it), then each customer's invoices by date and row number. The
-- name lives in customers, so a server joined and sorted a million invoices in full (2.1 s),
-- walking the customers in order and each one's invoices through an index still left each
-- customer's invoices to be sorted (an incremental sort: 2.3 s of the server's time). Each
-- invoice therefore keeps its customer's name key (customer_name_key_server), and one index
-- holds the whole order, ending with rowid_server as every sort of migration 0039 does: the sort
-- is one index-only scan, like the others. The key is kept by the server itself, whatever
-- writes: set from the customer when an invoice is written or moves to another customer, and
-- rewritten on the customer's invoices when the customer's name key changes.
ALTER TABLE invoices ADD COLUMN customer_name_key_server TEXT;
UPDATE invoices i SET customer_name_key_server = c.name_key FROM customers c WHERE c.id = i.customer_id;
CREATE FUNCTION orb_invoice_customer_key_server() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.customer_name_key_server := (SELECT c.name_key FROM customers c WHERE c.id = NEW.customer_id); RETURN NEW; END $$;
CREATE TRIGGER invoices_customer_key_server BEFORE INSERT OR UPDATE OF customer_id, customer_name_key_server ON invoices FOR EACH ROW EXECUTE FUNCTION orb_invoice_customer_key_server();
CREATE FUNCTION orb_customer_name_key_server() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE invoices SET customer_name_key_server = NEW.name_key WHERE customer_id = NEW.id; RETURN NULL; END $$;
CREATE TRIGGER customers_name_key_server AFTER UPDATE OF name_key ON customers FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key) EXECUTE FUNCTION orb_customer_name_key_server();
CREATE INDEX invoices_by_customer_server ON invoices (customer_name_key_server COLLATE "C" NULLS FIRST, customer_id COLLATE "C" NULLS FIRST, invoice_date COLLATE "C" NULLS FIRST, rowid_server);
-- The event table's list (ts, seq) has no index of its own here: one cost the bulk import about
-- 15 % more of the server's time, below its target of half the file's rate.

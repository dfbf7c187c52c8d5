-- Documents that go out: the language a customer's documents are printed in (empty: the
-- company's document locale).
ALTER TABLE customers ADD COLUMN document_language TEXT;

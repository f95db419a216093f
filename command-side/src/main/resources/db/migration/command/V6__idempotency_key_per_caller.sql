-- Keys are now scoped to the caller: the token's subject (any length an identity provider chooses) comes first.
ALTER TABLE idempotency_key ALTER COLUMN idempotency_key TYPE text;

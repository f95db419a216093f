-- One secret key per customer for their personal data in events (shipping addresses are stored encrypted with it).
-- Deleting a customer's row makes every copy of that data unreadable (crypto-shredding): events stay as they are.
-- The query service's login is given no access to it.
CREATE TABLE customer_keys (
    customer_id text PRIMARY KEY,
    secret_key  bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The set-based rule "one product per SKU": written in the same transaction as the product's first event.
CREATE TABLE sku_registry (
    sku        varchar(64) NOT NULL PRIMARY KEY,
    product_id varchar(64) NOT NULL
);

-- Answers to POSTs sent with an Idempotency-Key: a repeat with the same body gets the first answer again.
CREATE TABLE idempotency_key (
    idempotency_key varchar(255) NOT NULL PRIMARY KEY,
    request_hash    varchar(64)  NOT NULL,
    status          integer,      -- null while the first request is being handled
    location        varchar(512),
    etag            varchar(64),
    content_type    varchar(255),
    body            bytea,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);

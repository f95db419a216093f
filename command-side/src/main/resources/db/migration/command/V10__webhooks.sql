-- Webhooks: the receivers merchants registered, what each is owed (one delivery per public event and endpoint, written
-- by the processor "webhooks" in the transaction that stores its token, so none is lost or doubled), and every attempt.
CREATE TABLE webhook_endpoint (
    id            uuid PRIMARY KEY,
    url           text NOT NULL,
    -- the public event types it receives (io.emporium.order.confirmed.v1, ...)
    event_types   text[] NOT NULL,
    -- whsec_ and base64 of the key: deliveries are signed with it (Standard Webhooks)
    secret        text NOT NULL,
    state         text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused')),
    paused_reason text,
    -- since when every attempt failed (null: the last one succeeded); failing longer than the pause time pauses it
    failing_since timestamptz,
    -- failed attempts in a row, and when the next may be made: a receiver that is down is not called once per waiting
    -- aggregate but backs off as a whole
    failures      int NOT NULL DEFAULT 0,
    retry_at      timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_delivery (
    -- the order deliveries were written in, which is the event store's order
    id              bigserial PRIMARY KEY,
    endpoint_id     uuid NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id        text NOT NULL,
    event_type      text NOT NULL,
    aggregate_id    text NOT NULL,
    -- the exact body sent and signed (a CloudEvent): every attempt sends the same bytes
    body            bytea NOT NULL,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a sender holds it until then; a sender that died lets it go when this passes
    leased_until    timestamptz,
    last_status     int,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (endpoint_id, event_id)
);
-- what is due, and the one before it of the same endpoint and aggregate (a delivery waits for its predecessor)
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_queue ON webhook_delivery (endpoint_id, aggregate_id, id) WHERE state = 'pending';
CREATE INDEX webhook_delivery_log ON webhook_delivery (endpoint_id, id DESC);
CREATE INDEX webhook_delivery_delivered ON webhook_delivery (delivered_at) WHERE state = 'delivered';

CREATE TABLE webhook_attempt (
    id           bigserial PRIMARY KEY,
    delivery_id  bigint NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    -- the receiver's HTTP status, or null where none came (refused, timed out, address not allowed)
    status       int,
    error        text,
    duration_ms  int NOT NULL
);
CREATE INDEX webhook_attempt_of_delivery ON webhook_attempt (delivery_id, id DESC);

-- An Idempotency-Key claim is held for a lease: a claim whose owner died (a crash between claim and answer) can be
-- taken over once its lease has passed, instead of answering "in progress" for the key's whole time to live.
ALTER TABLE idempotency_key ADD COLUMN lease_until timestamptz NOT NULL DEFAULT now();
-- What the command answered, written in the command's own transaction: a retry of a request whose command committed
-- (but whose HTTP answer was lost or was a time-out) gets that answer, and the command does not act twice.
ALTER TABLE idempotency_key ADD COLUMN command_result text;

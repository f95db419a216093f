-- Accounts deleted whose personal data the command service has still to erase (written with the deletion, removed
-- once the command service confirmed): a deletion is never lost to a service that was down at the time.
CREATE TABLE erasure_request (
    account_id   text PRIMARY KEY,
    requested_at timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text
);

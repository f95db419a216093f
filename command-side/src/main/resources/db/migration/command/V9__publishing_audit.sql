-- Who asked the publisher to send events again from an earlier position (or to pause and resume), and when: a replay
-- sends consumers events they had (under the same ids), so it is kept on record.
CREATE TABLE publishing_audit (
    id            bigserial PRIMARY KEY,
    action        text NOT NULL,
    from_position bigint,
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now()
);

-- Which index generation of each projection is live, and the rebuild that runs, if any. Kept here, not in memory,
-- so that a restarted instance resumes a rebuild and every instance serves the same generation.
CREATE TABLE projection_state (
    name                 varchar(64)  NOT NULL PRIMARY KEY,
    live_generation      integer      NOT NULL,
    rebuild_generation   integer,
    rebuild_started_at   timestamptz,
    rebuild_requested_by varchar(100),
    -- the index the last rebuild replaced, deleted once its grace period is over
    retired_index        varchar(255),
    retire_after         timestamptz,
    updated_at           timestamptz  NOT NULL DEFAULT now()
);

-- Axon's JPA sequenced dead-letter queue: events a projection could not handle, per processor.
CREATE TABLE dead_letter_entry (
    dead_letter_id       varchar(255)  NOT NULL PRIMARY KEY,
    processing_group     varchar(255)  NOT NULL,
    sequence_identifier  varchar(255)  NOT NULL,
    sequence_index       bigint        NOT NULL,
    message_type         varchar(255)  NOT NULL,
    event_identifier     varchar(255)  NOT NULL,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    payload_type         varchar(255)  NOT NULL,
    payload_revision     varchar(255),
    payload              bytea         NOT NULL,
    meta_data            bytea,
    time_stamp           varchar(255)  NOT NULL,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          timestamp(6) with time zone NOT NULL,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);

-- Every administrative action: who, what, when, and how it ended.
CREATE TABLE admin_audit (
    id        bigserial    PRIMARY KEY,
    at        timestamptz  NOT NULL DEFAULT now(),
    principal varchar(100) NOT NULL,
    action    varchar(100) NOT NULL,
    target    varchar(255),
    outcome   varchar(40)  NOT NULL,
    detail    varchar(2000)
);
CREATE INDEX admin_audit_at ON admin_audit (at);

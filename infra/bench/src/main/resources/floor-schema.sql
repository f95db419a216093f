-- The floor's one table: the event table's shape (bytea payloads, a unique key per aggregate and sequence).
CREATE TABLE IF NOT EXISTS floor_event (
    global_index         bigserial PRIMARY KEY,
    aggregate_identifier varchar(255) NOT NULL,
    sequence_number      bigint       NOT NULL,
    type                 varchar(255),
    event_identifier     varchar(255) NOT NULL UNIQUE,
    payload_type         varchar(255) NOT NULL,
    payload              bytea        NOT NULL,
    meta_data            bytea,
    time_stamp           varchar(255) NOT NULL,
    UNIQUE (aggregate_identifier, sequence_number)
);

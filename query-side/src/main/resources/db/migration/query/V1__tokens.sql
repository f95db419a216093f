-- Tokens of the query side's streaming processors: where each projection segment is in the event stream.
-- Binary columns are bytea, never oid large objects (see ByteaPostgreSQLDialect).
CREATE TABLE token_entry (
    processor_name varchar(255) NOT NULL,
    segment        integer      NOT NULL,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255) NOT NULL,
    owner          varchar(255),
    PRIMARY KEY (processor_name, segment)
);

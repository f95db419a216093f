-- The set-based rule "an attribute is declared once, with one type": written in the same transaction as its
-- declaration's event; product commands read it to check the values they carry.
CREATE TABLE attribute_catalogue (
    name varchar(40) NOT NULL PRIMARY KEY,
    type varchar(16) NOT NULL
);

-- The query service reads the merchandising rules (attribute declarations, synonym rules) straight from the event
-- table, all of them every time one changes: a small index of their rows keeps that from scanning every product event.
CREATE INDEX domain_event_entry_merchandising ON domain_event_entry (global_index) WHERE type IN ('Attribute', 'SynonymRule');

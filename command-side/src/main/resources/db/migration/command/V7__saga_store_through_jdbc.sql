-- Axon's JDBC saga store inserts association values without an id: the column draws it from its sequence. The
-- sequence keeps its increment of 50, so a value it hands out is never inside a block Hibernate reserved before.
ALTER TABLE association_value_entry ALTER COLUMN id SET DEFAULT nextval('association_value_entry_seq');

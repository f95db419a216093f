-- A rebuild may be asked for with its own batch size (the benchmark's batch-size-1 baseline uses it).
ALTER TABLE projection_state ADD COLUMN rebuild_batch_size integer;

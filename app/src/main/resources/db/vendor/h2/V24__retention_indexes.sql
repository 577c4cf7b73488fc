-- The retention job's indexes (db/vendor/postgresql/V24__retention_indexes.sql has them partial, on finished rows
-- only; H2 has no partial indexes). The inbound store's batches use V8's (processed_at, channel).
create index outbox_finished on outbox_message (status, updated_at);
create index quarantine_reviewed on quarantined_input (reviewed_at);

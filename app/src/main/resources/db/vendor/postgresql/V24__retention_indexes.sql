-- The retention job (org.handover.retention, docs/decisions/0010-retention.md) deletes, night by night and in batches,
-- the oldest finished rows of the ledger, the inbound store and the quarantine. These indexes hold only finished rows,
-- ordered by when they finished, so each batch reads the rows it deletes and not the table. H2 has no partial
-- indexes: db/vendor/h2/V24__retention_indexes.sql.
--
-- Cost on the insert path: none for a new message (PENDING is not in the index) nor a new inbound message
-- (processed_at is null) nor a new quarantine entry; one index entry more when a message is sent, delivered or
-- acknowledged, when a reply is processed, when an entry is reviewed.

-- The ledger's finished statuses; SENT because mail has no receipt (the job deletes SENT only for mail).
create index outbox_finished on outbox_message (updated_at)
    where status in ('SENT', 'DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE', 'ABANDONED');

-- V15 left inbound_message only an index on unprocessed replies.
create index inbound_processed on inbound_message (processed_at) where processed_at is not null;

create index quarantine_reviewed on quarantined_input (reviewed_at) where reviewed_at is not null;

-- The retention job (docs/decisions/0010-retention.md) also deletes, after their age, hospital events as received,
-- dispatched contract events and the messages taken from the MESH inbox. Each batch reads its page along one of these
-- indexes, oldest first. H2: db/vendor/h2/V30__retention_of_hospital_events.sql.
--
-- Cost on the insert path: one index entry per hospital event and per MESH message taken; one more when an event is
-- dispatched (the row is rewritten then anyway).
create index hospital_event_received on hospital_event (received_at);
create index encounter_dispatch_dispatched on encounter_dispatch (dispatched_at) where state = 'DISPATCHED';
create index mesh_inbound_received on mesh_inbound_message (received_at);

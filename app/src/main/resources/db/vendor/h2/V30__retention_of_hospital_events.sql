-- The retention job's indexes for hospital events, dispatched contract events and MESH inbox messages
-- (db/vendor/postgresql/V30__retention_of_hospital_events.sql has the dispatched one partial; H2 has no partial indexes).
create index hospital_event_received on hospital_event (received_at);
create index encounter_dispatch_dispatched on encounter_dispatch (state, dispatched_at);
create index mesh_inbound_received on mesh_inbound_message (received_at);

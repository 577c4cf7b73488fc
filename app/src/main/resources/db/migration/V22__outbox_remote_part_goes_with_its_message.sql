-- The receiver's ids of a long text's further parts (V21) belong to their outbox message: they go when it goes,
-- whoever deletes it (a retention of the ledger, an administrator), on H2 and PostgreSQL alike, so that they cannot
-- outlive it. Nothing deletes outbox rows yet, so nothing should be orphaned; any that is, is let go first.
delete from outbox_remote_part where message_id not in (select id from outbox_message);
create index outbox_remote_part_message on outbox_remote_part (message_id);
alter table outbox_remote_part add constraint outbox_remote_part_message_fk
    foreign key (message_id) references outbox_message (id) on delete cascade;

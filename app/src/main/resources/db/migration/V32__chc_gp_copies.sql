-- A CHC letter's copy for the patient's GP practice, from the moment the letter is written until the practice's
-- MESH mailbox is known: the endpoint lookup is a call to MESH and runs after the letter's transaction, never in it.
-- WAITING until the lookup answers (retried with backoff while MESH does not), then SENT (the outbox holds the
-- message, id = message_id) or TO_POST (the practice has no mailbox for the workflow: the team prints and posts it).
create table chc_gp_copy (
    message_id       varchar(36)     not null primary key,
    case_id          varchar(36)     not null references chc_case (id),
    letter_type      varchar(60)     not null,
    document_id      varchar(36)     not null references chc_document (id),
    ods_code         varchar(16)     not null,
    workflow_id      varchar(64)     not null,
    status           varchar(16)     not null,
    mailbox_id       varchar(32),
    failed_attempts  integer         not null default 0,
    last_error       varchar(500),
    next_attempt_at  timestamp       not null,
    created_at       timestamp       not null,
    settled_at       timestamp
);
create index chc_gp_copy_due on chc_gp_copy (status, next_attempt_at);
create index chc_gp_copy_case on chc_gp_copy (case_id);

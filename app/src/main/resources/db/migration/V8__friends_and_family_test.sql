-- Friends and Family Test by SMS. One row per ended encounter (idempotency by encounter id): skipped with its reason,
-- or a conversation from scheduled text to answer and comment. The conversation is a state machine in this table
-- (docs/decisions/0004-fft-conversation-in-the-database.md); every wait has its due time here, so a restart loses
-- nothing.
create table fft_conversation (
    id                  varchar(64)    not null primary key,
    encounter_id        varchar(128)   not null,
    -- where the encounter came from: event (EncounterEnded) or api (POST /api/fft/encounters)
    source              varchar(16)    not null,
    nhs_number          varchar(10),
    -- E.164 UK mobile, or what the source gave when it is not one (then the row is skipped)
    mobile              varchar(32),
    setting             varchar(32)    not null,
    organisation_code   varchar(16)    not null,
    site_code           varchar(32),
    ward                varchar(100),
    specialty           varchar(100),
    encounter_ended_at  timestamp      not null,
    -- SCHEDULED, AWAITING_ANSWER, AWAITING_CLARIFIED_ANSWER, AWAITING_COMMENT, ENDED, SKIPPED
    state               varchar(32)    not null,
    -- SkipReason when SKIPPED (the one the monthly report counts); decision lists every reason found
    skip_reason         varchar(32),
    decision            varchar(2000)  not null,
    rules_fired         varchar(1000)  not null,
    send_at             timestamp,
    question_message_id varchar(64),
    asked_at            timestamp,
    -- DELIVERED, UNDELIVERABLE, DEAD, ABANDONED once the ledger knows; null while it does not
    delivery_status     varchar(16),
    delivered_at        timestamp,
    -- when the current wait (answer, clarified answer, comment) ends
    wait_until          timestamp,
    -- 1 Very good .. 6 Don't know
    answer              smallint,
    answered_at         timestamp,
    clarification_sent  boolean        default false not null,
    -- replies we could not read as an answer (redacted), kept as an unclassified comment
    unclassified_reply  varchar(4000),
    -- the patient's comment, linked to the answer, with phone numbers, emails and NHS numbers redacted
    comment             varchar(4000),
    comment_at          timestamp,
    -- COMPLETED, ANSWERED_NO_COMMENT, NO_RESPONSE, UNDELIVERED, OPTED_OUT, UNCLASSIFIED, CANCELLED
    outcome             varchar(32),
    ended_at            timestamp,
    created_at          timestamp      not null,
    updated_at          timestamp      not null
);
create unique index fft_conversation_encounter on fft_conversation (encounter_id);
create index fft_conversation_due on fft_conversation (state, send_at);
create index fft_conversation_wait on fft_conversation (state, wait_until);
create index fft_conversation_mobile on fft_conversation (mobile, state);
create index fft_conversation_patient on fft_conversation (nhs_number, asked_at);
create index fft_conversation_answered on fft_conversation (answered_at);
create index fft_conversation_ended on fft_conversation (encounter_ended_at);
create index fft_conversation_receipt on fft_conversation (delivery_status, asked_at);

-- Numbers that replied STOP: no FFT text goes to them until they reply START.
create table fft_opt_out (
    mobile             varchar(32)   not null primary key,
    opted_out_at       timestamp     not null,
    inbound_message_id varchar(64)
);

-- Every SMS reply FFT handled, by inbound message id (the raw text stays in inbound_message), what it was read as,
-- and the conversation it went to (null for a number with no open conversation).
create table fft_reply (
    id               varchar(64)   not null primary key,
    conversation_id  varchar(64),
    mobile           varchar(32)   not null,
    received_at      timestamp     not null,
    -- ANSWER, COMMENT, UNCLEAR, UNCLASSIFIED, OPT_OUT, OPT_IN, LATE, UNKNOWN_SENDER
    classification   varchar(24)   not null,
    answer           smallint,
    text             varchar(4000) not null,
    answered         boolean       default false not null
);
create index fft_reply_conversation on fft_reply (conversation_id);
create index fft_reply_mobile on fft_reply (mobile, received_at);

-- FFT reads SMS replies from the inbound store and marks them processed; this finds the unprocessed ones quickly.
create index inbound_unprocessed on inbound_message (processed_at, channel);

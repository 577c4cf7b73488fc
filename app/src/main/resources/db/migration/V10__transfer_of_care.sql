-- Transfer of care to the GP: one row per discharged episode (or per episode whose summary arrived from upstream
-- before the discharge), from the summary to the GP's acknowledgement and the 24-hour standard.
create table transfer_of_care (
    episode_id           varchar(64)      not null primary key,
    nhs_number           varchar(10)      not null,
    -- the PatientDischarged event as JSON; null while only an upstream summary is known
    discharge            varchar(100000),
    ward                 varchar(100),
    specialty            varchar(100),
    gp_practice_ods      varchar(16),
    discharged_at        timestamp,
    -- AWAITING_DISCHARGE, AWAITING_SUMMARY, SUMMARY_COMPLETE, INVALID, SENT, ACKNOWLEDGED, DELIVERY_PROBLEM,
    -- DELIVERED_OTHERWISE, CANCELLED
    status               varchar(24)      not null,
    -- the summary under the PRSB headings, as JSON
    summary              varchar(100000),
    -- UPSTREAM or TASKLIST
    summary_source       varchar(16),
    summary_completed_by varchar(200),
    summary_recorded_at  timestamp,
    results_pending      boolean,
    results              varchar(20000),
    -- when the GP acknowledged the summary (or it was recorded as delivered another way)
    acknowledged_at      timestamp,
    sla_warned_at        timestamp,
    sla_breached_at      timestamp,
    -- requested by the patient: letter (printed by the ward) or email; the plain-language copy itself
    patient_copy_channel varchar(16),
    patient_copy         varchar(20000),
    cancellation_reason  varchar(1000),
    created_at           timestamp        not null,
    updated_at           timestamp        not null
);
create index transfer_of_care_discharged on transfer_of_care (discharged_at);

-- Every ITK3 message built for an episode (summary, results addendum, cancellation notice): the bundle as sent, and
-- what the GP's system or MESH answered. The id is the MessageHeader id, the outbox id and the MESH local id.
create table transfer_of_care_message (
    id                   varchar(64)      not null primary key,
    episode_id           varchar(64)      not null,
    -- SUMMARY, ADDENDUM, CANCELLATION
    kind                 varchar(16)      not null,
    bundle               varchar(1000000) not null,
    valid                boolean          not null,
    validation_errors    varchar(20000),
    gp_mailbox           varchar(32),
    sent_at              timestamp,
    -- INFRASTRUCTURE_ACK, BUSINESS_ACK, NEGATIVE_ACK, ERROR_REPORT
    response             varchar(24),
    response_detail      varchar(2000),
    responded_at         timestamp,
    created_at           timestamp        not null
);
create index transfer_of_care_message_episode on transfer_of_care_message (episode_id);

-- Messages taken from the trust's MESH inbox, stored before they are acknowledged in MESH (a repeat is ignored).
create table mesh_inbound_message (
    mesh_message_id      varchar(64)      not null primary key,
    message_type         varchar(16)      not null,
    workflow_id          varchar(64),
    sender               varchar(32),
    local_id             varchar(100),
    linked_message_id    varchar(64),
    status_code          varchar(32),
    status_description   varchar(1000),
    body                 varchar(1000000),
    -- what Handover did with it, e.g. "business ack for 1f0c... (episode EP-1)" or "quarantined: ..."
    outcome              varchar(1000)    not null,
    received_at          timestamp        not null
);

-- The MESH endpoint lookup, cached per practice and workflow; mailbox_id null: the practice has no mailbox for it.
create table gp_mailbox_lookup (
    ods_code             varchar(16)      not null,
    workflow_id          varchar(64)      not null,
    mailbox_id           varchar(32),
    looked_up_at         timestamp        not null,
    primary key (ods_code, workflow_id)
);

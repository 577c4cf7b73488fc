-- Councils for social care on discharge: the postcode -> council table and, per council, its channel, deadline and
-- the fields its sharing agreement allows. Never updated in place: every change is a new version, with who and why.
create table council_directory_version (
    version        integer          not null primary key,
    councils       varchar(1000000) not null,
    postcode_areas varchar(1000000) not null,
    changed_by     varchar(64)      not null,
    changed_at     timestamp        not null,
    change_note    varchar(1000)    not null
);

-- One row per discharged episode that entered Discharge to Assess: what the rules proposed, what the coordinator
-- decided, and what the council was told and answered.
create table discharge_to_assess (
    episode_id            varchar(64)      not null primary key,
    nhs_number            varchar(10)      not null,
    discharge             varchar(100000)  not null,
    status                varchar(24)      not null,
    proposed_pathway      varchar(8),
    rules_reason          varchar(2000),
    pathway               varchar(8),
    decided_by            varchar(64),
    change_reason         varchar(1000),
    council_code          varchar(64),
    directory_version     integer,
    notice_message_id     varchar(64),
    notified_at           timestamp,
    acknowledged_by       varchar(64),
    acknowledged_at       timestamp,
    council_reference     varchar(100),
    cancellation_reason   varchar(1000),
    cancellation_message_id varchar(64),
    created_at            timestamp        not null,
    updated_at            timestamp        not null
);
create index discharge_to_assess_nhs on discharge_to_assess (nhs_number);

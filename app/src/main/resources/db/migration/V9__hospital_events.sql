-- Hospital events (HL7 v2 ADT over MLLP, FHIR Encounter) and the episodes they open, discharge and cancel.
-- hospital_event keeps every accepted message as received; (sender, message_id) is the idempotency key:
-- a repeated MSH-10 (or Encounter identifier and status) is acknowledged without a second effect.
create table hospital_episode (
    -- PV1-19 visit number, or the Encounter identifier
    episode_id              varchar(64)    not null primary key,
    nhs_number              varchar(10)    not null,
    -- ADMITTED, DISCHARGED, CANCELLED
    status                  varchar(16)    not null,
    -- PV1-2 as sent (I, D, B, E, O, R), or the FHIR Encounter class code
    patient_class           varchar(16),
    setting                 varchar(32)    not null,
    given_name              varchar(100),
    family_name             varchar(100),
    birth_date              date,
    address_line            varchar(300),
    postcode                varchar(10),
    mobile                  varchar(32),
    gp_practice_ods         varchar(16),
    site_code               varchar(32),
    ward                    varchar(100),
    specialty               varchar(100),
    consultant              varchar(200),
    admitted_at             timestamp,
    expected_discharge_date date,
    discharged_at           timestamp,
    died_in_hospital        boolean        default false not null,
    created_at              timestamp      not null,
    updated_at              timestamp      not null
);
create index hospital_episode_nhs_number on hospital_episode (nhs_number);

create table hospital_event (
    id             varchar(36)       not null primary key,
    -- MSH-3^MSH-4 (sending application and facility), or fhir:<user> for FHIR posts
    sender         varchar(200)      not null,
    -- MSH-10 message control id, or Encounter identifier|status for FHIR
    message_id     varchar(200)      not null,
    -- hl7v2 or fhir
    source         varchar(16)       not null,
    -- A01, A03, A08, A11, A13
    event_type     varchar(8)        not null,
    episode_id     varchar(64),
    nhs_number     varchar(10),
    -- what the event did, e.g. "discharged: PatientDischarged and EncounterEnded published"
    outcome        varchar(500)      not null,
    received_at    timestamp         not null,
    payload        varchar(1000000)  not null,
    constraint hospital_event_message_id unique (sender, message_id)
);
create index hospital_event_episode on hospital_event (episode_id);

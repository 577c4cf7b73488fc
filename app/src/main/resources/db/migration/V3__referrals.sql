-- e-Referrals received over FHIR (POST /fhir/r4/ServiceRequest): what the GP sent and where triage and booking have
-- got to. id is the FHIR id of the ServiceRequest; version is its ETag (every change adds one: optimistic locking).
create table referral (
    id                   uuid            not null primary key,
    ubrn                 varchar(12)     not null,
    nhs_number           varchar(10)     not null,
    patient_name         varchar(300)    not null,
    patient_birth_date   date            not null,
    -- E.164, e.g. +447700900123; null when the GP gave no mobile
    patient_mobile       varchar(16),
    patient_address      varchar(500),
    practice_ods         varchar(10)     not null,
    referrer_name        varchar(300)    not null,
    specialty_code       varchar(100)    not null,
    specialty_display    varchar(300)    not null,
    -- ROUTINE, URGENT, TWO_WEEK_WAIT: as the GP asked, and now (after rules and triage; rules never lower it)
    gp_priority          varchar(16)     not null,
    priority             varchar(16)     not null,
    reason               varchar(4000)   not null,
    clinical_information varchar(100000) not null,
    -- JSON list of {title, contentType, url, binaryId}
    attachments          varchar(20000)  not null,
    -- e-RS referral state (https://fhir.nhs.uk/CodeSystem/eRS-ReferralState), e.g. AWAITING_TRIAGE
    state                varchar(48)     not null,
    triage_team          varchar(100),
    routing_reason       varchar(2000),
    triage_outcome       varchar(32),
    triage_comment       varchar(4000),
    appointment_clinic   varchar(300),
    appointment_start    timestamp,
    appointment_location varchar(500),
    version              integer         not null,
    created_at           timestamp       not null,
    updated_at           timestamp       not null,
    -- the ServiceRequest as the referrer last submitted it, as FHIR JSON (attachments sent inline live here)
    original_resource    varchar(1000000) not null
);
-- One referral per UBRN: a second POST of the same UBRN, even at the same moment, finds the first.
create unique index referral_ubrn on referral (ubrn);
create index referral_patient on referral (nhs_number);

-- Break-glass access: a user outside a case's team opened it, stating why. The Camunda authorizations it created are
-- named here so that they are revoked when the grant expires; the row stays for information governance.
create table break_glass_grant (
    id                   uuid          not null primary key,
    user_id              varchar(64)   not null,
    process_instance_id  varchar(64)   not null,
    business_key         varchar(255),
    process_key          varchar(255)  not null,
    nhs_number           varchar(10),
    reason               varchar(2000) not null,
    granted_at           timestamp     not null,
    expires_at           timestamp     not null,
    revoked_at           timestamp,
    -- comma-separated ids of the Camunda authorizations granted
    authorization_ids    varchar(4000) not null,
    review_task_id       varchar(64)
);
create index break_glass_grant_open on break_glass_grant (expires_at, revoked_at);

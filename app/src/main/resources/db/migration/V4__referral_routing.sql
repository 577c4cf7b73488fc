-- Versions of the referral routing table and red-flag list; the highest version is in force. Never updated in
-- place: every change is a new version, with who made it and why.
create table referral_routing_version (
    version      integer          not null primary key,
    entries      varchar(1000000) not null,
    red_flags    varchar(1000000) not null,
    changed_by   varchar(64)      not null,
    changed_at   timestamp        not null,
    change_note  varchar(1000)    not null
);

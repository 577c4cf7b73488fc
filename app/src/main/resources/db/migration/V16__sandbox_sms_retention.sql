-- The sandbox message centre keeps only its newest settled short messages (handover.sandbox.sms-kept); what it let go
-- is counted here by direction, so that the sandbox page's totals stay true.
create table sandbox_sms_pruned (
    direction varchar(2) not null primary key,
    messages  bigint     not null
);
insert into sandbox_sms_pruned (direction, messages) values ('MT', 0), ('MO', 0);

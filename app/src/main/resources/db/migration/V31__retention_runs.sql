-- The retention job's runs (docs/decisions/0010): what an administrator's run is doing, for GET after the 202, and the
-- one run at a time over all nodes. "running" is 1 while a run runs and null after: its unique constraint lets one
-- row hold it (nulls never collide), on H2 and PostgreSQL alike, so a second start fails on the insert itself.
create table retention_run (
    id            varchar(36)   not null primary key,
    kind          varchar(16)   not null,
    started_by    varchar(100)  not null,
    state         varchar(16)   not null,
    running       smallint      check (running = 1),
    started_at    timestamp     not null,
    heartbeat_at  timestamp     not null,
    finished_at   timestamp,
    complete      boolean,
    deleted       varchar(1000) not null,
    failure       varchar(1000),
    constraint retention_run_one_at_a_time unique (running)
);
create index retention_run_finished on retention_run (finished_at);

-- Operations gauges (docs in ops/monitoring/README.md) read, once a minute, only the rows that still need someone:
-- discharge summaries the GP has not acknowledged, and CHC cases the ICB has not decided. These indexes let them
-- do so without reading every discharge and case ever kept.
create index transfer_of_care_status_discharged on transfer_of_care (status, discharged_at);
create index chc_case_undecided on chc_case (decided_at, icb_received_at);

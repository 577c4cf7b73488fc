-- Indexes on open work only (PostgreSQL; H2 has no partial indexes, see db/vendor/h2/V15__open_work_indexes.sql).
--
-- Measured 2026-12-03 with 100,000 finished FFT conversations in the tables: the single-row updates "where id = ? and
-- state = 'SCHEDULED'" (the question's claim) and "where id = ? and delivery_status is null" (the receipt copied)
-- were planned on the (state, send_at) and (delivery_status, asked_at) indexes, because the statistics (taken before
-- the burst) said almost no row had that state, and then read every scheduled or awaiting-receipt entry, dead ones
-- included, to find one row: 1,445 and 819 buffers per call instead of about 20, slower the more conversations wait.
-- The ledger's (status, next_attempt_at) and the inbound store's (processed_at, channel) had the same shape.
--
-- Each index below holds only the rows its sweep looks for, and its predicate has one more condition that the sweep
-- states and a single-row update never does (a sweep's "send_at <= ?" implies "send_at is not null"; the ledger's
-- sweeps add "attempts >= 0", true of every row): otherwise the planner, trusting the same stale statistics, scans
-- the whole partial index for the one row again (measured: 1,539 buffers a claim with partial indexes alone).

drop index fft_conversation_due;
create index fft_conversation_due on fft_conversation (send_at) where state = 'SCHEDULED' and send_at is not null;

drop index fft_conversation_wait;
create index fft_conversation_wait on fft_conversation (wait_until)
    where state in ('AWAITING_ANSWER', 'AWAITING_CLARIFIED_ANSWER', 'AWAITING_COMMENT') and wait_until is not null;

drop index fft_conversation_receipt;
create index fft_conversation_receipt on fft_conversation (asked_at)
    where delivery_status is null and question_message_id is not null;

-- The monthly results and the response-rate gauge read conversations by the time they were asked.
create index fft_conversation_asked on fft_conversation (asked_at);

-- The relay's sweep (OutboxRelay).
drop index outbox_due;
create index outbox_due on outbox_message (next_attempt_at) where status in ('PENDING', 'FAILED') and attempts >= 0;
-- Not yet accepted by the receiver, or waiting for a person: the delivery metrics count these every few seconds.
create index outbox_open on outbox_message (created_at)
    where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED', 'DEAD', 'UNDELIVERABLE') and attempts >= 0;

-- SMS replies not yet handled (FftReplies); the single-row "processed" update names no channel.
drop index inbound_unprocessed;
create index inbound_sms_unprocessed on inbound_message (received_at) where processed_at is null and channel = 'sms';

-- Indexes on open work only (PostgreSQL; H2 has no partial indexes, see db/vendor/h2/V15__open_work_indexes.sql).
--
-- Measured 2026-12-03 with 100,000 finished FFT conversations in the tables: the single-row updates "where id = ? and
-- state = 'SCHEDULED'" (the question's claim) and "where id = ? and delivery_status is null" (the receipt copied)
-- were planned on the (state, send_at) and (delivery_status, asked_at) indexes, because the statistics said almost no
-- row had that state, and then read every scheduled (or awaiting-receipt) entry, dead ones included, to find one row:
-- 1,445 and 819 buffers per call instead of about 20, and the more conversations waited, the slower each got. The
-- same shape was waiting in the ledger's (status, next_attempt_at) and the inbound store's (processed_at, channel).
--
-- Each index below holds only the rows its sweep looks for. A query that names one row by id can still use it only
-- as a scan of the whole index, which the planner costs by the index's real size, so the primary key wins as soon as
-- there is any backlog; and the sweeps read open work only, in the order they want it.

drop index fft_conversation_due;
create index fft_conversation_due on fft_conversation (send_at) where state = 'SCHEDULED';

drop index fft_conversation_wait;
create index fft_conversation_wait on fft_conversation (wait_until)
    where state in ('AWAITING_ANSWER', 'AWAITING_CLARIFIED_ANSWER', 'AWAITING_COMMENT');

drop index fft_conversation_receipt;
create index fft_conversation_receipt on fft_conversation (asked_at)
    where delivery_status is null and question_message_id is not null;

-- The monthly results and the response-rate gauge read conversations by the time they were asked.
create index fft_conversation_asked on fft_conversation (asked_at);

drop index outbox_due;
create index outbox_due on outbox_message (next_attempt_at) where status in ('PENDING', 'FAILED');
-- Not yet accepted by the receiver, or waiting for a person: the delivery metrics count these every few seconds.
create index outbox_open on outbox_message (created_at)
    where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED', 'DEAD', 'UNDELIVERABLE');

drop index inbound_unprocessed;
create index inbound_unprocessed on inbound_message (received_at) where processed_at is null;

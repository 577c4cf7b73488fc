#!/usr/bin/env bash
# Friends and Family Test benchmark: N whole conversations (default 100,000, the issue's size) on the postgres
# profile through the sandbox SMPP message centre: encounters posted -> questions delivered -> answers typed on the
# sandbox phones -> follow-ups delivered -> comments -> completed. The phones, the message centre and the load
# generator run in a second JVM (outside.sh), so the application's CPU is its own. Prints each phase's time, texts/s
# out, replies/s handled, conversations/s, CPU per conversation of each JVM and PostgreSQL, peak heap and RSS.
# Sending hours are opened to the whole day so the run does not wait for 09:00. Not a test: run it by hand.
#
#   ops/bench/fft.sh [count] [client threads] [encounters per request]
#
# A warm-up of BENCH_WARMUP conversations (5,000) runs first, not measured, and its rates are printed as the cold
# start. It is long on purpose: on 2 cores the JVMs are still JIT-compiling for tens of seconds, and with the old
# 300-conversation warm-up the measured run paid for it (on the backbone benchmark a longer warm-up raised throughput
# by about 40%). The report's perInterval (texts delivered/s and replies handled/s every 10 s) shows whether the rate
# still climbs during the measured run.
# Environment: BENCH_PRELOAD (finished conversations written by SQL first, see below), BENCH_JAR (the application's jar, e.g. an older build), BENCH_OUTSIDE=inside (everything in the
# application's JVM, as before 2026-12-03), BENCH_HEAP, BENCH_PORT, BENCH_JAVA_OPTS, PGPORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# EXPLAIN (ANALYZE, BUFFERS) of the FFT scheduler's sweeps and lookups on the tables as the run left them, each in a
# transaction rolled back (the updates change nothing): a plan that reads more as the tables grow shows here.
explain_fft_queries() {
  local now="now()::timestamp"
  {
    for q in \
      "select c.id from fft_conversation c where c.state = 'SCHEDULED' and c.send_at <= $now order by c.send_at fetch first 500 rows only" \
      "select c.id, c.state, o.status, o.delivered_at from fft_conversation c join outbox_message o on o.id = c.question_message_id where c.delivery_status is null and c.asked_at > $now - interval '7 days' and o.status in ('DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE', 'DEAD', 'ABANDONED')" \
      "update fft_conversation set state = 'ENDED' where state = 'AWAITING_ANSWER' and wait_until <= $now - interval '1 day'" \
      "update fft_conversation set state = 'ENDED' where state = 'AWAITING_COMMENT' and wait_until <= $now - interval '1 day'" \
      "select id from inbound_message where processed_at is null and channel = 'sms' order by received_at fetch first 500 rows only" \
      "select id, state from fft_conversation where mobile = '+447700000007' and state in ('AWAITING_ANSWER', 'AWAITING_CLARIFIED_ANSWER', 'AWAITING_COMMENT') order by asked_at desc for update" \
      "select status, count(*) from outbox_message group by status" \
      "select min(created_at) from outbox_message where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED')" \
      "select count(*), count(answer) from fft_conversation where asked_at > $now - interval '30 days'" \
      "update outbox_message set status = 'DELIVERED' where channel = 'sms' and remote_id = 'nothing' and status = 'SENT'" \
      "select id from outbox_message where status in ('PENDING', 'FAILED') and next_attempt_at <= $now order by next_attempt_at fetch first 500 rows only"
    do
      echo "== $q"
      pg_superuser_sql "$1" "begin; explain (analyze, buffers, costs off) $q; rollback;"
    done
    echo "== table sizes and dead rows"
    pg_superuser_sql "$1" "select relname, n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd, autovacuum_count,
      pg_size_pretty(pg_total_relation_size(relid)) from pg_stat_user_tables where n_live_tup > 1000 order by 2 desc"
  } > "$2"
}
# A rate from the warm-up's report.
rate() {
  grep -o "\"$1\":[0-9]*" "$OUT/warmup.json" | cut -d: -f2
}
COUNT="${1:-100000}"
THREADS="${2:-8}"
PER_REQUEST="${3:-1}"
WARMUP="${BENCH_WARMUP:-5000}"
JAR="${BENCH_JAR:-$ROOT/app/target/handover.jar}"

# BENCH_PRELOAD=N: N finished conversations written by SQL before the warm-up (each with its two texts delivered, two
# replies and their records, asked within the last day), so that a short measured run meets the tables of a long one.
# Their patients and numbers are apart from the run's (NHS numbers 8..., mobiles +4478...).
preload_finished_conversations() {
  local n="$1"
  [ "$n" -gt 0 ] || return 0
  echo "Preloading $n finished conversations..."
  pg_superuser_sql "$2" "
    insert into fft_conversation (id, encounter_id, source, nhs_number, mobile, setting, organisation_code, site_code,
        ward, specialty, encounter_ended_at, state, decision, rules_fired, send_at, question_message_id, asked_at,
        delivery_status, delivered_at, answer, answered_at, comment, comment_at, outcome, ended_at, created_at,
        updated_at)
      select 'pre-' || i, 'preload-' || i, 'api', '8' || lpad(i::text, 9, '0'), '+4478' || lpad(i::text, 8, '0'),
        'INPATIENT', 'RX1', 'RX101', 'Bench ward ' || (i % 10), null, t - interval '2 hours', 'ENDED', 'Ask: eligible',
        'Ask', t, 'fft-pre-' || i || '-question', t, 'DELIVERED', t, 1 + i % 6, t + interval '1 minute',
        'Preloaded comment ' || i, t + interval '2 minutes', 'COMPLETED', t + interval '2 minutes', t, t
      from (select i, now()::timestamp - interval '1 day' + (i % 80000) * interval '1 second' as t
            from generate_series(1, $n) i) g;
    insert into outbox_message (id, channel, recipient, message_type, correlation_key, payload, status, attempts,
        next_attempt_at, remote_id, created_at, updated_at, queued_at, sent_at, delivered_at)
      select 'fft-pre-' || i || k.step, 'sms', '+4478' || lpad(i::text, 8, '0'), k.type, 'pre-' || i,
        'Thinking about your recent visit, how likely are you to recommend our ward to friends and family if they '
          || 'needed similar care or treatment? Reply 1 to 6. Reply STOP to opt out.', 'DELIVERED', 1, now(),
        md5(i || k.step), now(), now(), now(), now(), now()
      from generate_series(1, $n) i, (values ('-question', 'FftQuestion'), ('-follow-up', 'FftFollowUp')) k(step, type);
    insert into inbound_message (id, channel, sender, recipient, remote_id, body, received_at, processed_at)
      select 'pre-' || i || '-' || k, 'sms', '+4478' || lpad(i::text, 8, '0'), '60060', 'smpp-pre-' || i || '-' || k,
        case k when 1 then '2' else 'Preloaded comment ' || i end, now(), now()
      from generate_series(1, $n) i, generate_series(1, 2) k;
    insert into fft_reply (id, conversation_id, mobile, received_at, classification, answer, text, answered)
      select 'pre-' || i || '-' || k, 'pre-' || i, '+4478' || lpad(i::text, 8, '0'), now(),
        case k when 1 then 'ANSWER' else 'COMMENT' end, case k when 1 then 2 end,
        case k when 1 then '2' else 'Preloaded comment ' || i end, k = 1
      from generate_series(1, $n) i, generate_series(1, 2) k;
" >/dev/null
  local table
  for table in fft_conversation outbox_message inbound_message fft_reply; do
    pg_superuser_sql "$2" "vacuum analyze $table" >/dev/null
  done
  echo "Preloaded: $(pg_superuser_sql "$2" "select count(*) from fft_conversation") conversations"
}

bench_start_outside fft --server.tomcat.threads.max=64 --handover.adt.mllp-port=$((PORT + 3)) \
  --handover.fft.sending-start=00:00 --handover.fft.sending-end=23:59:59.999 --handover.fft.poll-interval=200ms
CLIENT="$OUTSIDE_BASE/api/admin/bench/fft?threads=$THREADS&perRequest=$PER_REQUEST"
[ "$OUTSIDE_MODE" = inside ] || CLIENT="$CLIENT&targetPort=$PORT"
PG_PORT_USED="${JDBC_URL##*:}"; PG_PORT_USED="${PG_PORT_USED%%/*}"
preload_finished_conversations "${BENCH_PRELOAD:-0}" "$PG_PORT_USED"
if [ "$WARMUP" -gt 0 ]; then
  echo "Warming up with $WARMUP conversations (not measured)..."
  curl -fs -u admin:admin -X POST "$CLIENT&count=$WARMUP" > "$OUT/warmup.json"
  echo "cold start (the warm-up, $WARMUP conversations, not measured):" \
    "$(rate textsOutPerSecond) texts out/s, $(rate repliesHandledPerSecond) replies/s," \
    "$(rate conversationsPerSecond) conversations/s" | tee "$OUT/cold-start.txt"
fi
echo "Handover FFT conversation benchmark, $STAMP: $COUNT conversations, $THREADS client threads," \
  "$PER_REQUEST encounters per request, jar $JAR" | tee "$OUT/about.txt"
statements_reset "$PG_PORT_USED"
BENCH_ITEMS="$COUNT" BENCH_ITEM=conversation bench_measure_all report.json -u admin:admin -X POST \
  "$CLIENT&count=$COUNT&firstPatient=$WARMUP"
jq -r '"texts delivered and replies handled per second, every 10 s of the measured run:", (.perInterval // [] | .[])' \
  "$OUT/report.json" 2>/dev/null | tee "$OUT/per-interval.txt" || true
statements_timing "$PG_PORT_USED" "$COUNT" "$OUT/statements-time.txt"
explain_fft_queries "$PG_PORT_USED" "$OUT/explain.txt"
echo "SQL time per statement: $OUT/statements-time.txt; plans of the FFT sweeps on the tables as left: $OUT/explain.txt"

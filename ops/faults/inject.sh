#!/usr/bin/env bash
# Faults during a mixed load, one after the other, each followed by a reconciliation (issue 8): nothing lost, nothing
# sent twice, every refused input answered and quarantined, every process in a state it may be in. See
# ops/faults/README.md.
#
#   ops/faults/inject.sh                 all five faults
#   ops/faults/inject.sh --only 1,3      only faults 1 and 3
#
#   1  SIGKILL of the application, then a restart
#   2  the external Artemis broker stopped and started again
#   3  PostgreSQL stopped for FAULTS_PG_DOWN seconds (30), the application left running
#   4  the MESH, SMTP and SMPP simulators answering errors for FAULTS_CHANNEL_SECONDS (60), then not answering at all
#      for as long
#   5  FAULTS_MALFORMED (10,000) malformed inputs among FAULTS_VALID (1,000) valid ones: FHIR JSON and XML referrals,
#      HL7 v2 ADT over MLLP, garbled texts from patients' phones (seed FAULTS_SEED, 1)
#
# One node (profiles sandbox,postgres,cluster) on a fresh PostgreSQL and a fresh standalone Artemis, the simulators
# in a second JVM (ops/bench/outside.sh), started once: the faults follow one another on the same world, and each
# reconciliation covers everything since the start. Each fault runs during a burst of load: outbox messages on England's
# channel mix (FAULTS_MESSAGES, 400, at FAULTS_RATE 10/s), FHIR referrals (FAULTS_REFERRALS, 40), FFT conversations
# (FAULTS_FFT, 10) and timer probes (FAULTS_TIMERS, 20) due around the fault. Then the script waits (up to
# FAULTS_DRAIN, 300 s) for the outbox to empty and the probes to end, and asks the node for the reconciliation
# (POST /api/admin/bench/faults/reconcile, with what the simulators received). Exits 1 if any reconciliation failed.
#
# Ports: FAULTS_PORT (18700) the node, +3 its MLLP, +10..+13 the simulators, ARTEMIS_PORT (+30); PGPORT (55495).
# Results in ops/faults/results/inject-<time>/ (reconciliation-N.txt, events.txt, every JVM's log).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/ops/faults"
ONLY="1,2,3,4,5"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    *) echo "usage: $0 [--only N[,M...]]" >&2; exit 2 ;;
  esac
done
PORT="${FAULTS_PORT:-18700}"
MLLP_PORT=$((PORT + 3))
export PGPORT="${PGPORT:-55495}"
export ARTEMIS_PORT="${ARTEMIS_PORT:-$((PORT + 30))}"
export ARTEMIS_HOME_DIR="${ARTEMIS_HOME_DIR:-$HERE/.artemis}"
export PG_HOME="${PG_HOME:-$HERE/.pg}"
MESSAGES="${FAULTS_MESSAGES:-400}"
RATE="${FAULTS_RATE:-10}"
REFERRALS="${FAULTS_REFERRALS:-40}"
FFT="${FAULTS_FFT:-10}"
TIMERS="${FAULTS_TIMERS:-20}"
DRAIN="${FAULTS_DRAIN:-300}"
PG_DOWN="${FAULTS_PG_DOWN:-30}"
CHANNEL_SECONDS="${FAULTS_CHANNEL_SECONDS:-60}"
MALFORMED="${FAULTS_MALFORMED:-10000}"
VALID="${FAULTS_VALID:-1000}"
SEED="${FAULTS_SEED:-1}"
HEAP="${FAULTS_HEAP:-768m}"
JAR="${FAULTS_JAR:-$ROOT/app/target/handover.jar}"
AUTH="admin:admin"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$HERE/results/inject-$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
command -v psql >/dev/null || { echo "psql is needed (apt-get install -y postgresql-client)"; exit 2; }
command -v jq >/dev/null || { echo "jq is needed (apt-get install -y jq)"; exit 2; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

# shellcheck source=../bench/outside.sh
source "$ROOT/ops/bench/outside.sh"
# shellcheck source=../bench/drain.sh
source "$ROOT/ops/bench/drain.sh"
# The reconciliation counts every text the message centre took: none may be let go by its retention.
export BENCH_OUTSIDE_JAVA_OPTS="${BENCH_OUTSIDE_JAVA_OPTS:-} -Dhandover.sandbox.sms-kept=100000000"

APP_PID=""
BACKGROUND=()
cleanup() {
  for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  stop_outside
  "$ROOT/ops/cluster/artemis.sh" stop >/dev/null 2>&1 || true
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

sql() {
  PGPASSWORD="$HANDOVER_DB_PASSWORD" psql -h 127.0.0.1 -p "$PGPORT" -U handover -d handover -Atq -F $'\t' -c "$1"
}
say() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/events.txt"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

NODE="http://127.0.0.1:$PORT"
start_app() {
  # shellcheck disable=SC2086
  HANDOVER_DATA_DIR="$OUT/node" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC ${FAULTS_JAVA_OPTS:-} -jar "$JAR" \
    --spring.profiles.active=sandbox,postgres,cluster --server.port="$PORT" \
    --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
    --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=20 \
    "${OUTSIDE_ARGS[@]}" --handover.adt.mllp-port="$MLLP_PORT" --handover.bench.enabled=true \
    --handover.fft.sending-start=00:00 --handover.fft.sending-end=23:59:59.999 --handover.fft.poll-interval=200ms \
    >> "$OUT/node.log" 2>&1 &
  APP_PID=$!
  await_ready "$NODE" "$APP_PID" "$OUT/node.log"
}

# A fresh world: PostgreSQL, Artemis, the simulators' JVM and the node, all new.
fresh_world() {
  "$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
  JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
  "$ROOT/ops/cluster/artemis.sh" stop --wipe >/dev/null 2>&1 || true
  "$ROOT/ops/cluster/artemis.sh" start > "$OUT/artemis.txt"
  export HANDOVER_BROKER_URL="tcp://127.0.0.1:$ARTEMIS_PORT" HANDOVER_BROKER_USER=handover
  HANDOVER_BROKER_PASSWORD="$(cat "$ARTEMIS_HOME_DIR/broker-password")"
  export HANDOVER_BROKER_PASSWORD HANDOVER_JOB_LOCK_MILLIS="${FAULTS_JOB_LOCK_MILLIS:-30000}"
  start_outside "$PORT" > "$OUT/outside-start.txt"
  start_app
  curl -fs -u "$AUTH" -F deployment-name=fault-timer-probe -F enable-duplicate-filtering=true \
    -F "data=@$ROOT/ops/cluster/timer-probe.bpmn" "$NODE/engine-rest/deployment/create" > /dev/null
  # The first referral builds the rule units and warms the JIT: before the load, not inside it.
  curl -s -m 600 -u "$AUTH" -X POST "$OUTSIDE_BASE/api/admin/bench/referrals?count=3&threads=1&targetPort=$PORT" \
    > "$OUT/warmup.json" 2>&1 || true
  say "fresh PostgreSQL (port $PGPORT), Artemis (port $ARTEMIS_PORT), simulators and node (port $PORT) ready" \
    "(load average $(load_average))"
}
BURSTS=0
FUZZ_FHIR=0 FUZZ_HL7=0 FUZZ_TEXTS=0 FUZZ_REFERRALS_CREATED=0
SMS_IN_FLIGHT=0 MAIL_IN_FLIGHT=0

# A burst of the mixed load; the fault comes during it. Timer probes fall due 5 to 45 s from now.
load_burst() {
  local n i
  BURSTS=$((BURSTS + 1))
  n="$BURSTS"
  curl -fs -u "$AUTH" -X POST \
    "$NODE/api/admin/bench/outbox?count=$MESSAGES&rate=$RATE&threads=2&perTransaction=1" > "$OUT/outbox-$n.json"
  curl -s -m 1200 -u "$AUTH" -X POST \
    "$OUTSIDE_BASE/api/admin/bench/referrals?count=$REFERRALS&threads=2&targetPort=$PORT" > "$OUT/referrals-$n.json" 2>&1 &
  BACKGROUND+=($!)
  REFERRAL_CLIENTS+=($!)
  if [ "$FFT" -gt 0 ]; then
    curl -s -m 600 -u "$AUTH" -X POST \
      "$OUTSIDE_BASE/api/admin/bench/fft?count=$FFT&threads=2&firstPatient=$((n * 1000))&targetPort=$PORT" \
      > "$OUT/fft-$n.json" 2>&1 &
    BACKGROUND+=($!)
  fi
  start_probes "$n" > "$OUT/probes-$n.txt" &
  BACKGROUND+=($!)
  REFERRAL_CLIENTS+=($!)
}

# Timer probes due 5 to 45 s after they start, started one by one alongside the load; prints how many started.
start_probes() {
  local started=0 i body
  for ((i = 1; i <= TIMERS; i++)); do
    body="{\"variables\":{\"delay\":{\"value\":\"PT$((5 + i * 40 / TIMERS))S\",\"type\":\"String\"}},\"businessKey\":\"probe-$1-$i\"}"
    curl -fs -m 60 -u "$AUTH" -H 'Content-Type: application/json' -d "$body" \
      "$NODE/engine-rest/process-definition/key/ClusterTimerProbe/start" >/dev/null 2>&1 && started=$((started + 1))
    echo "$started" > "$OUT/probes-$1.txt.part"
  done
  rm -f "$OUT/probes-$1.txt.part"
  echo "$started"
}
probes_started() {
  local total=0 f
  for f in "$OUT"/probes-*.txt "$OUT"/probes-*.txt.part; do
    [ -f "$f" ] && total=$((total + $(cat "$f" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Waits for the outbox to empty, the probes to end and the referral clients (and probe starters) to return, then reconciles fault $1. An
# FFT client run whose conversations went down with a kill waits for counters the new process restarted: it is
# stopped (its conversations stay in the database, checked against their deadlines).
drain_and_reconcile() {
  local n="$1"
  wait_for_drain "$DRAIN" "${REFERRAL_CLIENTS[@]}" || say "gave up waiting after $DRAIN s"
  for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
  BACKGROUND=() REFERRAL_CLIENTS=()
  sleep 5  # the last receipts and replies
  local answered=0 f
  for f in "$OUT"/referrals-*.json "$OUT"/warmup.json; do
    [ -f "$f" ] && answered=$((answered + $(jq -r '.created // 0' "$f" 2>/dev/null || echo 0)))
  done
  answered=$((answered + FUZZ_REFERRALS_CREATED))
  curl -fs -u "$AUTH" "$OUTSIDE_BASE/api/admin/bench/cluster/received" > "$OUT/received-$n.tsv"
  {
    echo "Fault $n ($2), reconciled at $(date -u +%H:%M:%S); load average $(load_average)"
    curl -fs -u "$AUTH" -H 'Content-Type: text/plain' --data-binary "@$OUT/received-$n.tsv" \
      "$NODE/api/admin/bench/faults/reconcile?fhirRefused=$FUZZ_FHIR&hl7Refused=$FUZZ_HL7&textsSent=$FUZZ_TEXTS&referralsAnswered=$answered&probesStarted=$(probes_started)&smsInFlight=$SMS_IN_FLIGHT&mailInFlight=$MAIL_IN_FLIGHT" \
      || echo "RESULT: FAILED (the node did not answer the reconciliation)"
  } | tee "$OUT/reconciliation-$n.txt"
  grep -q '^RESULT: RECONCILED' "$OUT/reconciliation-$n.txt" || FAILED=1
}

# What the receivers took before the node died whose acceptance the ledger had not committed: the sends the
# restarted node may repeat (the hazard log's known limit for SMPP and SMTP). Read while the node is down.
in_flight_at_kill() {
  sql "select id from outbox_message where status not in ('SENT', 'DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE')" \
    > "$OUT/unaccepted-at-kill.txt"
  curl -fs -u "$AUTH" "$OUTSIDE_BASE/api/admin/bench/cluster/received" > "$OUT/received-at-kill.tsv"
}
count_in_flight() {
  curl -fs -u "$AUTH" "$NODE/api/admin/bench/cluster/ledger" > "$OUT/ledger-after-restart.tsv"
  local stray
  stray="$(awk -v unaccepted="$OUT/unaccepted-at-kill.txt" -v report=stray -f "$ROOT/ops/bench/reconcile.awk" \
    "$OUT/ledger-after-restart.tsv" "$OUT/received-at-kill.tsv")"
  SMS_IN_FLIGHT="$(sed -n 's/^sms\t//p' <<< "$stray")"
  SMS_IN_FLIGHT="${SMS_IN_FLIGHT:-0}"
  MAIL_IN_FLIGHT="$(sed -n 's/^social-care\t//p' <<< "$stray")"
  MAIL_IN_FLIGHT="${MAIL_IN_FLIGHT:-0}"
  say "received before the kill but not yet recorded accepted: $SMS_IN_FLIGHT texts, $MAIL_IN_FLIGHT mails"
}

wanted() { [[ ",$ONLY," == *",$1,"* ]]; }
FAILED=0
REFERRAL_CLIENTS=()
fresh_world

if wanted 1; then
  load_burst 1
  sleep 12
  kill -9 "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  say "fault 1: application killed with SIGKILL ($(sql "select status, count(*) from outbox_message group by 1 order by 1" | tr '\t\n' '= '))"
  in_flight_at_kill
  sleep 3
  start_app
  say "fault 1: application restarted"
  count_in_flight
  drain_and_reconcile 1 "SIGKILL and restart"
fi

if wanted 2; then
  load_burst 2
  sleep 10
  "$ROOT/ops/cluster/artemis.sh" stop > /dev/null
  say "fault 2: Artemis stopped"
  sleep 10
  "$ROOT/ops/cluster/artemis.sh" start > /dev/null
  say "fault 2: Artemis started again"
  drain_and_reconcile 2 "broker stopped and started"
fi

if wanted 3; then
  load_burst 3
  sleep 10
  "$ROOT/ops/postgres/stop.sh" > /dev/null
  say "fault 3: PostgreSQL stopped (fast) for $PG_DOWN s"
  sleep "$PG_DOWN"
  "$ROOT/ops/postgres/start.sh" > /dev/null
  say "fault 3: PostgreSQL started again; the application was not restarted"
  kill -0 "$APP_PID" 2>/dev/null || { say "fault 3: the application died"; FAILED=1; }
  drain_and_reconcile 3 "PostgreSQL down ${PG_DOWN}s"
fi

set_faults() { # mode seconds
  local channel mode
  for channel in gp social-care sms; do
    mode="$1"
    if [ "$mode" = errors ]; then
      case "$channel" in gp) mode=http-500 ;; social-care) mode=smtp-451 ;; sms) mode=smpp-system-error ;; esac
    fi
    curl -fs -u "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"channel\":\"$channel\",\"mode\":\"$mode\",\"forSeconds\":$2,\"hangSeconds\":$2}" \
      "$OUTSIDE_BASE/sandbox/api/faults" > /dev/null
  done
}
if wanted 4; then
  set_faults errors "$CHANNEL_SECONDS"
  say "fault 4: MESH answers 500, SMTP 451, SMPP system error, for $CHANNEL_SECONDS s"
  load_burst 4
  sleep "$CHANNEL_SECONDS"
  set_faults no-answer "$CHANNEL_SECONDS"
  say "fault 4: MESH, SMTP and SMPP hold every request and drop it unanswered, for $CHANNEL_SECONDS s"
  load_burst 4
  sleep "$CHANNEL_SECONDS"
  say "fault 4: the simulators answer again"
  drain_and_reconcile 4 "channels failing, then not answering"
fi

if wanted 5; then
  load_burst 5
  say "fault 5: $MALFORMED malformed inputs among $VALID valid ones (seed $SEED)"
  curl -s -m 1800 -u "$AUTH" -X POST \
    "$OUTSIDE_BASE/api/admin/bench/fuzz?malformed=$MALFORMED&valid=$VALID&seed=$SEED&threads=4&targetPort=$PORT&mllpPort=$MLLP_PORT" \
    > "$OUT/fuzz.json" || { say "fault 5: the fuzz run did not answer within 30 minutes"; FAILED=1; }
  FUZZ_FHIR="$(jq -r '.fhirRefused // 0' "$OUT/fuzz.json" 2>/dev/null || echo 0)"
  FUZZ_HL7="$(jq -r '.hl7Refused // 0' "$OUT/fuzz.json" 2>/dev/null || echo 0)"
  FUZZ_TEXTS="$(jq -r '.textsSent // 0' "$OUT/fuzz.json" 2>/dev/null || echo 0)"
  FUZZ_REFERRALS_CREATED="$(jq -r '.referralsCreated // 0' "$OUT/fuzz.json" 2>/dev/null || echo 0)"
  { jq -c 'del(.unexpectedSamples)' "$OUT/fuzz.json" 2>/dev/null || true; } | tee -a "$OUT/events.txt"
  { jq -r '.unexpectedSamples[]? | "  unexpected answer: " + .' "$OUT/fuzz.json" 2>/dev/null || true; } \
    | tee -a "$OUT/events.txt"
  [ "$(jq -r '.unexpectedAnswers // 1' "$OUT/fuzz.json" 2>/dev/null || echo 1)" = 0 ] || { say "fault 5: some inputs got the wrong answer"; FAILED=1; }
  drain_and_reconcile 5 "malformed inputs"
fi

echo "Results in $OUT"
if [ "$FAILED" = 1 ]; then
  echo "FAULTS: RECONCILIATION FAILED"
  exit 1
fi
echo "FAULTS: every fault reconciled, nothing lost, nothing twice"

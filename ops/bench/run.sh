#!/usr/bin/env bash
# Delivery backbone benchmark: pushes messages through outbox -> Artemis -> Camel -> simulators on the postgres
# profile and prints, per offered rate: messages/s achieved, p50/p95/p99/max latency from outbox write to the
# receiver's acceptance, peak heap (from the GC log) and RSS, and CPU milliseconds per message of the application,
# the simulators' JVM and PostgreSQL. Not a test: run it by hand on an otherwise idle machine. It measures the JIT-
# compiled steady state (a server runs for days): the warm-up runs until throughput stops rising, and the summary
# gives each warm-up round's rate, the first being the cold start.
#
#   ops/bench/run.sh                       50,000 messages at 1,000 messages/s offered (open loop)
#   ops/bench/run.sh 50000 1000            the same
#   ops/bench/run.sh 50000 0               flat out (writers as fast as the database commits)
#   ops/bench/run.sh 50000 400,700,1000,1300   a ramp: each rate for BENCH_STEP_SECONDS (30) seconds
#                                          (at most 50,000 messages a step), to find the knee
#   ops/bench/run.sh 20000 1000 sms        one channel; channels as a comma list, repeated for a mix
#
# Environment: BENCH_CHANNELS (the mix when not given as third argument; default England's), BENCH_TX (messages per
# outbox transaction, 1 = one process step sending one message), BENCH_THREADS (writer threads, 8),
# BENCH_CONSUMERS (consumers per channel queue without its own number, 8), BENCH_SMS_CONSUMERS and BENCH_GP_CONSUMERS
# (the sms and gp queues' own numbers; default: the application's, 16 and 8), BENCH_HEAP (-Xmx, 1g), BENCH_GC (G1; Parallel, Serial), BENCH_PORT
# (18080), PGPORT,
# BENCH_WARMUP (at most this many messages, flat out in rounds of BENCH_WARMUP_ROUND (10,000), before measuring, until
# a round is under 5% faster than the one before: 50000; 0 measures from a cold start), BENCH_JAVA_OPTS (extra JVM options), BENCH_JAR (the jar to run),
# BENCH_OUTSIDE (separate: simulators in a second JVM, the default; inside: in the application's JVM, see outside.sh),
# BENCH_OUTSIDE_DB (memory: the simulators keep what they received in an in-memory H2, the default here; file: as the
# sandbox does).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-50000}"
# Default mix as England's day: FFT texts about half, GP messages (discharge summaries, referral outcomes)
# about 40%, council social care mail about a tenth.
DEFAULT_MIX="sms,gp,sms,gp,sms,gp,sms,gp,sms,social-care"
if [[ "${2:-}" =~ ^[0-9]+(,[0-9]+)*$ ]]; then
  RATES="$2"
  CHANNELS="${3:-${BENCH_CHANNELS:-$DEFAULT_MIX}}"
else
  # the older form: run.sh COUNT CHANNELS, with the rate from BENCH_RATE
  RATES="${BENCH_RATE:-1000}"
  CHANNELS="${2:-${BENCH_CHANNELS:-$DEFAULT_MIX}}"
fi
PER_TX="${BENCH_TX:-1}"
THREADS="${BENCH_THREADS:-8}"
CONSUMERS="${BENCH_CONSUMERS:-8}"
# A channel's own consumer count, when given (else the application's default for that channel, or CONSUMERS).
CHANNEL_CONSUMERS=()
[ -z "${BENCH_SMS_CONSUMERS:-}" ] || CHANNEL_CONSUMERS+=(--handover.delivery.sms.concurrent-consumers="$BENCH_SMS_CONSUMERS")
[ -z "${BENCH_GP_CONSUMERS:-}" ] || CHANNEL_CONSUMERS+=(--handover.delivery.gp.concurrent-consumers="$BENCH_GP_CONSUMERS")
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
STEP_SECONDS="${BENCH_STEP_SECONDS:-30}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/$STAMP"
# two runs started in the same second (side by side, before and after) must not share a folder
[ ! -e "$OUT" ] || OUT="$OUT-$$"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"

JAR="${BENCH_JAR:-$ROOT/app/target/handover.jar}"
# The simulators' own bookkeeping stands for nothing of Handover's: in memory, 50,000 messages fit their heap.
export BENCH_OUTSIDE_DB="${BENCH_OUTSIDE_DB:-memory}"
# shellcheck source=outside.sh
source "$ROOT/ops/bench/outside.sh"
if [ ! -f "$JAR" ]; then
  echo "Building the application jar..."
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi

echo "Starting PostgreSQL (fresh cluster)..."
"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
PG_OUT="$("$ROOT/ops/postgres/start.sh")"
echo "$PG_OUT" > "$OUT/postgres.txt"
JDBC_URL="$(echo "$PG_OUT" | sed -n 's/^JDBC URL: *//p')"
PG_PORT_USED="${JDBC_URL##*:}"; PG_PORT_USED="${PG_PORT_USED%%/*}"

APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  stop_outside
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

require_free_ports "$PORT"
start_outside "$PORT"

echo "Starting Handover (sandbox,postgres; heap $HEAP, ${BENCH_GC:-G1} GC; $CONSUMERS consumers per queue)..."
GC_LOG="$OUT/gc-app.log"
# shellcheck disable=SC2086
HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+Use"${BENCH_GC:-G1}"GC -Xlog:gc:file="$GC_LOG" \
  ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
  --spring.profiles.active=sandbox,postgres \
  --server.port="$PORT" \
  --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
  --spring.datasource.password="$HANDOVER_DB_PASSWORD" \
  --spring.datasource.hikari.maximum-pool-size=40 \
  "${OUTSIDE_ARGS[@]}" --handover.adt.mllp-port=$((PORT + 3)) \
  --handover.delivery.concurrent-consumers="$CONSUMERS" "${CHANNEL_CONSUMERS[@]}" \
  --handover.bench.enabled=true \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
AUTH="admin:admin"
await_ready "$BASE" "$APP_PID" "$OUT/app.log"
# Let the SMPP client bind before the load starts.
sleep 5

# Starts a run of $1 messages offered at $2 per second (0 = flat out); prints its run id.
start_load() {
  curl -fs -u "$AUTH" -X POST \
    "$BASE/api/admin/bench/outbox?count=$1&rate=$2&channels=$CHANNELS&threads=$THREADS&perTransaction=$PER_TX" \
    | sed -n 's/.*"runId":"\([^"]*\)".*/\1/p'
}

accepted_of() {
  curl -fs -u "$AUTH" "$BASE/api/admin/bench/progress?runId=$1" | sed -n 's/.*"accepted":\([0-9]*\).*/\1/p'
}

# Waits until run $1 has $2 messages accepted, sampling RSS into PEAK_RSS_KB; gives up after 120 s without progress.
follow() {
  local accepted=0 last=-1 still=$SECONDS started=$SECONDS rss
  PEAK_RSS_KB=0
  while [ "$accepted" -lt "$2" ]; do
    sleep 1
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$PEAK_RSS_KB" ] && PEAK_RSS_KB=$rss
    accepted=$(accepted_of "$1"); accepted=${accepted:-0}
    printf '\r  accepted %d / %d  (%ds)   ' "$accepted" "$2" $((SECONDS - started))
    [ "$accepted" -ne "$last" ] && { last=$accepted; still=$SECONDS; }
    if [ $((SECONDS - still)) -gt 120 ]; then echo; echo "  no progress for 120 s: giving up on this run"; return 1; fi
  done
  echo
}

# Peak heap in use before a collection (MiB), over the GC log's lines after line $1.
peak_heap_since() {
  tail -n +"$(($1 + 1))" "$GC_LOG" 2>/dev/null \
    | sed -n 's/.* \([0-9]*\)M->[0-9]*M([0-9]*M).*/\1/p' | sort -n | tail -1
}

# The measured part is the JIT-compiled steady state, as a server that runs for days is: on 2 cores C2 compiles for
# over a minute, and a measured part that starts cold reads the compiler, not the backbone. Warm-up rounds of
# BENCH_WARMUP_ROUND messages flat out until a round is under 5% faster than the one before (at least 3 rounds), at
# most BENCH_WARMUP messages in all; every round's rate is reported, the first as the cold start.
WARMUP="${BENCH_WARMUP:-50000}"
WARMUP_ROUND="${BENCH_WARMUP_ROUND:-10000}"
WARMUP_RATES=()
warm_up() {
  local warmed=0 round previous=0 rate run
  [ "$WARMUP" -gt 0 ] || return 0
  echo "Warming up (rounds of $WARMUP_ROUND messages flat out until the rate stops rising, $WARMUP at most; not measured)..."
  while [ "$warmed" -lt "$WARMUP" ]; do
    round=$(( WARMUP - warmed < WARMUP_ROUND ? WARMUP - warmed : WARMUP_ROUND ))
    run="$(start_load "$round" 0)"
    follow "$run" "$round" || return 0
    rate=$(curl -fs -u "$AUTH" "$BASE/api/admin/bench/report?runId=$run" | sed -n 's/.*"messagesPerSecond":\([0-9]*\).*/\1/p')
    rate=${rate:-0}
    WARMUP_RATES+=("$rate")
    warmed=$((warmed + round))
    echo "  warm-up round ${#WARMUP_RATES[@]}: $round messages at $rate/s"
    if [ "${#WARMUP_RATES[@]}" -ge 3 ] && [ $((rate * 100)) -lt $((previous * 105)) ]; then
      break
    fi
    previous=$rate
  done
}
warm_up

{
  echo "Handover delivery backbone benchmark, $STAMP"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
  echo "jar: $JAR"
  echo "channels $CHANNELS; $PER_TX message(s) per outbox transaction; writer threads $THREADS;" \
    "consumers/queue $CONSUMERS ${CHANNEL_CONSUMERS[*]}; heap limit $HEAP, ${BENCH_GC:-G1} GC; simulators: $OUTSIDE_MODE"
  if [ "${#WARMUP_RATES[@]}" -gt 0 ]; then
    echo "warm-up, flat out, $WARMUP_ROUND messages a round: ${WARMUP_RATES[*]} messages/s" \
      "(cold start: the first round at ${WARMUP_RATES[0]}/s)"
  else
    echo "no warm-up: the measured part includes the JIT's compiling"
  fi
} | tee "$OUT/summary.txt"

IFS=, read -r -a RATE_LIST <<< "$RATES"
for RATE in "${RATE_LIST[@]}"; do
  N="$COUNT"
  if [ "${#RATE_LIST[@]}" -gt 1 ] && [ "$RATE" -gt 0 ] && [ $((RATE * STEP_SECONDS)) -lt "$N" ]; then
    N=$((RATE * STEP_SECONDS))
  fi
  GC_LINES=$(wc -l < "$GC_LOG" 2>/dev/null || echo 0)
  CPU_BEFORE=$(cpu_ticks "$APP_PID"); OUTSIDE_BEFORE=$(cpu_ticks "$OUTSIDE_PID"); PG_BEFORE=$(postgres_ticks)
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  statements_reset "$PG_PORT_USED"
  echo "Offering $N messages at ${RATE}/s (0 = flat out)..."
  RUN_ID="$(start_load "$N" "$RATE")"
  follow "$RUN_ID" "$N" || true
  CPU=$(( $(cpu_ticks "$APP_PID") - CPU_BEFORE )); OUTSIDE=$(( $(cpu_ticks "$OUTSIDE_PID") - OUTSIDE_BEFORE ))
  PG=$(( $(postgres_ticks) - PG_BEFORE ))
  LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
  STATEMENTS=$(statements_report "$PG_PORT_USED" "$OUT/statements-$RATE.txt")
  REPORT=$(curl -fs -u "$AUTH" "$BASE/api/admin/bench/report?runId=$RUN_ID")
  echo "$REPORT" > "$OUT/report-$RATE.json"
  TOTAL_MS=$(awk -v a="$(ms_per "$CPU" "$N")" -v b="$(ms_per "$OUTSIDE" "$N")" -v c="$(ms_per "$PG" "$N")" \
    'BEGIN { printf "%.2f", a + b + c }')
  {
    echo "--- offered ${RATE}/s, $N messages"
    echo "report: $REPORT"
    echo "achieved: $(echo "$REPORT" | sed -n 's/.*"messagesPerSecond":\([0-9]*\).*/\1/p') messages/s;" \
      "latency ms (write to acceptance): $(echo "$REPORT" | sed -n 's/.*"latencyMillis":{\([^}]*\)}.*/\1/p');" \
      "writers at most $(echo "$REPORT" | sed -n 's/.*"writersMaxBehindMillis":\([0-9-]*\).*/\1/p') ms behind schedule"
    echo "latency by stage (ms): $(echo "$REPORT" | grep -o '"stageMillis":{[^}]*}[^}]*}[^}]*}' | cut -d: -f2-);" \
      "by channel: $(echo "$REPORT" | grep -o '"latencyMillisByChannel":{[^}]*}[^}]*}[^}]*}[^}]*}' | cut -d: -f2-)"
    echo "peak heap in use (GC log): $(peak_heap_since "$GC_LINES") MiB; peak RSS $((PEAK_RSS_KB / 1024)) MiB"
    echo "CPU ms per message: application $(ms_per "$CPU" "$N"), simulators $(ms_per "$OUTSIDE" "$N")," \
      "PostgreSQL $(ms_per "$PG" "$N"), total $TOTAL_MS" \
      "(application $(seconds_of "$CPU") s, simulators $(seconds_of "$OUTSIDE") s, PostgreSQL $(seconds_of "$PG") s)"
    [ -z "$STATEMENTS" ] || echo "SQL statements: $STATEMENTS in all, $(awk -v s="$STATEMENTS" -v n="$N" \
      'BEGIN { printf "%.2f", s / n }') per message, the application's background work included" \
      "(by statement: statements-$RATE.txt)"
    echo "load average (1, 5, 15 min) at start: $LOAD_BEFORE; at end: $LOAD_AFTER"
  } | tee -a "$OUT/summary.txt"
  sleep 3
done

HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
SUMMARY=$(curl -fs -u "$AUTH" "$OUTSIDE_BASE/sandbox/api/summary")
echo "$SUMMARY" > "$OUT/simulators.json"
{
  echo "--- whole run"
  echo "application peak RSS (VmHWM) $((HWM_KB / 1024)) MiB; peak heap in use $(peak_heap_since 0) MiB (limit $HEAP)"
  echo "simulators received (warm-up included): $SUMMARY"
} | tee -a "$OUT/summary.txt"
echo "Results in $OUT"

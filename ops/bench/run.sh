#!/usr/bin/env bash
# Delivery backbone benchmark: pushes N messages (default 50,000) through outbox -> Artemis -> Camel -> simulators
# on the postgres profile, and prints messages/s, p50/p95/p99 latency (outbox write to receiver acceptance),
# peak RSS and peak heap. Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/run.sh [count] [channels]      e.g. ops/bench/run.sh 50000 sms,gp,social-care (equal thirds)
#
# Environment: BENCH_THREADS (writer threads, 4), BENCH_RATE (messages/s offered, 0 = flat out),
# BENCH_CONSUMERS (consumers per channel queue, 8), BENCH_HEAP (-Xmx, 1g), BENCH_PORT (18080),
# BENCH_WARMUP (messages before measuring, 5000), BENCH_JAVA_OPTS (extra JVM options), BENCH_JAR (the jar to run),
# BENCH_OUTSIDE (separate: simulators in a second JVM, the default; inside: in the application's JVM, see outside.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-50000}"
# Default mix as England's day: FFT texts about half, GP messages (discharge summaries, referral outcomes)
# about 40%, council social care mail about a tenth.
CHANNELS="${2:-sms,gp,sms,gp,sms,gp,sms,gp,sms,social-care}"
THREADS="${BENCH_THREADS:-4}"
RATE="${BENCH_RATE:-0}"
CONSUMERS="${BENCH_CONSUMERS:-8}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"

JAR="${BENCH_JAR:-$ROOT/app/target/handover.jar}"
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

APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  stop_outside
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_outside "$PORT"

echo "Starting Handover (sandbox,postgres; heap $HEAP; $CONSUMERS consumers per queue)..."
# shellcheck disable=SC2086
HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
  --spring.profiles.active=sandbox,postgres \
  --server.port="$PORT" \
  --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
  --spring.datasource.password="$HANDOVER_DB_PASSWORD" \
  --spring.datasource.hikari.maximum-pool-size=40 \
  "${OUTSIDE_ARGS[@]}" --handover.adt.mllp-port=$((PORT + 3)) \
  --handover.delivery.concurrent-consumers="$CONSUMERS" \
  --handover.bench.enabled=true \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
AUTH="admin:admin"
await_ready "$BASE" "$APP_PID" "$OUT/app.log"
# Let the SMPP client bind before the load starts.
sleep 5

PEAK_RSS_KB=0
PEAK_HEAP=0
sample() {
  local rss heap
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
  [ "${rss:-0}" -gt "$PEAK_RSS_KB" ] && PEAK_RSS_KB=$rss
  heap=$(curl -fs -u "$AUTH" "$BASE/actuator/metrics/jvm.memory.used?tag=area:heap" 2>/dev/null \
    | sed -n 's/.*"value":\([0-9.E]*\).*/\1/p' | awk '{printf "%d", $1}')
  [ "${heap:-0}" -gt "$PEAK_HEAP" ] && PEAK_HEAP=$heap
  return 0
}

WARMUP="${BENCH_WARMUP:-5000}"
if [ "$WARMUP" -gt 0 ]; then
  echo "Warming up the JVM with $WARMUP messages (not measured)..."
  WARM_ID=$(curl -fs -u "$AUTH" -X POST "$BASE/api/admin/bench/outbox?count=$WARMUP&channels=$CHANNELS&threads=$THREADS" \
    | sed -n 's/.*"runId":"\([^"]*\)".*/\1/p')
  for _ in $(seq 1 600); do
    DONE=$(curl -fs -u "$AUTH" "$BASE/api/admin/bench/progress?runId=$WARM_ID" | sed -n 's/.*"accepted":\([0-9]*\).*/\1/p')
    [ "${DONE:-0}" -ge "$WARMUP" ] && break
    sleep 1
  done
fi

CPU_BEFORE=$(cpu_ticks "$APP_PID"); OUTSIDE_BEFORE=$(cpu_ticks "$OUTSIDE_PID"); PG_BEFORE=$(postgres_ticks)
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Writing $COUNT messages to the outbox over $CHANNELS ($THREADS writer threads, rate ${RATE:-0}/s)..."
curl -fs -u "$AUTH" -X POST "$BASE/api/admin/bench/outbox?count=$COUNT&channels=$CHANNELS&threads=$THREADS&rate=$RATE" \
  > "$OUT/load.json" &
LOAD_PID=$!
sleep 1
RUN_ID=""
START=$(date +%s)
while :; do
  sample
  if [ -z "$RUN_ID" ] && [ -s "$OUT/load.json" ]; then
    RUN_ID=$(sed -n 's/.*"runId":"\([^"]*\)".*/\1/p' "$OUT/load.json")
  fi
  if [ -n "$RUN_ID" ]; then
    PROGRESS=$(curl -fs -u "$AUTH" "$BASE/api/admin/bench/progress?runId=$RUN_ID")
    ACCEPTED=$(echo "$PROGRESS" | sed -n 's/.*"accepted":\([0-9]*\).*/\1/p')
    ACCEPTED=${ACCEPTED:-0}
    printf '\r  accepted %d / %d  (%ds)   ' "$ACCEPTED" "$COUNT" $(( $(date +%s) - START ))
    if [ "$ACCEPTED" -ge "$COUNT" ]; then break; fi
  else
    printf '\r  writing... (%ds)   ' $(( $(date +%s) - START ))
  fi
  if [ $(( $(date +%s) - START )) -gt 1800 ]; then echo; echo "Gave up after 30 minutes"; break; fi
  sleep 2
done
echo
wait "$LOAD_PID" || true
sample
CPU_AFTER=$(cpu_ticks "$APP_PID"); OUTSIDE_AFTER=$(cpu_ticks "$OUTSIDE_PID"); PG_AFTER=$(postgres_ticks)
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
REPORT=$(curl -fs -u "$AUTH" "$BASE/api/admin/bench/report?runId=$RUN_ID")
SUMMARY=$(curl -fs -u "$AUTH" "$OUTSIDE_BASE/sandbox/api/summary")
echo "$REPORT" > "$OUT/report.json"
echo "$SUMMARY" > "$OUT/simulators.json"
{
  echo "Handover delivery backbone benchmark, $STAMP"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
  echo "messages: $COUNT over $CHANNELS; writer threads $THREADS; consumers/queue $CONSUMERS; heap limit $HEAP"
  echo "load: $(cat "$OUT/load.json")"
  echo "report: $REPORT"
  echo "peak RSS (VmHWM): $((HWM_KB / 1024)) MiB; peak heap used (sampled): $((PEAK_HEAP / 1024 / 1024)) MiB"
  echo "application CPU during the run: $(seconds_of $((CPU_AFTER - CPU_BEFORE))) s," \
    "$(ms_per $((CPU_AFTER - CPU_BEFORE)) "$COUNT") ms per message (simulators: $OUTSIDE_MODE)"
  [ "$OUTSIDE_MODE" = inside ] || echo "simulators' JVM CPU: $(seconds_of $((OUTSIDE_AFTER - OUTSIDE_BEFORE))) s," \
    "$(ms_per $((OUTSIDE_AFTER - OUTSIDE_BEFORE)) "$COUNT") ms per message"
  echo "PostgreSQL CPU: $(seconds_of $((PG_AFTER - PG_BEFORE))) s, $(ms_per $((PG_AFTER - PG_BEFORE)) "$COUNT") ms per message"
  echo "load average (1, 5, 15 min) at start: $LOAD_BEFORE; at end: $LOAD_AFTER"
  echo "simulators: $SUMMARY"
} | tee "$OUT/summary.txt"
echo "Results in $OUT"

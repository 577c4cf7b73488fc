#!/usr/bin/env bash
# Referral intake benchmark: posts N synthetic FHIR referrals (default 20,000) concurrently to a Handover node on
# the postgres profile, each answered 201 only once stored, routed by the rules and waiting at an open triage task.
# Prints referrals/s and p50/p95/p99 intake latency. Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/referrals.sh [count] [client threads]
#
# Environment: BENCH_HEAP (1g), BENCH_PORT (18080), BENCH_WARMUP (2000), BENCH_JAVA_OPTS, BENCH_JAR (the jar to run),
# BENCH_OUTSIDE (separate: the HTTP client and the simulators in a second JVM, the default; inside: in the
# application's JVM, see outside.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-20000}"
THREADS="${2:-8}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
WARMUP="${BENCH_WARMUP:-2000}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/referrals-$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
JAR="${BENCH_JAR:-$ROOT/app/target/handover.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
# shellcheck source=outside.sh
source "$ROOT/ops/bench/outside.sh"
# shellcheck source=lib.sh
source "$ROOT/ops/bench/lib.sh"

"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
PG_PORT_USED="${JDBC_URL##*:}"; PG_PORT_USED="${PG_PORT_USED%%/*}"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  stop_outside
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_outside "$PORT"
CLIENT="$OUTSIDE_BASE/api/admin/bench/referrals?threads=$THREADS&targetPort=$PORT"

# shellcheck disable=SC2086
HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
  --spring.profiles.active=sandbox,postgres --server.port="$PORT" \
  --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
  --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=40 \
  --server.tomcat.threads.max=64 \
  "${OUTSIDE_ARGS[@]}" --handover.adt.mllp-port=$((PORT + 3)) --handover.bench.enabled=true \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
await_ready "$BASE" "$APP_PID" "$OUT/app.log"
sleep 3
echo "Warming up with $WARMUP referrals (not measured)..."
curl -fs -u admin:admin -X POST "$CLIENT&count=$WARMUP" > "$OUT/warmup.json"
echo "Posting $COUNT referrals from $THREADS client threads..."
statements_reset "$PG_PORT_USED"
[ -z "${BENCH_PROFILE:-}" ] || jcmd "$APP_PID" JFR.start name=measured settings=profile >/dev/null
thread_ticks "$APP_PID" > "$OUT/threads-before.txt"
CPU_BEFORE=$(cpu_ticks "$APP_PID"); OUTSIDE_BEFORE=$(cpu_ticks "$OUTSIDE_PID"); PG_BEFORE=$(postgres_ticks)
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
curl -fs -u admin:admin -X POST "$CLIENT&count=$COUNT" > "$OUT/report.json"
CPU_AFTER=$(cpu_ticks "$APP_PID"); OUTSIDE_AFTER=$(cpu_ticks "$OUTSIDE_PID"); PG_AFTER=$(postgres_ticks)
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
thread_ticks "$APP_PID" > "$OUT/threads-after.txt"
[ -z "${BENCH_PROFILE:-}" ] || jcmd "$APP_PID" JFR.stop name=measured filename="$OUT/measured.jfr" >/dev/null
STATEMENTS=$(statements_report "$PG_PORT_USED" "$OUT/statements.txt")
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
TASKS=$(curl -fs -u admin:admin "$BASE/engine-rest/task/count?taskDefinitionKey=UserTask_TriageReferral")
{
  echo "Handover referral intake benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; client threads $THREADS" \
    "(client and simulators: $OUTSIDE_MODE)"
  echo "warm-up (cold start): $(cat "$OUT/warmup.json")"
  echo "report: $(cat "$OUT/report.json")"
  echo "open triage tasks in the application (warm-up included): $TASKS"
  echo "peak RSS (VmHWM): $((HWM_KB / 1024)) MiB; application CPU: $(seconds_of $((CPU_AFTER - CPU_BEFORE))) s," \
    "$(ms_per $((CPU_AFTER - CPU_BEFORE)) "$COUNT") ms per referral"
  [ "$OUTSIDE_MODE" = inside ] || echo "client and simulators' JVM CPU: $(seconds_of $((OUTSIDE_AFTER - OUTSIDE_BEFORE))) s"
  echo "PostgreSQL CPU: $(seconds_of $((PG_AFTER - PG_BEFORE))) s, $(ms_per $((PG_AFTER - PG_BEFORE)) "$COUNT") ms per referral"
  [ "$OUTSIDE_MODE" = inside ] || echo "all three (application, client's JVM, PostgreSQL):" \
    "$(ms_per $((CPU_AFTER - CPU_BEFORE + OUTSIDE_AFTER - OUTSIDE_BEFORE + PG_AFTER - PG_BEFORE)) "$COUNT") ms per referral"
  [ -z "$STATEMENTS" ] || echo "SQL statements: $STATEMENTS in all, $(awk -v s="$STATEMENTS" -v n="$COUNT" \
    'BEGIN { printf "%.1f", s / n }') per referral (by statement: statements.txt)"
  echo "load average (1, 5, 15 min) at start: $LOAD_BEFORE; at end: $LOAD_AFTER"
  echo "application CPU by thread (kinds of thread, the most busy first; C2/C1 CompilerThread is the JIT):"
  thread_delta "$OUT/threads-before.txt" "$OUT/threads-after.txt" "$COUNT" referral
} | tee "$OUT/summary.txt"

#!/usr/bin/env bash
# Referral intake benchmark: posts N synthetic FHIR referrals (default 20,000) concurrently to a Handover node on
# the postgres profile, each answered 201 only once stored, routed by the rules and waiting at an open triage task.
# Prints referrals/s and p50/p95/p99 intake latency. Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/referrals.sh [count] [client threads]
#
# Warm-up: on 2 cores the JVM's JIT compilers were still a fifth of the application's CPU after 2,000 referrals (the
# old default), so the figures measured the compilers as well. The warm-up now goes in rounds of 2,000 until the JIT
# takes under 5% of the application's CPU in a round (at most BENCH_WARMUP, 20,000), and the summary shows each round:
# the first is the cold start.
#
# Environment: BENCH_HEAP (1g), BENCH_PORT (18080), BENCH_WARMUP (20000, the most), BENCH_WARMUP_ROUND (2000),
# BENCH_WARMUP_JIT_PERCENT (5), BENCH_PROFILE (set: a flight recording of the measured part, measured.jfr),
# BENCH_PREFER (minimal: the client sends Prefer: return=minimal and gets 201 without the resource), BENCH_JAVA_OPTS,
# BENCH_JAR (the jar to run),
# BENCH_OUTSIDE (separate: the HTTP client and the simulators in a second JVM, the default; inside: in the
# application's JVM, see outside.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-20000}"
THREADS="${2:-8}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
WARMUP="${BENCH_WARMUP:-20000}"
WARMUP_ROUND="${BENCH_WARMUP_ROUND:-2000}"
WARMUP_JIT_PERCENT="${BENCH_WARMUP_JIT_PERCENT:-5}"
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

# CPU ticks of the JVM $1's JIT compiler threads (C1 and C2).
jit_ticks() {
  thread_ticks "$1" | awk -F'\t' '/CompilerThre/ {t += $2} END {print t + 0}'
}

# Warms up in rounds of WARMUP_ROUND referrals until the JIT compilers took less than WARMUP_JIT_PERCENT of the
# application's CPU in a round, or WARMUP referrals in all. On 2 cores the JIT is still compiling long after the first
# thousands of requests: with 2,000 referrals of warm-up it was a fifth of the application's CPU in the measured part.
warm_up() {
  local warmed=0 round=0 n app_before jit_before app_after jit_after
  echo "Warming up: rounds of $WARMUP_ROUND referrals until the JIT takes under $WARMUP_JIT_PERCENT% of the" \
    "application's CPU, at most $WARMUP (not measured)..."
  : > "$OUT/warmup.txt"
  while [ "$warmed" -lt "$WARMUP" ]; do
    n=$((WARMUP - warmed < WARMUP_ROUND ? WARMUP - warmed : WARMUP_ROUND))
    round=$((round + 1))
    app_before=$(cpu_ticks "$APP_PID"); jit_before=$(jit_ticks "$APP_PID")
    curl -fs -u admin:admin -X POST "$CLIENT&count=$n" > "$OUT/warmup-$round.json"
    app_after=$(cpu_ticks "$APP_PID"); jit_after=$(jit_ticks "$APP_PID")
    warmed=$((warmed + n))
    local percent=$(( (jit_after - jit_before) * 100 / (app_after - app_before > 0 ? app_after - app_before : 1) ))
    echo "  round $round ($warmed referrals): $(sed 's/.*"referralsPerSecond":\([0-9]*\).*/\1/' "$OUT/warmup-$round.json")/s," \
      "application $(ms_per $((app_after - app_before)) "$n") ms per referral, of which JIT" \
      "$(ms_per $((jit_after - jit_before)) "$n") ms ($percent%)" | tee -a "$OUT/warmup.txt"
    [ "$percent" -ge "$WARMUP_JIT_PERCENT" ] || break
  done
  cp "$OUT/warmup-1.json" "$OUT/warmup.json"
}

start_outside "$PORT"
CLIENT="$OUTSIDE_BASE/api/admin/bench/referrals?threads=$THREADS&targetPort=$PORT"
[ "${BENCH_PREFER:-}" != minimal ] || CLIENT="$CLIENT&minimal=true"

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
warm_up
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
    "(client and simulators: $OUTSIDE_MODE)$([ "${BENCH_PREFER:-}" != minimal ] || echo "; Prefer: return=minimal")"
  echo "cold start (first warm-up round): $(cat "$OUT/warmup.json")"
  echo "warm-up rounds:"; cat "$OUT/warmup.txt"
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

#!/usr/bin/env bash
# The staff's side of a national day in isolation: what a person's task list and task completion cost through
# /engine-rest. A fresh PostgreSQL, Handover on it (sandbox,postgres, the benchmark hooks, as national-day.sh starts
# it), the simulators in their own JVM (outside.sh); then referrals posted through FHIR until enough triage tasks are
# open, and the day's people (org.handover.bench.TaskLoad, a third JVM, the same StaffQueue as the national day) work
# the queues as the demo users over HTTP Basic: consultants triage (accept), booking administrators book, each queue
# first a warm-up (not measured), then COUNT completions measured with PEOPLE people at once, closed loop.
#
#   ops/bench/tasks.sh [count, 1000] [people, 16]
#
# Prints per queue completions/s, p50/p95/p99 of the completions' and the task lists' answers, CPU per completion of
# the application (in all, over its idle cost, by kind of thread: http-nio-* are the requests) and PostgreSQL,
# statements per completion by workflow (the most frequent in statements-<task>.txt; by PostgreSQL's time over the
# whole run, warm-up included, in statements-time.txt), the load average.
# Results: ops/bench/results/tasks-<time>/ (summary.txt, summary.csv, logs).
# Environment: BENCH_PORT (18080; the simulators +10..+13), PGPORT (55436), BENCH_WARMUP (300 tasks a queue),
# BENCH_HEAP, BENCH_JAR, BENCH_JAVA_OPTS, BENCH_PROFILE (set: a flight recording of the measured part, measured.jfr,
# and its hottest frames of the HTTP threads in http-frames.txt).
set -euo pipefail
COUNT="${1:-1000}"
PEOPLE="${2:-16}"
WARMUP="${BENCH_WARMUP:-300}"
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
bench_start_outside tasks --server.tomcat.threads.max=64
PG_PORT_USED="${JDBC_URL##*:}"; PG_PORT_USED="${PG_PORT_USED%%/*}"
REFERRALS=$((WARMUP + COUNT + 2 * PEOPLE))
echo "Handover (pid $APP_PID) on $BASE; posting $REFERRALS referrals for the triage queue..."
curl -fs -u admin:admin -X POST \
  "$OUTSIDE_BASE/api/admin/bench/referrals?threads=8&targetPort=$PORT&count=$REFERRALS" > "$OUT/referrals.json"
echo "  $(cat "$OUT/referrals.json")"
PROFILE_ARGS=()
if [ -n "${BENCH_PROFILE:-}" ]; then
  PROFILE_ARGS=(--profile-pid="$APP_PID")
fi
statements_reset "$PG_PORT_USED"
java -Xmx256m -cp "${BENCH_JAR:-$ROOT/app/target/handover.jar}" -Dloader.main=org.handover.bench.TaskLoad \
  org.springframework.boot.loader.launch.PropertiesLauncher --app="$BASE" --count="$COUNT" --people="$PEOPLE" \
  --warmup="$WARMUP" --jdbc-url="$JDBC_URL" --jdbc-user=handover --jdbc-password="$HANDOVER_DB_PASSWORD" \
  --out="$OUT" --app-pid="$APP_PID" --pg-pid="$(postmaster_pid)" "${PROFILE_ARGS[@]}" | tee "$OUT/report.txt"
# The warm-up's and both queues' statements by total time (PostgreSQL's side of a completion).
statements_timing "$PG_PORT_USED" "$((2 * (WARMUP + COUNT)))" "$OUT/statements-time.txt"
echo "Results: $OUT"

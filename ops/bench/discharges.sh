#!/usr/bin/env bash
# Discharge to Assess benchmark: publishes N synthetic PatientDischarged events (default 5,000) from client threads
# inside the application, each in its own transaction as the transfer-of-care intake does (the process starts and
# waits at "Confirm Discharge to Assess pathway" before the commit); then confirms every proposal as a coordinator
# (England's mix: ~half pathway 0, the rest notified) and waits until the councils' mail server has every notice.
# Prints discharges/s, confirmations/s, latency percentiles and the time to the last notice, on the postgres profile.
# Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/discharges.sh [count] [threads]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-5000}"
THREADS="${2:-8}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
WARMUP="${BENCH_WARMUP:-500}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/discharges-$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
JAR="$ROOT/app/target/handover.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC -jar "$JAR" \
  --spring.profiles.active=sandbox,postgres --server.port="$PORT" \
  --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
  --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=40 \
  --handover.smtp.port=$((PORT + 1)) --handover.smpp.port=$((PORT + 2)) --handover.adt.mllp-port=$((PORT + 3)) --handover.bench.enabled=true \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health/liveness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "Handover did not start; see $OUT/app.log"; exit 1; }
  sleep 1
done
sleep 3
echo "Warming up with $WARMUP discharges (not measured)..."
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/discharges?count=$WARMUP&threads=$THREADS" > "$OUT/warmup.json"
echo "Publishing $COUNT discharges from $THREADS threads, then confirming them..."
CPU_BEFORE=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/discharges?count=$COUNT&threads=$THREADS" > "$OUT/report.json"
CPU_AFTER=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
{
  echo "Handover Discharge to Assess benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; threads $THREADS (in the same JVM)"
  echo "report: $(cat "$OUT/report.json")"
  echo "peak RSS (VmHWM): $((HWM_KB / 1024)) MiB; application CPU: $(( (CPU_AFTER - CPU_BEFORE) / $(getconf CLK_TCK) )) s"
} | tee "$OUT/summary.txt"

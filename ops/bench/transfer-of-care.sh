#!/usr/bin/env bash
# Transfer-of-care benchmark: publishes N synthetic discharges (default 500) inside the application, completes every
# "Complete discharge summary" task as a ward administrator would (from client threads in the same JVM), and waits
# until the MESH simulator has accepted every ITK3 summary. Prints the time from summary completion to MESH delivery
# (p50/p95/p99/max, from the outbox's sent_at), summaries/s to MESH, CPU and peak RSS, on the postgres profile.
# Each summary is built and validated against the base FHIR STU3 specification before it is sent.
# Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/transfer-of-care.sh [count] [threads]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-500}"
THREADS="${2:-4}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
WARMUP="${BENCH_WARMUP:-50}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/transfer-of-care-$STAMP"
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
  --handover.smtp.port=$((PORT + 1)) --handover.smpp.port=$((PORT + 2)) --handover.bench.enabled=true \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health/liveness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "Handover did not start; see $OUT/app.log"; exit 1; }
  sleep 1
done
sleep 3
echo "Warming up with $WARMUP transfers (not measured)..."
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/transfers?count=$WARMUP&threads=$THREADS" > "$OUT/warmup.json"
echo "Publishing $COUNT discharges, completing their summaries from $THREADS threads, waiting for MESH..."
CPU_BEFORE=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/transfers?count=$COUNT&threads=$THREADS" > "$OUT/report.json"
CPU_AFTER=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
{
  echo "Handover transfer-of-care benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; threads $THREADS (in the same JVM)"
  echo "report: $(cat "$OUT/report.json")"
  echo "peak RSS (VmHWM): $((HWM_KB / 1024)) MiB; application CPU: $(( (CPU_AFTER - CPU_BEFORE) / $(getconf CLK_TCK) )) s"
} | tee "$OUT/summary.txt"

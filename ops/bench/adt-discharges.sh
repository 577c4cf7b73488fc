#!/usr/bin/env bash
# Hospital event intake benchmark: A01 + A03 pairs sent over MLLP by an external load generator (its own JVM, like
# a PAS) from N concurrent connections at rising target rates, each message answered only after its transaction
# committed (the A03 stores the episode, publishes PatientDischarged and EncounterEnded, starts Discharge to Assess
# in Camunda and schedules the FFT text in the same transaction). Prints per rate: discharges/s acknowledged AA,
# ACK latency p50/p95/p99 (all messages, and A03 alone), refusals, application CPU (% of one core and CPU ms per
# discharge) and RSS, on the postgres profile (zonky embedded PostgreSQL, ops/postgres).
# Not a test: run it by hand on an otherwise idle machine; the load generator shares the machine's cores.
#
#   ops/bench/adt-discharges.sh [rates, e.g. 50,100,200,300] [connections] [seconds per rate]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RATES="${1:-50,100,200,300}"
CONNECTIONS="${2:-8}"
SECONDS_PER_RATE="${3:-20}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"
MLLP_PORT="${BENCH_MLLP_PORT:-$((PORT + 3))}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/adt-discharges-$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
# Its own PostgreSQL port, so that a benchmark in another work tree does not meet this one's database
export PGPORT="${PGPORT:-55436}"
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
  --handover.smtp.port=$((PORT + 1)) --handover.smpp.port=$((PORT + 2)) \
  --handover.adt.mllp-host=127.0.0.1 --handover.adt.mllp-port="$MLLP_PORT" \
  --handover.adt.max-connections=$((CONNECTIONS + 4)) \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health/liveness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "Handover did not start; see $OUT/app.log"; exit 1; }
  sleep 1
done
sleep 3
load() {
  java -Xmx256m -cp "$JAR" -Dloader.main=org.handover.bench.AdtDischargeLoad \
    org.springframework.boot.loader.launch.PropertiesLauncher --port="$MLLP_PORT" --app-pid="$APP_PID" "$@"
}
echo "Warming up (not measured)..."
load --connections="$CONNECTIONS" --rates=50 --seconds=10 > "$OUT/warmup.txt"
echo "Rates $RATES discharges/s, $CONNECTIONS connections, $SECONDS_PER_RATE s each..."
{
  echo "Handover HL7 v2 ADT intake benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; $CONNECTIONS MLLP connections"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  load --connections="$CONNECTIONS" --rates="$RATES" --seconds="$SECONDS_PER_RATE"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "peak RSS (VmHWM): $(( $(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status") / 1024 )) MiB"
} | tee "$OUT/summary.txt"

#!/usr/bin/env bash
# Friends and Family Test benchmark: N whole conversations (default 10,000) on the postgres profile through the
# sandbox SMPP message centre: encounters posted -> questions delivered -> answers typed on the sandbox phones ->
# follow-ups delivered -> comments -> completed. Prints each phase's time, texts/s, replies/s, conversations/s and
# memory. Sending hours are opened to the whole day so the run does not wait for 09:00. Not a test: run it by hand.
#
#   ops/bench/fft.sh [count] [client threads]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-10000}"
THREADS="${2:-8}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18090}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/fft-$STAMP"
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

HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
  --spring.profiles.active=sandbox,postgres --server.port="$PORT" \
  --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
  --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=40 \
  --server.tomcat.threads.max=64 \
  --handover.smtp.port=$((PORT + 1)) --handover.smpp.port=$((PORT + 2)) --handover.adt.mllp-port=$((PORT + 3)) --handover.bench.enabled=true \
  --handover.fft.sending-start=00:00 --handover.fft.sending-end=23:59:59.999 --handover.fft.poll-interval=200ms \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health/liveness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "Handover did not start; see $OUT/app.log"; exit 1; }
  sleep 1
done
sleep 3
# PostgreSQL's CPU: the postmaster, its live backends, and the backends that have ended (cutime, cstime).
pg_cpu() {
  local pm
  pm=$(head -1 "${PG_HOME:-$ROOT/ops/postgres/.pg}/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  { awk '{print $14+$15+$16+$17}' "/proc/$pm/stat"
    for child in $(ps -o pid= --ppid "$pm"); do awk '{print $14+$15}' "/proc/$child/stat" 2>/dev/null || true; done
  } | awk '{s+=$1} END {print s+0}'
}
echo "Running $COUNT FFT conversations from $THREADS client threads..."
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
PG_BEFORE=$(pg_cpu)
CPU_BEFORE=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/fft?count=$COUNT&threads=$THREADS" > "$OUT/report.json"
CPU_AFTER=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
PG_AFTER=$(pg_cpu)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
TICK=$(getconf CLK_TCK)
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
{
  echo "Handover FFT conversation benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; client threads $THREADS (in the same JVM)"
  echo "report: $(cat "$OUT/report.json")"
  echo "peak RSS (VmHWM): $((HWM_KB / 1024)) MiB"
  echo "CPU: application JVM (with the SMPP simulator and the bench clients) $(( (CPU_AFTER - CPU_BEFORE) * 1000 / TICK )) ms" \
    "= $(( (CPU_AFTER - CPU_BEFORE) * 1000 / TICK / COUNT )) ms per conversation;" \
    "PostgreSQL $(( (PG_AFTER - PG_BEFORE) * 1000 / TICK )) ms = $(( (PG_AFTER - PG_BEFORE) * 1000 / TICK / COUNT )) ms per conversation"
  echo "load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
} | tee "$OUT/summary.txt"

# Shared by the workflow benchmarks (source it): a fresh PostgreSQL and Handover on it with the benchmark hooks.
#   bench_start NAME   sets OUT (results folder), BASE (URL), APP_PID; stops both on exit
#   bench_measure FILE CURL-ARGS...   runs the measured request, writes FILE, prints the summary with CPU and RSS
# Settings: BENCH_HEAP (1g), BENCH_PORT (18080), HANDOVER_DB_PASSWORD.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18080}"

bench_start() {
  STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
  OUT="$ROOT/ops/bench/results/$1-$STAMP"
  mkdir -p "$OUT"
  export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
  local jar="$ROOT/app/target/handover.jar"
  [ -f "$jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
  "$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
  local jdbc_url
  jdbc_url="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
  APP_PID=""
  trap bench_stop EXIT
  HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC -jar "$jar" \
    --spring.profiles.active=sandbox,postgres --server.port="$PORT" \
    --spring.datasource.url="$jdbc_url" --spring.datasource.username=handover \
    --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=40 \
    --handover.smtp.port=$((PORT + 1)) --handover.smpp.port=$((PORT + 2)) --handover.adt.mllp-port=$((PORT + 3)) \
    --handover.bench.enabled=true > "$OUT/app.log" 2>&1 &
  APP_PID=$!
  BASE="http://127.0.0.1:$PORT"
  # Readiness, not liveness: the demo users and groups exist only once the application is ready.
  for _ in $(seq 1 300); do
    curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "Handover did not start; see $OUT/app.log"; exit 1; }
    sleep 1
  done
  sleep 3
}

bench_stop() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}

bench_measure() {
  local file="$1"
  shift
  local cpu_before cpu_after hwm_kb
  cpu_before=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
  curl -fs "$@" > "$OUT/$file"
  cpu_after=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
  hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
  {
    echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP"
    echo "report: $(cat "$OUT/$file")"
    echo "peak RSS (VmHWM): $((hwm_kb / 1024)) MiB; application CPU: $(( (cpu_after - cpu_before) / $(getconf CLK_TCK) )) s"
  } | tee "$OUT/summary.txt"
}

# Like bench_start, with the simulators in the second JVM of outside.sh (BENCH_OUTSIDE=inside keeps them in the
# application) and the application's extra arguments after NAME. Also sets JDBC_URL and OUTSIDE_PID, honours
# BENCH_JAVA_OPTS and BENCH_JAR, and stops all three (application, outside JVM, PostgreSQL) on exit.
#   bench_start_outside NAME [application arguments...]
bench_start_outside() {
  STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
  OUT="$ROOT/ops/bench/results/$1-$STAMP"
  shift
  mkdir -p "$OUT"
  export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
  local jar="${BENCH_JAR:-$ROOT/app/target/handover.jar}"
  [ -f "$ROOT/app/target/handover.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
  # shellcheck source=outside.sh
  source "$ROOT/ops/bench/outside.sh"
  "$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
  JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
  APP_PID=""
  trap 'bench_stop; stop_outside' EXIT
  start_outside "$PORT"
  # shellcheck disable=SC2086
  HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$jar" \
    --spring.profiles.active=sandbox,postgres --server.port="$PORT" \
    --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
    --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=40 \
    "${OUTSIDE_ARGS[@]}" --handover.bench.enabled=true "$@" \
    > "$OUT/app.log" 2>&1 &
  APP_PID=$!
  BASE="http://127.0.0.1:$PORT"
  await_ready "$BASE" "$APP_PID" "$OUT/app.log"
  sleep 3
}

# The pid of the benchmark's PostgreSQL postmaster.
postmaster_pid() {
  head -1 "${PG_HOME:-$ROOT/ops/postgres/.pg}/data/postmaster.pid" 2>/dev/null || true
}

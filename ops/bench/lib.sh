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
# BENCH_JAVA_OPTS, BENCH_JAR, BENCH_DB_POOL (the Hikari pool, 40) and BENCH_BROKER_MAX_DISK_USAGE (98: the shared
# benchmark machine's disk is past Artemis's default 90% with 24 GB free, and the broker then blocks every producer),
# and stops all three (application, outside JVM, PostgreSQL) on exit.
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
    --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size="${BENCH_DB_POOL:-40}" \
    "${OUTSIDE_ARGS[@]}" --handover.broker.max-disk-usage="${BENCH_BROKER_MAX_DISK_USAGE:-98}" \
    --handover.bench.enabled=true "$@" \
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

# After bench_start_outside: runs the measured request, writes FILE, prints the summary: the CPU of the application,
# the simulators' JVM and PostgreSQL (per item too, with BENCH_ITEMS and BENCH_ITEM set), peak RSS of both JVMs, the
# load average, and the application's CPU by kind of thread.
#   bench_measure_all FILE CURL-ARGS...
bench_measure_all() {
  local file="$1"
  shift
  local app_before app_after outside_before outside_after pg_before pg_after load_before load_after
  local items="${BENCH_ITEMS:-0}" item="${BENCH_ITEM:-item}"
  thread_ticks "$APP_PID" > "$OUT/threads-before.txt"
  app_before=$(cpu_ticks "$APP_PID"); outside_before=$(cpu_ticks "$OUTSIDE_PID"); pg_before=$(postgres_ticks)
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  curl -fs "$@" > "$OUT/$file"
  app_after=$(cpu_ticks "$APP_PID"); outside_after=$(cpu_ticks "$OUTSIDE_PID"); pg_after=$(postgres_ticks)
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  thread_ticks "$APP_PID" > "$OUT/threads-after.txt"
  {
    echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; simulators: $OUTSIDE_MODE"
    echo "report: $(cat "$OUT/$file")"
    echo "peak RSS (VmHWM): application $(rss_mib "$APP_PID") MiB" \
      "$([ -n "$OUTSIDE_PID" ] && echo "; simulators' JVM $(rss_mib "$OUTSIDE_PID") MiB")"
    cpu_line application $((app_after - app_before)) "$items" "$item"
    [ -n "$OUTSIDE_PID" ] && cpu_line "simulators' JVM" $((outside_after - outside_before)) "$items" "$item"
    cpu_line PostgreSQL $((pg_after - pg_before)) "$items" "$item"
    echo "load average (1, 5, 15 min) at start: $load_before; at end: $load_after"
    echo "application CPU by thread (kinds of thread, the most busy first):"
    thread_delta "$OUT/threads-before.txt" "$OUT/threads-after.txt" "$items" "$item"
  } | tee "$OUT/summary.txt"
}

# CPU ticks of each kind of thread of process $1 ("http-nio-8080-exec-12" and "-3" count as one kind), live threads
# only: a thread that ended during the run is missing from the "after" snapshot.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    [ -r "$task/stat" ] || continue
    printf '%s\t%s\n' "$(tr -d '\n' < "$task/comm" | sed 's/[0-9]\+/#/g')" \
      "$(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')"
  done | awk -F'\t' '{t[$1] += $2} END {for (k in t) print k "\t" t[k]}'
}

# The ten busiest kinds of thread between two thread_ticks snapshots, in ms per item ($3 items called $4).
thread_delta() {
  awk -F'\t' -v n="$3" -v hz="$(getconf CLK_TCK)" '
    FNR == NR {before[$1] = $2; next}
    {d = $2 - before[$1]; if (d > 0) printf "%s\t%.2f\n", $1, d * 1000 / hz / (n > 0 ? n : 1)}' "$1" "$2" \
    | sort -t$'\t' -k2 -rn | head -10 | awk -F'\t' -v item="$4" '{printf "  %-20s %s ms per %s\n", $1, $2, item}'
}

# "application CPU: 12.3 s = 4.56 ms per conversation" for ticks $2 over $3 items called $4.
cpu_line() {
  if [ "$3" -gt 0 ]; then
    echo "$1 CPU: $(seconds_of "$2") s = $(ms_per "$2" "$3") ms per $4"
  else
    echo "$1 CPU: $(seconds_of "$2") s"
  fi
}

rss_mib() {
  awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0
}

# Sourced by the benchmark scripts. The outside world - the MESH, SMTP and SMPP simulators, and the referral
# benchmark's HTTP client - runs in a second JVM (the same jar, sandbox profile, routes not started), so that the
# application's CPU figures are its own. BENCH_OUTSIDE=inside keeps the simulators inside the application's JVM, as
# the sandbox runs them for users (the figures in the README before 2026-12-03 were measured that way).
#
# Needs ROOT and OUT set; reads BENCH_OUTSIDE (separate), BENCH_OUTSIDE_JAR (the jar built here, also when
# BENCH_JAR runs an older application against it), BENCH_OUTSIDE_JAVA_OPTS (e.g. a flight recording) and
# BENCH_OUTSIDE_DB (file: the simulators keep what they received in an H2 file, as the sandbox does; memory: in an
# in-memory H2, for runs short enough to fit its heap).

OUTSIDE_MODE="${BENCH_OUTSIDE:-separate}"
OUTSIDE_JAR="${BENCH_OUTSIDE_JAR:-$ROOT/app/target/handover.jar}"
OUTSIDE_PID=""
OUTSIDE_ARGS=()

# The outside JVM is a whole Handover with its routes stopped; its own schedulers (FFT timeline, outbox relay, metrics,
# Camunda's job executor, the ADT dispatcher's poll: 4% of its CPU in an FFT run, the operations gauges) are slowed or
# stopped, as they stand for nothing outside and were a tenth of its CPU.
#
# Starts the outside JVM for the application on port $1: on port $1+10 (SMTP, SMPP, MLLP on the next three). Sets
# OUTSIDE_ARGS, the application's settings to reach the simulators, and OUTSIDE_BASE, the URL of the JVM that runs
# the simulators and the referral client (the application's own with BENCH_OUTSIDE=inside).
start_outside() {
  local port=$(($1 + 10))
  if [ "$OUTSIDE_MODE" = inside ]; then
    OUTSIDE_ARGS=(--handover.smtp.port=$(($1 + 1)) --handover.smpp.port=$(($1 + 2)))
    OUTSIDE_BASE="http://127.0.0.1:$1"
    return 0
  fi
  OUTSIDE_BASE="http://127.0.0.1:$port"
  require_free_ports "$port"
  local database=()
  [ "${BENCH_OUTSIDE_DB:-file}" = memory ] && database=(--spring.datasource.url="jdbc:h2:mem:outside;DB_CLOSE_DELAY=-1")
  echo "Starting the outside world (simulators, benchmark client) in a second JVM on port $port..."
  # shellcheck disable=SC2086
  HANDOVER_DATA_DIR="$OUT/outside-data" java -Xms128m -Xmx512m -XX:+UseG1GC ${BENCH_OUTSIDE_JAVA_OPTS:-} \
    -jar "$OUTSIDE_JAR" \
    --spring.profiles.active=sandbox --server.port="$port" \
    --handover.smtp.port=$((port + 1)) --handover.smpp.port=$((port + 2)) --handover.adt.mllp-port=$((port + 3)) \
    --handover.bench.enabled=true --camel.main.auto-startup=false \
    --handover.fft.poll-interval=1h --handover.delivery.relay-interval=1h --handover.delivery.metrics-interval=1h \
    --camunda.bpm.job-execution.enabled=false --handover.adt.dispatch.poll-interval=1h \
    --handover.adt.dispatch.metrics-interval=1h --handover.operations.metrics-interval=1h \
    --handover.delivery.settled-metrics-interval=1h --handover.tasklist.overdue-check-interval=1h "${database[@]}" \
    > "$OUT/outside.log" 2>&1 &
  OUTSIDE_PID=$!
  # For stop_outside when this runs in a subshell (two-nodes.sh starts it beside node 1) that the script outlives.
  echo "$OUTSIDE_PID" > "$OUT/outside.pid"
  await_ready "http://127.0.0.1:$port" "$OUTSIDE_PID" "$OUT/outside.log"
  OUTSIDE_ARGS=(--handover.sandbox.enabled=false --handover.mesh.url="http://127.0.0.1:$port"
    --handover.smtp.port=$((port + 1)) --handover.smpp.port=$((port + 2)))
}

# Exits when anything already listens on ports $1 to $1+3: another benchmark there would answer the readiness check
# and take this one's load (several engineers share the machine; give each run its own BENCH_PORT).
require_free_ports() {
  local port
  for port in "$1" $(($1 + 1)) $(($1 + 2)) $(($1 + 3)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port is in use (another benchmark?): choose another BENCH_PORT"; exit 1
    fi
  done
}

# Waits until the JVM $2 answers ready at base URL $1 (its demo users exist); on a loaded machine start-up has taken
# over six minutes, so up to BENCH_START_SECONDS (900). Exits when it dies or does not get ready; $3 is its log.
await_ready() {
  local deadline=$((SECONDS + ${BENCH_START_SECONDS:-900}))
  until curl -fs "$1/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { echo "Handover did not start; see $3"; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "Handover was not ready in time; see $3"; exit 1; }
    sleep 1
  done
}

# Called from the scripts' exit trap under set -e: it must not fail, or PostgreSQL is left running.
stop_outside() {
  local pid="${OUTSIDE_PID:-$(cat "$OUT/outside.pid" 2>/dev/null || true)}"
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
}

# CPU clock ticks (user + system) a process has used so far; 0 when there is no such process.
cpu_ticks() {
  [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0
}

# CPU ticks of the benchmark's PostgreSQL: the postmaster and its backends.
postgres_ticks() {
  local postmaster total=0 pid
  postmaster="$(head -1 "${PG_HOME:-$ROOT/ops/postgres/.pg}/data/postmaster.pid" 2>/dev/null || true)"
  [ -z "$postmaster" ] && { echo 0; return; }
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    total=$((total + $(cpu_ticks "$pid")))
  done
  echo "$total"
}

# "12.3" for ticks $1 spent on $2 items, in milliseconds per item.
ms_per() {
  awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }'
}

seconds_of() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}

# Statement counts from PostgreSQL's pg_stat_statements (ops/postgres/start.sh loads it), when psql is installed:
# statements_reset PORT before the measured run, statements_report PORT FILE after it (prints the number of
# statements the application ran, writes the most frequent to FILE).
pg_superuser_sql() {
  command -v psql >/dev/null || return 0
  PGPASSWORD="$(cat "${PG_HOME:-$ROOT/ops/postgres/.pg}/postgres-password" 2>/dev/null)" \
    psql -h 127.0.0.1 -p "$1" -U postgres -d handover -Atq -c "$2" 2>/dev/null || true
}

statements_reset() {
  pg_superuser_sql "$1" "select pg_stat_statements_reset()" >/dev/null
}

statements_report() {
  pg_superuser_sql "$1" "select calls, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 300) from pg_stat_statements
    where userid = 'handover'::regrole order by calls desc limit 60" > "$2"
  pg_superuser_sql "$1" "select sum(calls) from pg_stat_statements where userid = 'handover'::regrole"
}

# Every statement the application ran since statements_reset PORT, by PostgreSQL's time: calls, rows, total and mean
# milliseconds, the statement (whole). For counting a flow's statements and what PostgreSQL's CPU went to.
#   statements_all PORT FILE
statements_all() {
  pg_superuser_sql "$1" "select calls, rows, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3),
      regexp_replace(query, '\s+', ' ', 'g')
    from pg_stat_statements where userid = 'handover'::regrole order by total_exec_time desc" \
    | sed '1i calls|rows|total_ms|mean_ms|query' > "$2"
}

# The application's statements since statements_reset PORT, by total time: calls and rows per item ($2 items), mean
# and total milliseconds, and shared blocks read or hit per call (a growing figure there is a scan that grows).
statements_timing() {
  pg_superuser_sql "$1" "select round(total_exec_time::numeric, 0) as total_ms,
      round(mean_exec_time::numeric, 3) as mean_ms, round(calls::numeric / $2, 2) as calls_per_item,
      round(rows::numeric / greatest(calls, 1), 1) as rows_per_call,
      round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1), 1) as blocks_per_call,
      left(regexp_replace(query, '\s+', ' ', 'g'), 240)
    from pg_stat_statements where userid = 'handover'::regrole order by total_exec_time desc limit 40" \
    | sed '1i total_ms|mean_ms|calls_per_item|rows_per_call|blocks_per_call|query' > "$3"
}

#!/usr/bin/env bash
# Hospital event intake benchmark: A01 + A03 pairs sent over MLLP by a load generator in its own JVM (like a PAS)
# from N concurrent connections at rising target rates. Each message is answered once its transaction has committed
# the raw message, the episode and the events to dispatch (docs/decisions/0007); the dispatcher then starts the
# downstream processes (transfer of care and Discharge to Assess in Camunda, the FFT conversation) in batches.
# Prints per rate: discharges/s acknowledged AA with ACK p50/p95/p99 (all messages, and A03 alone), refusals; the
# drain: ACK to processes started p50/p99, seconds from the end of sending until nothing was left to dispatch, and
# events dispatched/s; CPU ms per discharge of the application, PostgreSQL and the load generator (sending and
# draining), RSS; and the load average. Simulators run in a second JVM (outside.sh), on the postgres profile.
# Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/adt-discharges.sh [rates, e.g. 50,100,200,300] [connections] [seconds per rate]
#
# Environment: BENCH_HEAP (1g), BENCH_PORT (18080; MLLP on +3), PGPORT (55436), BENCH_JAVA_OPTS, BENCH_JAR,
# BENCH_OUTSIDE (see outside.sh), BENCH_DRAIN_SECONDS (300: the longest wait for the backlog per rate).
set -euo pipefail
RATES="${1:-50,100,200,300}"
CONNECTIONS="${2:-8}"
SECONDS_PER_RATE="${3:-20}"
# Its own PostgreSQL port, so that a benchmark in another work tree does not meet this one's database
export PGPORT="${PGPORT:-55436}"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
MLLP_PORT="${BENCH_MLLP_PORT:-$((PORT + 3))}"

bench_start_outside adt-discharges --handover.adt.mllp-host=127.0.0.1 --handover.adt.mllp-port="$MLLP_PORT" \
  --handover.adt.max-connections=$((CONNECTIONS + 4))
load() {
  java -Xmx256m -cp "$ROOT/app/target/handover.jar" -Dloader.main=org.handover.bench.AdtDischargeLoad \
    org.springframework.boot.loader.launch.PropertiesLauncher --port="$MLLP_PORT" --app-pid="$APP_PID" \
    --pg-pid="$(postmaster_pid)" --jdbc-url="$JDBC_URL" --jdbc-user=handover --jdbc-password="$HANDOVER_DB_PASSWORD" \
    --drain-seconds="${BENCH_DRAIN_SECONDS:-300}" "$@"
}
echo "Warming up (not measured)..."
load --connections="$CONNECTIONS" --rates=50 --seconds=10 > "$OUT/warmup.txt"
echo "Rates $RATES discharges/s, $CONNECTIONS connections, $SECONDS_PER_RATE s each, each followed by the drain..."
{
  echo "Handover HL7 v2 ADT intake benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; $CONNECTIONS MLLP connections;" \
    "simulators: $OUTSIDE_MODE"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  load --connections="$CONNECTIONS" --rates="$RATES" --seconds="$SECONDS_PER_RATE"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "peak RSS (VmHWM): $(( $(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status") / 1024 )) MiB"
  echo "columns: AA disch/s and ACK latency while sending; disp p50/p99 = ms from the ACK's transaction to the"
  echo "  processes started; drain s = from the end of sending until nothing was left to dispatch; disp ev/s ="
  echo "  hospital events dispatched per second over sending and draining; ms/d = CPU ms per discharge"
} | tee "$OUT/summary.txt"

#!/usr/bin/env bash
# England's day on one machine: a fresh PostgreSQL (ops/postgres), Handover on it (sandbox,postgres with the
# benchmark hooks), the simulators in their own JVM (outside.sh), and a load generator in a third JVM
# (org.handover.bench.NationalDayLoad) that replays a national day's mix at a fraction of its volume, the day
# compressed into the run: FHIR referrals, admissions and discharges over MLLP (each starting transfer of care,
# Discharge to Assess and the FFT question), FFT encounters posted by outpatient and emergency systems, CHC
# referrals, interleaved as a day's arrivals; consultants, booking and ward administrators, discharge and CHC
# coordinators completing their tasks through /engine-rest as the demo users; patients answering the texts on the
# sandbox phones. A progress bar while it runs; at the end throughput, latency percentiles, the delivery ledger,
# transactions (also as a fraction of this machine's pgbench ceiling, pg-ceiling.sh) and statements per workflow,
# CPU and peak memory per process, and a reconciliation of everything accepted with everything the simulators
# received. Exits non-zero on anything lost, duplicated, refused or unfinished.
#
#   ops/bench/national-day.sh [fraction of England's day, 0.02] [seconds the day is compressed into]
#   ops/bench/national-day.sh 1.0          # the whole day: 70,000 referrals, 45,000 discharges, 100,000 FFT texts
#
# The day takes 1,200 s x fraction by default (the whole day in 20 minutes, issue 8's target), at least 120 s.
# Results: ops/bench/results/national-day-<time>/ (summary.csv, summary.txt, chart.png, logs).
# Environment: BENCH_PORT (18280: the application; simulators +10..+13, MLLP +3), PGPORT (55438), BENCH_HEAP (1g),
# BENCH_JAR, BENCH_JAVA_OPTS, NATDAY_GENERATOR_JAVA_OPTS (the load generator's JVM, e.g. a flight recording),
# NATDAY_DRAIN_SECONDS (600), NATDAY_WARMUP_ROUNDS (6: rounds of a quarter of the day at its rate before it,
# until the CPU per arrival stops falling; 0: the day measured cold), NATDAY_CEILING (reuse: the last pg-ceiling.sh result of
# the last 24 hours, else measure it first for 20 s a run; measure: always; skip: no ceiling).
set -euo pipefail
FRACTION="${1:-0.02}"
RUN_SECONDS="${2:-}"
export PGPORT="${PGPORT:-55438}"
export BENCH_PORT="${BENCH_PORT:-18280}"
# The simulators keep every text they take (by default only the newest 10,000): the reconciliation needs them all.
export BENCH_OUTSIDE_JAVA_OPTS="${BENCH_OUTSIDE_JAVA_OPTS:-} -Dhandover.sandbox.sms-kept=2000000000"
HERE="$(cd "$(dirname "$0")" && pwd)"
CEILING_FILE="$HERE/results/pg-ceiling-latest.env"
case "${NATDAY_CEILING:-reuse}" in
  skip) ;;
  measure) "$HERE/pg-ceiling.sh" 20 ;;
  *) if [ -z "$(find "$CEILING_FILE" -mmin -1440 2>/dev/null)" ]; then "$HERE/pg-ceiling.sh" 20; fi ;;
esac
CEILING_TPCB=0
CEILING_UPDATE=0
# shellcheck disable=SC1090
[ "${NATDAY_CEILING:-reuse}" != skip ] && [ -f "$CEILING_FILE" ] && source "$CEILING_FILE"

# shellcheck source=lib.sh
source "$HERE/lib.sh"
MLLP_PORT=$((PORT + 3))
# FFT texts may go at any hour and at once (the day is compressed), the MLLP listener takes the PAS's connections.
bench_start_outside national-day --handover.adt.mllp-host=127.0.0.1 --handover.adt.mllp-port="$MLLP_PORT" \
  --handover.adt.max-connections=12 --server.tomcat.threads.max=64 \
  --handover.fft.sending-start=00:00 --handover.fft.sending-end=23:59:59.999 --handover.fft.delay=0s
PG_PORT_USED="${JDBC_URL##*:}"; PG_PORT_USED="${PG_PORT_USED%%/*}"
statements_reset "$PG_PORT_USED"
echo "Handover (pid $APP_PID) on $BASE, simulators (pid $OUTSIDE_PID) on $OUTSIDE_BASE, PostgreSQL (pid" \
  "$(postmaster_pid)) on $PG_PORT_USED; results in $OUT"
set +e
# The common pool's parallelism is 1 on 2 cores, and then every asynchronous HTTP answer (the staff's, the phones')
# is handed to a new thread by CompletableFuture: thousands of threads started for a small day. Two workers instead.
# shellcheck disable=SC2086
java -Xmx512m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 ${NATDAY_GENERATOR_JAVA_OPTS:-} -cp "$ROOT/app/target/handover.jar" -Dloader.main=org.handover.bench.NationalDayLoad \
  org.springframework.boot.loader.launch.PropertiesLauncher --fraction="$FRACTION" \
  ${RUN_SECONDS:+--run-seconds="$RUN_SECONDS"} --app="$BASE" --outside="$OUTSIDE_BASE" --mllp-port="$MLLP_PORT" \
  --jdbc-url="$JDBC_URL" --jdbc-user=handover --jdbc-password="$HANDOVER_DB_PASSWORD" --out="$OUT" \
  --app-pid="$APP_PID" --outside-pid="$OUTSIDE_PID" --pg-pid="$(postmaster_pid)" \
  --ceiling-tpcb="$CEILING_TPCB" --ceiling-update="$CEILING_UPDATE" \
  --drain-seconds="${NATDAY_DRAIN_SECONDS:-600}" --warm-up-rounds="${NATDAY_WARMUP_ROUNDS:-6}" | tee "$OUT/report.txt"
STATUS=${PIPESTATUS[0]}
set -e
statements_report "$PG_PORT_USED" "$OUT/statements.txt" > /dev/null
statements_all "$PG_PORT_USED" "$OUT/statements-all.txt"
exit "$STATUS"

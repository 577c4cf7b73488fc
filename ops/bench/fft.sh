#!/usr/bin/env bash
# Friends and Family Test benchmark: N whole conversations (default 100,000, the issue's size) on the postgres
# profile through the sandbox SMPP message centre: encounters posted -> questions delivered -> answers typed on the
# sandbox phones -> follow-ups delivered -> comments -> completed. The phones, the message centre and the load
# generator run in a second JVM (outside.sh), so the application's CPU is its own. Prints each phase's time, texts/s
# out, replies/s handled, conversations/s, CPU per conversation of each JVM and PostgreSQL, peak heap and RSS.
# Sending hours are opened to the whole day so the run does not wait for 09:00. Not a test: run it by hand.
#
#   ops/bench/fft.sh [count] [client threads] [encounters per request]
#
# A warm-up of BENCH_WARMUP conversations (300) runs first, not measured (the first texts find the SMPP session
# still being bound).
# Environment: BENCH_JAR (the application's jar, e.g. an older build), BENCH_OUTSIDE=inside (everything in the
# application's JVM, as before 2026-12-03), BENCH_HEAP, BENCH_PORT, BENCH_JAVA_OPTS, PGPORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COUNT="${1:-100000}"
THREADS="${2:-8}"
PER_REQUEST="${3:-1}"
WARMUP="${BENCH_WARMUP:-300}"
JAR="${BENCH_JAR:-$ROOT/app/target/handover.jar}"

bench_start_outside fft --server.tomcat.threads.max=64 --handover.adt.mllp-port=$((PORT + 3)) \
  --handover.fft.sending-start=00:00 --handover.fft.sending-end=23:59:59.999 --handover.fft.poll-interval=200ms
CLIENT="$OUTSIDE_BASE/api/admin/bench/fft?threads=$THREADS&perRequest=$PER_REQUEST"
[ "$OUTSIDE_MODE" = inside ] || CLIENT="$CLIENT&targetPort=$PORT"
if [ "$WARMUP" -gt 0 ]; then
  echo "Warming up with $WARMUP conversations (not measured)..."
  curl -fs -u admin:admin -X POST "$CLIENT&count=$WARMUP" > "$OUT/warmup.json"
fi
echo "Handover FFT conversation benchmark, $STAMP: $COUNT conversations, $THREADS client threads," \
  "$PER_REQUEST encounters per request, jar $JAR" | tee "$OUT/about.txt"
BENCH_ITEMS="$COUNT" BENCH_ITEM=conversation bench_measure_all report.json -u admin:admin -X POST \
  "$CLIENT&count=$COUNT&firstPatient=$WARMUP"

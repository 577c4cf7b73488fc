#!/usr/bin/env bash
# Discharge to Assess benchmark: publishes N synthetic PatientDischarged events (default 5,000) from client threads
# inside the application, each in its own transaction as the encounter dispatcher does (the process starts and waits
# at "Confirm Discharge to Assess pathway" before the commit); then confirms every proposal as a coordinator
# (England's mix: ~half pathway 0, the rest notified) and waits until the councils' mail server has every notice.
# Prints discharges/s, confirmations/s, latency percentiles and the time to the last notice, CPU and peak RSS, on the
# postgres profile (PostgreSQL and start-up from lib.sh). Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/discharges.sh [count] [threads]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COUNT="${1:-5000}"
THREADS="${2:-8}"
WARMUP="${BENCH_WARMUP:-500}"

bench_start discharges
echo "Warming up with $WARMUP discharges (not measured)..."
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/discharges?count=$WARMUP&threads=$THREADS" > "$OUT/warmup.json"
echo "Publishing $COUNT discharges from $THREADS threads, then confirming them..."
echo "Handover Discharge to Assess benchmark, $STAMP, threads $THREADS (in the same JVM)"
bench_measure report.json -u admin:admin -X POST "$BASE/api/admin/bench/discharges?count=$COUNT&threads=$THREADS"

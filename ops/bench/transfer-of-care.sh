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
source "$(dirname "$0")/lib.sh"
COUNT="${1:-500}"
THREADS="${2:-4}"
WARMUP="${BENCH_WARMUP:-50}"

bench_start transfer-of-care
echo "Warming up with $WARMUP transfers (not measured)..."
curl -fs -u admin:admin -X POST "$BASE/api/admin/bench/transfers?count=$WARMUP&threads=$THREADS" > "$OUT/warmup.json"
echo "Publishing $COUNT discharges, completing their summaries from $THREADS threads, waiting for MESH..."
echo "Handover transfer-of-care benchmark, $STAMP, threads $THREADS (in the same JVM)"
bench_measure report.json -u admin:admin -X POST "$BASE/api/admin/bench/transfers?count=$COUNT&threads=$THREADS"

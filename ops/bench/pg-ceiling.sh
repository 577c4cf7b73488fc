#!/usr/bin/env bash
# The ceiling of this machine's PostgreSQL: pgbench against the benchmarks' own PostgreSQL set-up (ops/postgres: the
# same binaries, settings and durability as national-day.sh and the other benchmarks, fresh), in a database of its
# own. Reports commits/s for a TPC-B-like run (pgbench's default script: five statements per transaction) and for a
# simple-update run (`-b simple-update`: three), each a transaction with one commit.
#
#   ops/bench/pg-ceiling.sh [seconds per run, default 30] [clients, default 8]
#
# Writes ops/bench/results/pg-ceiling-<time>/summary.txt and ops/bench/results/pg-ceiling-latest.env
# (CEILING_TPCB=..., CEILING_UPDATE=...), which national-day.sh reads. zonky's binaries have no pgbench: this uses
# Debian's (a version 15 client works against the 17 server) and installs postgresql-15 with apt-get when missing.
# Environment: PGPORT (55438), PG_HOME, PG_CEILING_SCALE (pgbench scale, 10: 1,000,000 accounts, about 150 MB).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECONDS_PER_RUN="${1:-30}"
CLIENTS="${2:-8}"
SCALE="${PG_CEILING_SCALE:-10}"
export PGPORT="${PGPORT:-55438}"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/pg-ceiling-$STAMP"
mkdir -p "$OUT"

find_pgbench() {
  command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n1 || true
}
PGBENCH="$(find_pgbench)"
if [ -z "$PGBENCH" ] || ! command -v psql >/dev/null; then
  echo "pgbench or psql missing: installing Debian's postgresql-15 (pgbench, psql) with apt-get"
  apt-get install -y --no-install-recommends postgresql-15 postgresql-client-15 > "$OUT/apt.log" 2>&1 \
    || { apt-get update > /dev/null 2>&1 && apt-get install -y --no-install-recommends postgresql-15 \
           postgresql-client-15 > "$OUT/apt.log" 2>&1; } \
    || { tail -5 "$OUT/apt.log"; echo "could not install pgbench"; exit 2; }
  PGBENCH="$(find_pgbench)"
fi

STARTED_HERE=0
cleanup() {
  [ "$STARTED_HERE" = 1 ] && "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
"$ROOT/ops/postgres/start.sh" > "$OUT/postgres.txt"
STARTED_HERE=1
SUPER="$(cat "${PG_HOME:-$ROOT/ops/postgres/.pg}/postgres-password")"
PGPASSWORD="$SUPER" psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -Atq \
  -c "create database pgbench owner handover" >/dev/null
bench() {
  PGPASSWORD="$HANDOVER_DB_PASSWORD" "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U handover "$@" pgbench
}
echo "pgbench $("$PGBENCH" --version | awk '{print $3}') against PostgreSQL on 127.0.0.1:$PGPORT; scale $SCALE," \
  "$CLIENTS clients, $SECONDS_PER_RUN s per run"
bench -i -q -s "$SCALE" > "$OUT/init.txt" 2>&1
tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$1" | head -1; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
bench -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -P 10 > "$OUT/tpcb.txt" 2>&1
bench -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -P 10 -b simple-update > "$OUT/simple-update.txt" 2>&1
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
TPCB="$(tps "$OUT/tpcb.txt")"
UPDATE="$(tps "$OUT/simple-update.txt")"
{
  echo "PostgreSQL ceiling on this machine, $STAMP ($(nproc) cores; settings of ops/postgres/start.sh, fsync and"
  echo "synchronous_commit on; pgbench scale $SCALE, $CLIENTS clients, 2 threads, $SECONDS_PER_RUN s each)"
  echo "TPC-B-like (pgbench default):  $TPCB commits/s, latency $(sed -n 's/^latency average = //p' "$OUT/tpcb.txt")"
  echo "simple-update (-b simple-update): $UPDATE commits/s, latency" \
    "$(sed -n 's/^latency average = //p' "$OUT/simple-update.txt")"
  echo "load average at start: $LOAD_BEFORE; at end: $LOAD_AFTER"
} | tee "$OUT/summary.txt"
printf 'CEILING_TPCB=%s\nCEILING_UPDATE=%s\nCEILING_MEASURED=%s\n' "$TPCB" "$UPDATE" "$STAMP" \
  | tee "$OUT/ceiling.env" > "$ROOT/ops/bench/results/pg-ceiling-latest.env"

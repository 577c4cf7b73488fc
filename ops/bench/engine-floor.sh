#!/usr/bin/env bash
# The floor under the national day: Camunda alone, configured as Handover configures it, on the benchmark's
# PostgreSQL (ops/postgres/start.sh, the settings national-day.sh runs on), doing a referral's engine work and nothing
# else: start with five variables, then twice find the task as a member of the team, load its variables and complete
# it. Three warm-up rounds, then one measured: instances per second and CPU per instance of the engine's JVM and of
# PostgreSQL, statements per instance (app/src/test/java/org/handover/system/EngineFloorBench.java). Nothing is left
# running.
#
#   PGPORT=... ops/bench/engine-floor.sh [instances per round, 2000] [threads, 4]
# FLOOR_HISTORY=false (history level none) and FLOOR_AUTHORIZATION=false show what those two cost; Handover runs with
# both on.
set -euo pipefail
INSTANCES="${1:-2000}"
THREADS="${2:-4}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
trap '"$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true' EXIT
POSTMASTER="$(head -1 "${PG_HOME:-$ROOT/ops/postgres/.pg}/data/postmaster.pid")"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$ROOT"
mvn -B -q -o -pl app -am verify -Dtest=EngineFloorBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhandover.bench.engine-floor="$INSTANCES" -Dhandover.bench.engine-floor.threads="$THREADS" \
  -Dhandover.bench.engine-floor.jdbc="$JDBC_URL" -Dhandover.bench.engine-floor.password="$HANDOVER_DB_PASSWORD" \
  -Dhandover.bench.engine-floor.postmaster="$POSTMASTER" \
  -Dhandover.bench.engine-floor.history="${FLOOR_HISTORY:-true}" \
  -Dhandover.bench.engine-floor.authorization="${FLOOR_AUTHORIZATION:-true}"
grep -h "ENGINE FLOOR" app/target/surefire-reports/*EngineFloorBench-output.txt | sed 's/.*ENGINE FLOOR/ENGINE FLOOR/'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# A night's retention backlog on PostgreSQL (docs/decisions/0010-retention.md): ROWS finished ledger messages past
# their 90 days, a tenth as many young ones and as many unfinished ones, deleted by one run of the retention job
# (batches of 500, skip locked); prints rows deleted per second and the plan of one batch, and the cost of V24's
# partial index on the insert path (ROWS/10 messages inserted, sent and delivered, with and without it).
# PostgreSQL 17 from the test binaries (support/PostgresForTests), on a free port; nothing is left running.
#
#   ops/bench/retention.sh [rows, 200000]
set -euo pipefail
ROWS="${1:-200000}"
cd "$(dirname "$0")/../.."
mvn -B -q -pl app -am verify -Dtest=RetentionNightBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhandover.bench.retention="$ROWS"
grep -h -A14 "RETENTION BENCH\|Plan of one page" app/target/surefire-reports/*RetentionNightBench-output.txt \
  | grep -v "^--$" | sed -n '1,40p'

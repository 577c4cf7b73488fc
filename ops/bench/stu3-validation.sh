#!/usr/bin/env bash
# CPU per STU3 validation of a discharge summary (half of them broken), on several threads at once as the job
# executor validates: compiles the tests, then runs app/src/test/java/org/handover/transfer/Stu3ValidationBench
# (a warm-up round, then a measured round). Prints ms CPU and ms wall per validation; CPU per validation is the
# figure to compare, wall time depends on the machine's load. Not a test: run it by hand, from a worktree or clone.
#
#   ops/bench/stu3-validation.sh [validations per thread, default 300] [threads, default 2] [hapi]
# "hapi" measures HAPI's own FhirInstanceValidator (one new InstanceValidator per validation) for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
CLASSPATH_FILE="$(mktemp)"
trap 'rm -f "$CLASSPATH_FILE"' EXIT
mvn -B -q -o test-compile dependency:build-classpath -pl app -am -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null
uptime
java -cp "app/target/test-classes:app/target/classes:$(cat "$CLASSPATH_FILE")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.handover.transfer.Stu3ValidationBench "${1:-300}" "${2:-2}" ${3:-} \
    2>&1 | grep -E '^(warm-up|measured)'
uptime

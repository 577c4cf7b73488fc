#!/usr/bin/env bash
# Sends HL7 v2 files to Handover's MLLP listener and prints each acknowledgement (MSA-1 AA, AE or AR; ERR says why).
# Uses the application jar (mvn -B -q -DskipTests package), no netcat needed.
#
#   ops/samples/send-hl7.sh [--host=localhost] [--port=2575] ops/samples/discharge/a01-admit.hl7 ...
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/app/target/handover.jar"
[ -f "$JAR" ] || { echo "Build the jar first: mvn -B -q -DskipTests package" >&2; exit 2; }
exec java -XX:TieredStopAtLevel=1 -cp "$JAR" -Dloader.main=org.handover.adt.MllpSend \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"

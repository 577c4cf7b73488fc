#!/usr/bin/env bash
# CHC referral intake benchmark: posts N synthetic CHC referrals (default 2,000) concurrently to
# POST /api/chc/referrals on a Handover node on the postgres profile. Each 201 means the case is stored and its
# process is waiting at the Checklist task. Prints referrals/s, p50/p95/p99 latency, CPU and peak RSS.
# Not a test: run it by hand on an otherwise idle machine.
#
#   ops/bench/chc-referrals.sh [count] [client processes]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-2000}"
CLIENTS="${2:-8}"
HEAP="${BENCH_HEAP:-1g}"
PORT="${BENCH_PORT:-18090}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/bench/results/chc-referrals-$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
JAR="$ROOT/app/target/handover.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

HANDOVER_DATA_DIR="$OUT/data" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC -jar "$JAR" \
  --spring.profiles.active=sandbox,postgres --server.port="$PORT" \
  --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
  --spring.datasource.password="$HANDOVER_DB_PASSWORD" \
  --handover.smtp.port=$((PORT + 1)) --handover.smpp.port=$((PORT + 2)) --handover.adt.mllp-port=$((PORT + 3)) \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
UP=""
for _ in $(seq 1 300); do
  curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && { UP=1; break; }
  kill -0 "$APP_PID" 2>/dev/null || { echo "Handover did not start; see $OUT/app.log"; exit 1; }
  sleep 1
done
[ -n "$UP" ] || { echo "Handover was not ready after 300 s; see $OUT/app.log"; exit 1; }
sleep 3

# Valid synthetic NHS numbers in the 999 test range (Modulus 11), one per referral.
python3 - "$COUNT" > "$OUT/numbers.txt" <<'PY'
import sys
n, out, i = int(sys.argv[1]), [], 0
while len(out) < n:
    nine = "999%06d" % i; i += 1
    c = 11 - sum(int(d) * (10 - k) for k, d in enumerate(nine)) % 11
    c = 0 if c == 11 else c
    if c != 10:
        out.append(nine + str(c))
print("\n".join(out))
PY

post() {
  local nhs="$1"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -u integration:integration \
    -H 'Content-Type: application/json' "$BASE/api/chc/referrals" --data-binary @- <<JSON
{"referralId":"BENCH-$nhs","patient":{"nhsNumber":"$nhs","name":"Bench Patient","birthDate":"1940-01-01",
 "gpPracticeOds":"A81001","councilCode":"LA-STOCKPORT"},"referrer":{"name":"Bench"},"reason":"Benchmark"}
JSON
}
export -f post
export BASE
echo "Posting $COUNT CHC referrals from $CLIENTS concurrent clients..."
CPU_BEFORE=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
START=$(date +%s.%N)
xargs -P "$CLIENTS" -I{} bash -c 'post {}' < "$OUT/numbers.txt" > "$OUT/answers.txt"
END=$(date +%s.%N)
CPU_AFTER=$(awk '{print $14+$15}' "/proc/$APP_PID/stat")
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
{
  echo "Handover CHC referral intake benchmark, $STAMP"
  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); heap limit $HEAP; $CLIENTS curl clients"
  echo "answers: $(cut -d' ' -f1 "$OUT/answers.txt" | sort | uniq -c | tr '\n' ' ')"
  python3 - "$OUT/answers.txt" "$START" "$END" <<'PY'
import sys
times = sorted(float(l.split()[1]) for l in open(sys.argv[1]) if l.strip())
elapsed = float(sys.argv[3]) - float(sys.argv[2])
q = lambda p: times[min(len(times) - 1, int(p * len(times)))] * 1000
print("referrals/s: %.1f over %.1f s; latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms"
      % (len(times) / elapsed, elapsed, q(0.50), q(0.95), q(0.99)))
PY
  echo "peak RSS (VmHWM): $((HWM_KB / 1024)) MiB; application CPU: $(( (CPU_AFTER - CPU_BEFORE) / $(getconf CLK_TCK) )) s"
} | tee "$OUT/summary.txt"

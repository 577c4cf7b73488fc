#!/usr/bin/env bash
# Two Handover nodes on one PostgreSQL and one standalone Artemis broker, a mixed load through both, one node killed
# with SIGKILL in the middle, the other left to finish; then a reconciliation of what was accepted against what the
# outside world received. Prints the reconciliation and exits non-zero on any loss, duplicate or unfinished work.
#
#   ops/cluster/two-nodes.sh [messages] [referrals] [fft conversations] [timers]     default 2000 200 100 100
#
# What runs: PostgreSQL (ops/postgres, fresh), Artemis (ops/cluster/artemis.sh, fresh), the simulators in a second
# JVM (ops/bench/outside.sh), node 1 and node 2 (profiles sandbox,postgres,cluster; node 2 starts once node 1 has
# created the schema). The load, all at once:
#   - outbox messages written on both nodes as process steps write them (one per transaction, England's channel mix,
#     CLUSTER_RATE per second on each node: ops/bench/run.sh's load);
#   - FHIR referrals posted to both nodes (half each) from the simulators' JVM;
#   - FFT conversations (encounters, questions, answers, follow-ups, comments through the SMPP message centre),
#     posted to node 2;
#   - Camunda timers: instances of ops/cluster/timer-probe.bpmn started on both nodes, due over the next minute.
# CLUSTER_KILL_AFTER seconds (20) into the load node 1 gets SIGKILL. Then the script waits (up to CLUSTER_DRAIN, 240 s)
# until node 2 has finished everything, and reconciles:
#   - outbox: every message in the ledger accepted by its receiver, and received exactly once by the simulators,
#     counted by the receiver's idempotency key (MESH Mex-LocalID, mail Message-ID; SMS by number and text); a text
#     or mail received twice is the known limit (hazard H08) only if the receiver had it at the kill while the ledger
#     had not recorded it accepted just before (in-flight-at-kill.tsv), and only once more;
#   - timers: every probe instance ended, its timer fired once (history has one end per instance);
#   - processes: no incidents, every referral waiting at its triage task, every FFT conversation ended, no job still
#     locked by the dead node;
#   - referrals answered 201 are all stored (a referral stored whose answer was lost with the node is reported).
#
# Environment: CLUSTER_PORT (18600: node 1; node 2 +20, simulators +10..+13, MLLP +3 and +23), PGPORT (55490),
# ARTEMIS_PORT (CLUSTER_PORT+30), CLUSTER_RATE (25 messages/s per node), CLUSTER_KILL_AFTER (20), CLUSTER_DRAIN (240),
# CLUSTER_JOB_LOCK_MILLIS (30000: how long the dead node's jobs stay locked), CLUSTER_HEAP (768m per node),
# CLUSTER_NO_KILL=1 (both nodes stay up: a baseline). Results in ops/cluster/results/two-nodes-<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/ops/cluster"
MESSAGES="${1:-2000}"
REFERRALS="${2:-200}"
FFT="${3:-100}"
TIMERS="${4:-100}"
PORT="${CLUSTER_PORT:-18600}"
NODE1_PORT="$PORT"
NODE2_PORT=$((PORT + 20))
export PGPORT="${PGPORT:-55490}"
export ARTEMIS_PORT="${ARTEMIS_PORT:-$((PORT + 30))}"
RATE="${CLUSTER_RATE:-25}"
KILL_AFTER="${CLUSTER_KILL_AFTER:-20}"
DRAIN="${CLUSTER_DRAIN:-240}"
HEAP="${CLUSTER_HEAP:-768m}"
JAR="${CLUSTER_JAR:-$ROOT/app/target/handover.jar}"
AUTH="admin:admin"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/ops/cluster/results/two-nodes-$STAMP"
mkdir -p "$OUT"
export HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"
command -v psql >/dev/null || { echo "psql is needed for the reconciliation (apt-get install -y postgresql-client)"; exit 2; }
command -v jq >/dev/null || { echo "jq is needed for the reconciliation (apt-get install -y jq)"; exit 2; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)

# The simulators keep every text they take (by default only the newest 10,000): the reconciliation counts them all.
export BENCH_OUTSIDE_JAVA_OPTS="${BENCH_OUTSIDE_JAVA_OPTS:-} -Dhandover.sandbox.sms-kept=100000000"
# shellcheck source=../bench/outside.sh
source "$ROOT/ops/bench/outside.sh"
# shellcheck source=../bench/drain.sh
source "$ROOT/ops/bench/drain.sh"

NODE1_PID=""
NODE2_PID=""
BACKGROUND=()
cleanup() {
  for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$NODE1_PID" "$NODE2_PID"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  stop_outside
  "$HERE/artemis.sh" stop >/dev/null 2>&1 || true
  "$ROOT/ops/postgres/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

sql() {
  PGPASSWORD="$HANDOVER_DB_PASSWORD" psql -h 127.0.0.1 -p "$PGPORT" -U handover -d handover -Atq -F $'\t' -c "$1"
}

say() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/events.txt"; }

say "PostgreSQL (fresh) on $PGPORT, Artemis (fresh) on $ARTEMIS_PORT"
"$ROOT/ops/postgres/stop.sh" --wipe >/dev/null 2>&1 || true
JDBC_URL="$("$ROOT/ops/postgres/start.sh" | sed -n 's/^JDBC URL: *//p')"
"$HERE/artemis.sh" stop --wipe >/dev/null 2>&1 || true
"$HERE/artemis.sh" start > "$OUT/artemis.txt"
export HANDOVER_BROKER_URL="tcp://127.0.0.1:$ARTEMIS_PORT" HANDOVER_BROKER_USER=handover
HANDOVER_BROKER_PASSWORD="$(cat "${ARTEMIS_HOME_DIR:-$HERE/.artemis}/broker-password")"
export HANDOVER_BROKER_PASSWORD
export HANDOVER_JOB_LOCK_MILLIS="${CLUSTER_JOB_LOCK_MILLIS:-30000}"

# Node N on port P: the cluster overlay (external broker), the simulators in the outside JVM, FFT open all day.
start_node() {
  local n="$1" port="$2"
  # shellcheck disable=SC2086
  HANDOVER_DATA_DIR="$OUT/node$n" java -Xms256m -Xmx"$HEAP" -XX:+UseG1GC ${CLUSTER_JAVA_OPTS:-} -jar "$JAR" \
    --spring.profiles.active=sandbox,postgres,cluster --server.port="$port" \
    --spring.datasource.url="$JDBC_URL" --spring.datasource.username=handover \
    --spring.datasource.password="$HANDOVER_DB_PASSWORD" --spring.datasource.hikari.maximum-pool-size=20 \
    "${OUTSIDE_ARGS[@]}" --handover.adt.mllp-port=$((port + 3)) --handover.bench.enabled=true \
    --camel.main.name="handover-node$n" \
    --handover.fft.sending-start=00:00 --handover.fft.sending-end=23:59:59.999 --handover.fft.poll-interval=200ms \
    > "$OUT/node$n.log" 2>&1 &
  echo $!
}

# The outside JVM and node 1 start together; node 2 once node 1 has made Camunda's tables (two first starts on an
# empty database would both try to create them).
start_outside_async() {
  start_outside "$NODE1_PORT" > "$OUT/outside-start.txt"
  declare -p OUTSIDE_ARGS OUTSIDE_BASE OUTSIDE_PID > "$OUT/outside.env"
}
say "starting the simulators' JVM and node 1 (port $NODE1_PORT)"
OUTSIDE_ARGS=(--handover.sandbox.enabled=false --handover.mesh.url="http://127.0.0.1:$((NODE1_PORT + 10))"
  --handover.smtp.port=$((NODE1_PORT + 11)) --handover.smpp.port=$((NODE1_PORT + 12)))
start_outside_async &
OUTSIDE_STARTER=$!
NODE1_PID="$(start_node 1 "$NODE1_PORT")"
await_ready "http://127.0.0.1:$NODE1_PORT" "$NODE1_PID" "$OUT/node1.log"
say "node 1 ready; starting node 2 (port $NODE2_PORT)"
NODE2_PID="$(start_node 2 "$NODE2_PORT")"
wait "$OUTSIDE_STARTER" || { echo "the simulators' JVM did not start; see $OUT/outside.log"; exit 1; }
# shellcheck disable=SC1091
source "$OUT/outside.env"
await_ready "http://127.0.0.1:$NODE2_PORT" "$NODE2_PID" "$OUT/node2.log"
say "node 2 ready; simulators at $OUTSIDE_BASE"
sleep 5  # both nodes bind their SMPP sessions

NODE1="http://127.0.0.1:$NODE1_PORT"
NODE2="http://127.0.0.1:$NODE2_PORT"
curl -fs -u "$AUTH" -F deployment-name=cluster-timer-probe -F enable-duplicate-filtering=true \
  -F "data=@$HERE/timer-probe.bpmn" "$NODE1/engine-rest/deployment/create" > "$OUT/timer-probe-deployment.json"

# A few referrals on each node first: a node's first referral builds the rule units and warms the JIT, which under
# load took longer than the whole run before the kill.
for node_port in "$NODE1_PORT" "$NODE2_PORT"; do
  curl -s -m 600 -u "$AUTH" -X POST \
    "$OUTSIDE_BASE/api/admin/bench/referrals?count=${CLUSTER_WARMUP:-5}&threads=1&targetPort=$node_port" \
    > "$OUT/warmup-$node_port.json" 2>&1 || true
done

say "load: $MESSAGES outbox messages ($RATE/s per node), $REFERRALS referrals, $FFT FFT conversations, $TIMERS timers"
LOAD_STARTED=$SECONDS
# Timers due from 5 s before the kill to 40 s after it, started on both nodes (two streams, one per node).
start_probes() { # node-url first-index
  local started=0 i
  for ((i = $2; i <= TIMERS; i += 2)); do
    local due=$((KILL_AFTER - 5 + i * 45 / TIMERS - (SECONDS - LOAD_STARTED)))
    [ "$due" -lt 1 ] && due=1
    local body="{\"variables\":{\"delay\":{\"value\":\"PT${due}S\",\"type\":\"String\"}},\"businessKey\":\"probe-$i\"}"
    curl -fs -u "$AUTH" -H 'Content-Type: application/json' -d "$body" \
      "$1/engine-rest/process-definition/key/ClusterTimerProbe/start" >/dev/null 2>&1 && started=$((started + 1))
  done
  echo "$started" > "$OUT/timers-started-$2.txt"
}
start_probes "$NODE1" 1 &
PROBES1=$!
start_probes "$NODE2" 2 &
PROBES2=$!
post_outbox() { # node-url count
  curl -fs -u "$AUTH" -X POST "$1/api/admin/bench/outbox?count=$2&rate=$RATE&threads=4&perTransaction=1"
}
post_outbox "$NODE1" $((MESSAGES / 2)) > "$OUT/outbox-node1.json"
post_outbox "$NODE2" $((MESSAGES - MESSAGES / 2)) > "$OUT/outbox-node2.json"
curl -s -m 900 -u "$AUTH" -X POST \
  "$OUTSIDE_BASE/api/admin/bench/referrals?count=$((REFERRALS / 2))&threads=2&targetPort=$NODE1_PORT" \
  > "$OUT/referrals-node1.json" 2>&1 &
BACKGROUND+=($!)
curl -s -m 900 -u "$AUTH" -X POST \
  "$OUTSIDE_BASE/api/admin/bench/referrals?count=$((REFERRALS - REFERRALS / 2))&threads=2&targetPort=$NODE2_PORT" \
  > "$OUT/referrals-node2.json" 2>&1 &
BACKGROUND+=($!)
if [ "$FFT" -gt 0 ]; then
  curl -s -m 900 -u "$AUTH" -X POST "$OUTSIDE_BASE/api/admin/bench/fft?count=$FFT&threads=2&targetPort=$NODE2_PORT" \
    > "$OUT/fft.json" 2>&1 &
  BACKGROUND+=($!)
fi

sleep $((KILL_AFTER - (SECONDS - LOAD_STARTED) > 0 ? KILL_AFTER - (SECONDS - LOAD_STARTED) : 0))
if [ "${CLUSTER_NO_KILL:-0}" = 1 ]; then
  say "CLUSTER_NO_KILL=1: both nodes stay up"
else
  # Mid-work: wait (up to 15 s) for a moment when some node holds locked jobs, so that the kill may catch node 1's.
  for _ in $(seq 1 30); do
    [ "$(sql "select count(*) from act_ru_job where lock_owner_ is not null")" -gt 0 ] && break
    sleep 0.5
  done
  IN_FLIGHT="$(sql "select status, count(*) from outbox_message group by status order by 1" | tr '\t\n' '= ')"
  JOBS_HELD="$(sql "select lock_owner_, count(*) from act_ru_job where lock_owner_ is not null group by 1" \
    | awk -F'\t' '{printf "%s%s by %.8s", (NR > 1 ? ", " : ""), $2, $1}')"
  # What was not yet recorded accepted just before the kill, then what the receivers had just after it: a text or
  # mail in both was in node 1's hands between its receiver's answer and the ledger's commit (hazard H08).
  sql "select id from outbox_message where status not in ('SENT', 'DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE')" \
    > "$OUT/unaccepted-at-kill.txt"
  kill -9 "$NODE1_PID"
  say "node 1 killed with SIGKILL (outbox then: $IN_FLIGHT; jobs locked: ${JOBS_HELD:-none})"
  NODE1_PID=""
  curl -fs -u "$AUTH" "$OUTSIDE_BASE/api/admin/bench/cluster/received" > "$OUT/received-at-kill.tsv"
  curl -fs -u "$AUTH" "$NODE2/api/admin/bench/cluster/ledger" > "$OUT/ledger-at-kill.tsv"
  awk -v unaccepted="$OUT/unaccepted-at-kill.txt" -v report=stray-keys -f "$ROOT/ops/bench/reconcile.awk" \
    "$OUT/ledger-at-kill.tsv" "$OUT/received-at-kill.tsv" > "$OUT/in-flight-at-kill.tsv"
  IN_FLIGHT_AT_KILL="$(cut -f1 "$OUT/in-flight-at-kill.tsv" | sort | uniq -c \
    | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')"
  say "received before the kill but not yet recorded accepted: ${IN_FLIGHT_AT_KILL:-none}"
fi
wait "$PROBES1" "$PROBES2" || true
TIMERS_STARTED=$(( $(cat "$OUT/timers-started-1.txt" 2>/dev/null || echo 0) + $(cat "$OUT/timers-started-2.txt" 2>/dev/null || echo 0) ))

# Node 2 finishes the work: nothing left to deliver, every probe ended, the client runs returned.
say "waiting up to $DRAIN s for node 2 to finish"
wait_for_drain "$DRAIN" "${BACKGROUND[@]}" || say "gave up waiting"
sleep 3  # receipts of the last texts

# ---------------------------------------------------------------- reconciliation
curl -fs -u "$AUTH" "$NODE2/api/admin/bench/cluster/ledger" > "$OUT/ledger.tsv"
curl -fs -u "$AUTH" "$OUTSIDE_BASE/api/admin/bench/cluster/received" > "$OUT/received.tsv"
FAILED=0
fail() { echo "  FAIL: $*"; FAILED=1; }
{
  echo "Two-node reconciliation, $STAMP (node 1 $( [ "${CLUSTER_NO_KILL:-0}" = 1 ] && echo "kept up" || echo "killed after ${KILL_AFTER}s"))"
  echo "outbox ledger by status: $(cut -f3 "$OUT/ledger.tsv" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')"
  awk -v inflight="$( [ -f "$OUT/in-flight-at-kill.tsv" ] && echo "$OUT/in-flight-at-kill.tsv")" \
    -f "$ROOT/ops/bench/reconcile.awk" "$OUT/ledger.tsv" "$OUT/received.tsv" || fail "outbox: messages lost, duplicated, unfinished or dead (above)"

  PROBES_ENDED="$(sql "select count(*) from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_
                       where d.key_ = 'ClusterTimerProbe' and p.end_time_ is not null")"
  FIRED_TWICE="$(sql "select count(*) from (select a.proc_inst_id_ from act_hi_actinst a
                      where a.act_id_ = 'EndEvent_ProbeFired' group by a.proc_inst_id_ having count(*) > 1) twice")"
  TIMERS_FIRED="$(sql "select count(*) from act_hi_actinst where act_id_ = 'Timer_ProbeDue' and end_time_ is not null")"
  echo "timers: $TIMERS_STARTED probes started, $PROBES_ENDED ended, $TIMERS_FIRED timer firings, $FIRED_TWICE fired twice"
  [ "$PROBES_ENDED" = "$TIMERS_STARTED" ] || fail "timer probes: $TIMERS_STARTED started but $PROBES_ENDED ended"
  [ "$TIMERS_FIRED" = "$TIMERS_STARTED" ] || fail "timers: $TIMERS_FIRED firings for $TIMERS_STARTED probes"
  [ "$FIRED_TWICE" = 0 ] || fail "timers: $FIRED_TWICE probes ended twice"

  INCIDENTS="$(sql "select count(*) from act_ru_incident")"
  DEAD_LOCKS="$(sql "select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ < now() - interval '5 seconds'")"
  echo "Camunda: $INCIDENTS incidents, $DEAD_LOCKS jobs still locked past their lock time"
  [ "$INCIDENTS" = 0 ] || fail "$INCIDENTS incidents: $(sql "select incident_msg_ from act_ru_incident limit 3")"
  [ "$DEAD_LOCKS" = 0 ] || fail "$DEAD_LOCKS jobs still held by a dead node"

  STORED="$(sql "select count(*) from referral")"
  TRIAGE="$(sql "select count(*) from act_ru_task where task_def_key_ = 'UserTask_TriageReferral'")"
  CREATED=0
  for f in "$OUT"/referrals-node*.json "$OUT"/warmup-*.json; do
    CREATED=$((CREATED + $(jq -r '.created // 0' "$f" 2>/dev/null || echo 0)))
  done
  echo "referrals (warm-up included): $CREATED answered 201, $STORED stored, $TRIAGE waiting at triage" \
    "($((STORED - CREATED)) stored whose answer went down with node 1: the GP system's retry gets 200)"
  [ "$STORED" -ge "$CREATED" ] || fail "referrals: $((CREATED - STORED)) answered 201 but not stored"
  [ "$TRIAGE" = "$STORED" ] || fail "referrals: $STORED stored but $TRIAGE triage tasks"

  if [ "$FFT" -gt 0 ]; then
    echo "FFT conversations by state/outcome: $(sql "select state || '/' || coalesce(outcome, '-'), count(*)
          from fft_conversation group by 1 order by 1" | tr '\t\n' '= ')"
    echo "FFT run: $(jq -c '{completed, secondsTotal, answerFailures, commentFailures}' "$OUT/fft.json" 2>/dev/null \
      || head -c 300 "$OUT/fft.json")"
    OPEN_FFT="$(sql "select count(*) from fft_conversation where state <> 'ENDED' or outcome <> 'COMPLETED'")"
    [ "$OPEN_FFT" = 0 ] || fail "FFT: $OPEN_FFT conversations not completed"
    REPLIES_OPEN="$(sql "select count(*) from inbound_message where channel = 'sms' and processed_at is null")"
    [ "$REPLIES_OPEN" = 0 ] || fail "FFT: $REPLIES_OPEN patient replies not handled"
  fi
  echo "node 2 peak RSS $(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$NODE2_PID/status") MiB;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/reconciliation.txt"
grep -q "FAIL:" "$OUT/reconciliation.txt" && FAILED=1
echo "Results in $OUT"
if [ "$FAILED" = 1 ]; then
  echo "RECONCILIATION FAILED"
  exit 1
fi
echo "RECONCILED: nothing lost, nothing twice"

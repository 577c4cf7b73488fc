# Shared by start.sh and stop.sh: where things live and how to run PostgreSQL's programs.
# PostgreSQL refuses to run as root, so as root every PostgreSQL program runs as PG_OS_USER.

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PG_HOME="${PG_HOME:-$HERE/.pg}"
PG_OS_USER="${PG_OS_USER:-handover-pg}"
PGPORT="${PGPORT:-55432}"
# The same binaries the tests use: the version the root pom manages.
PG_BINARIES_VERSION="${PG_BINARIES_VERSION:-$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' "$ROOT/pom.xml" 2>/dev/null | head -n1)}"
PG_BINARIES_VERSION="${PG_BINARIES_VERSION:-17.5.0}"
DIST="$PG_HOME/dist/$PG_BINARIES_VERSION"
DATA="$PG_HOME/data"
LOGDIR="$PG_HOME/log"

die() { echo "postgres: $*" >&2; exit 1; }
say() { echo "postgres: $*"; }

if [ "$(id -u)" = 0 ]; then AS_ROOT=1; else AS_ROOT=0; fi

# Runs a command as the user that owns the cluster.
as_pg() {
    if [ "$AS_ROOT" = 1 ]; then
        setpriv --reuid="$PG_OS_USER" --regid="$PG_OS_USER" --init-groups -- "$@"
    else
        "$@"
    fi
}

pg_ctl_() { as_pg "$DIST/bin/pg_ctl" "$@"; }

is_running() { [ -x "$DIST/bin/pg_ctl" ] && [ -f "$DATA/PG_VERSION" ] && pg_ctl_ -D "$DATA" status >/dev/null 2>&1; }

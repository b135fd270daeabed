#!/usr/bin/env bash
# Runs the store-neutral tests against a throw-away PostgreSQL cluster, then the two-instance
# test behind nginx and the failover test (test/failover.sh). Usage: scripts/pg-test.sh BUILD_DIR [CTEST_REGEX]
# The cluster lives in a temp dir (127.0.0.1, a free port, trust auth), runs as the `postgres`
# user when started as root (initdb refuses root), and is stopped and deleted on any exit.
set -euo pipefail
BUILD_DIR=$(cd "${1:?usage: scripts/pg-test.sh BUILD_DIR [CTEST_REGEX]}" && pwd)
REGEX=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

if [ ! -x "$PGBIN/initdb" ]; then
  echo "pg-test: $PGBIN/initdb not found (apt-get install postgresql-15)" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/ballast-pg.XXXXXX)
chmod 755 "$WORK"
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$WORK"
  AS=(runuser -u postgres --)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"${AS[@]}" "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log" >&2; exit 1; }
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off -c synchronous_commit=off -c max_connections=200" \
  start >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

export BALLAST_TEST_PG="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "pg-test: PostgreSQL on 127.0.0.1:$PORT"

status=0
(cd "$BUILD_DIR" && ctest -L store_neutral ${REGEX:+-R "$REGEX"} --output-on-failure -j2) || status=1
if [ -z "$REGEX" ]; then
  "$ROOT/test/multi_instance.sh" "$BUILD_DIR" "$PORT" || status=1
  # A primary and a synchronous standby of its own (two more throw-away servers).
  PGBIN="$PGBIN" "$ROOT/test/failover.sh" "$BUILD_DIR" || status=1
fi
exit $status

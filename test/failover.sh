#!/usr/bin/env bash
# Failover (issue 11 item 3): a primary with a synchronous streaming-replication hot standby; a
# `ballast serve` whose --db names both hosts (target_session_attrs=read-write). Imports run one
# after another through the API; the primary is killed with SIGKILL while they run, the standby
# is promoted, and then:
#   - every import that was answered 201 is on the new primary, whole (its figure reads back);
#   - no half batch is visible (`ballast check`: every batch holds all its rows);
#   - the instance reconnects by itself (no restart) and serves the figures and new imports.
# Usage: test/failover.sh BUILD_DIR  (called by scripts/pg-test.sh; starts its own two servers).
set -euo pipefail
BUILD_DIR=$(cd "${1:?usage: test/failover.sh BUILD_DIR}" && pwd)
BALLAST="$BUILD_DIR/src/cli/ballast"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
W=$(mktemp -d /tmp/ballast-failover.XXXXXX)
chmod 755 "$W"
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$W"
  AS=(runuser -u postgres --)
fi
PIDS=()
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P1=$(free_port); P2=$(free_port); PS=$(free_port)
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for d in primary standby; do "${AS[@]}" "$PGBIN/pg_ctl" -D "$W/$d" -m immediate stop >/dev/null 2>&1 || true; done
  rm -rf "$W"
}
trap cleanup EXIT
fail() {
  echo "failover: FAILED: $*" >&2
  for f in "$W"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }; done
  exit 1
}
pg() { "${AS[@]}" "$PGBIN/$@"; }
sql() { psql -qAt "postgresql://postgres@127.0.0.1:$1/postgres" -c "$2"; }

# The primary: every commit waits for the standby (synchronous_standby_names), so an answered
# import is on both machines.
pg initdb -D "$W/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$W/initdb.log" 2>&1 || fail "initdb"
cat >>"$W/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = '$W'
wal_level = replica
max_wal_senders = 4
synchronous_standby_names = '*'
synchronous_commit = on
EOF
echo "host replication postgres 127.0.0.1/32 trust" >>"$W/primary/pg_hba.conf"
pg pg_ctl -D "$W/primary" -l "$W/primary.log" -w start >/dev/null || fail "primary start"
pg pg_basebackup -h 127.0.0.1 -p "$P1" -U postgres -D "$W/standby" -R -X stream >"$W/basebackup.log" 2>&1 ||
  fail "pg_basebackup"
sed -i "s/^port = .*/port = $P2/" "$W/standby/postgresql.conf"
# Once promoted it has no standby of its own: waiting for one would stop every commit.
echo "synchronous_standby_names = ''" >>"$W/standby/postgresql.conf"
pg pg_ctl -D "$W/standby" -l "$W/standby.log" -w start >/dev/null || fail "standby start"
for _ in $(seq 100); do
  [ "$(sql "$P1" "SELECT sync_state FROM pg_stat_replication" 2>/dev/null)" = sync ] && break
  sleep 0.1
done
[ "$(sql "$P1" "SELECT sync_state FROM pg_stat_replication")" = sync ] || fail "the standby is not synchronous"

sql "$P1" "CREATE DATABASE ballast" >/dev/null
URI="postgresql://postgres@127.0.0.1:$P1,127.0.0.1:$P2/ballast?target_session_attrs=read-write&connect_timeout=2"
KEY="$W/audit.key"
"$BALLAST" init --db "$URI" --audit-key "$KEY" >"$W/init.out" 2>&1 || fail "init: $(cat "$W/init.out")"
PASSWORD=$(sed -n "s/.*user 'admin', password '\([^']*\)'.*/\1/p" "$W/init.out")
[ -n "$PASSWORD" ] || fail "no admin password in the output of init"
printf 'uscc,name,region,industry,size,tags\n91310110666007217T,甲装备有限公司,410102,3311,large,\n' >"$W/e.csv"
"$BALLAST" import --db "$URI" --audit-key "$KEY" "$W/e.csv" >"$W/import-e.log" 2>&1 || fail "enterprises"

"$BALLAST" serve --db "$URI" --audit-key "$KEY" --port "$PS" --no-access-log >"$W/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PS/api/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PS/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') ||
  fail "login"

# Month k of 2000-01 … carries the value 1000 + k: a batch read back proves itself whole.
month() { python3 -c "import sys; k=int(sys.argv[1]); print('%04d-%02d' % (2000 + k // 12, k % 12 + 1))" "$1"; }
import_month() {  # prints the HTTP status of importing month $1 (000 when the request failed)
  local p; p=$(month "$1")
  printf 'uscc,period,indicator,value,ytd,prior,prior_ytd\n91310110666007217T,%s,output_value,%d,,,\n' "$p" "$((1000 + $1))" \
    >"$W/o-$1.csv"
  curl -s -m 20 -o "$W/answer-$1.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -F "file=@$W/o-$1.csv" "http://127.0.0.1:$PS/api/v1/imports" || true
}
value_of_month() {
  curl -s -m 20 -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PS/api/v1/cell?indicator=output_value&measure=value&region=410102&period=$(month "$1")" |
    python3 -c 'import json,sys
try: v = json.load(sys.stdin).get("value")
except Exception: v = None
print("none" if v is None else "%g" % v)'
}

# Imports in the background; the primary dies under them.
: >"$W/acked"
(
  for k in $(seq 0 29); do
    code=$(import_month "$k")
    echo "$k $code" >>"$W/codes"
    [ "$code" = 201 ] && echo "$k" >>"$W/acked"
  done
) &
IMPORTER=$!
for _ in $(seq 200); do [ "$(wc -l <"$W/acked")" -ge 5 ] && break; sleep 0.05; done
[ "$(wc -l <"$W/acked")" -ge 5 ] || fail "imports do not go through before the failover"
PRIMARY_PID=$(head -1 "$W/primary/postmaster.pid")
# SIGKILL to the postmaster and every backend at once: the machine is gone.
kill -9 $(ps -o pid= --ppid "$PRIMARY_PID") "$PRIMARY_PID" 2>/dev/null || true
killed_after=$(wc -l <"$W/acked")
sleep 1
pg pg_ctl -D "$W/standby" -w promote >/dev/null || fail "promote"
wait "$IMPORTER" || true
acked=$(wc -l <"$W/acked")
[ "$acked" -gt "$killed_after" ] || fail "no import succeeded after the promotion (the instance did not reconnect): $(tail -5 "$W/codes")"

# Every answered import is there, whole; nothing else is half there.
while read -r k; do
  v=$(value_of_month "$k")
  [ "$v" = "$((1000 + k))" ] || fail "import of $(month "$k") was answered 201 but reads $v after the failover"
done <"$W/acked"
"$BALLAST" check --db "$URI" --audit-key "$KEY" >"$W/check.log" 2>&1 || fail "check: $(cat "$W/check.log")"
lost=$(awk '$2 != 201' "$W/codes" | wc -l)
echo "failover: ok ($killed_after imports answered before SIGKILL of the primary, $acked after the promotion, $lost refused while it was down; all answered imports whole on the new primary)"

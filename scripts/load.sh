#!/usr/bin/env bash
# `make load` (issue 11 item 5): a measured load on this machine. Generates the national data set
# (the generator of `make bench` through `ballast demo --province all`), serves it with two
# instances behind nginx, logs in once, and runs wrk with the realistic mix of scripts/load/mix.lua.
# Reports throughput, p50/p99 per route (from nginx's log), errors and memory per instance.
#   LOAD_ENTERPRISES (500000)  LOAD_MONTHS (24)  LOAD_DURATION (5m)  LOAD_CONNECTIONS (64)
#   LOAD_IMPORT_PERCENT (1)    LOAD_DB (a SQLite file in LOAD_WORK)
#   LOAD_PG=1                  PostgreSQL instead: a cluster of its own in LOAD_WORK, kept for the next run
#   LOAD_WORK (build/load)     LOAD_PORT (18080: nginx; the instances take the next two ports)
#   LOAD_THREADS (8)           worker threads per instance (`serve --threads`)
#   LOAD_WARMUP                the same mix first for this long (e.g. 90s), not counted
#   LOAD_SERVE_ARGS            more `ballast serve` flags (e.g. --answer-cache 0 to measure without the cache)
# Usage: scripts/load.sh [path/to/ballast]
set -euo pipefail
cd "$(dirname "$0")/.."
BALLAST=${1:-build/release/src/cli/ballast}
N=${LOAD_ENTERPRISES:-500000}
MONTHS=${LOAD_MONTHS:-24}
DURATION=${LOAD_DURATION:-5m}
CONNECTIONS=${LOAD_CONNECTIONS:-64}
# Worker threads per instance: more than the cores only adds switching, and starves nginx's one
# worker of CPU (requests then wait before nginx reads them, where its $request_time cannot see).
THREADS=${LOAD_THREADS:-8}
IMPORT_PERCENT=${LOAD_IMPORT_PERCENT:-1}
WORK=$(realpath -m "${LOAD_WORK:-build/load}")
PROXY_PORT=${LOAD_PORT:-18080}
PORTS=($((PROXY_PORT + 1)) $((PROXY_PORT + 2)))
DB=${LOAD_DB:-$WORK/national-$N-$MONTHS.db}
CSV_DIR=$WORK/csv-$N-$MONTHS
mkdir -p "$WORK"
pids=()
pg_stop=()
KEYARG=()
cleanup() {
  [ -f "$WORK/nginx.pid" ] && nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ ${#pg_stop[@]} -gt 0 ]; then "${pg_stop[@]}" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# LOAD_PG=1: the store is PostgreSQL 15, a cluster of this script's own in LOAD_WORK (127.0.0.1,
# port LOAD_PORT + 3, default durability: fsync and synchronous commit on), kept with its data
# for the next run and stopped on exit. LOAD_PG_ARGS adds server settings (e.g. "-c fsync=off"
# to see what durability costs; never for a figure of record).
if [ "${LOAD_PG:-0}" = 1 ]; then
  PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
  [ -x "$PGBIN/initdb" ] || { echo "load: $PGBIN/initdb not found (scripts/install-deps.sh)" >&2; exit 1; }
  PGDIR=$WORK/pg-$N-$MONTHS
  CSV_DIR=$WORK/csv-pg-$N-$MONTHS  # not the SQLite set's: that one stays whole
  PG_PORT=$((PROXY_PORT + 3))
  AS=()
  [ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
  if [ ! -f "$PGDIR/ready" ]; then
    rm -rf "$PGDIR" "$CSV_DIR"
    mkdir -p "$PGDIR"
    chmod 755 "$PGDIR" "$WORK"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
    "${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
      { cat "$WORK/initdb.log" >&2; exit 1; }
  fi
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDIR -c max_connections=200 -c shared_buffers=1GB ${LOAD_PG_ARGS:-}" \
    start >/dev/null || { cat "$PGDIR/server.log" >&2; exit 1; }
  pg_stop=("${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop)
  DB="postgresql://postgres@127.0.0.1:$PG_PORT/ballast"
  KEYARG=(--audit-key "$WORK/pg-$N-$MONTHS.audit-key")
  if [ ! -f "$PGDIR/ready" ]; then
    psql -q "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" -c "CREATE DATABASE ballast" >/dev/null
  fi
fi
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "load: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
[ -x "$BALLAST" ] || { echo "load: no binary at $BALLAST (make build)" >&2; exit 1; }

# 1. The data set, kept for the next run.
if [[ "$DB" != postgresql://* && ! -f "$DB" ]] || [ ! -d "$CSV_DIR" ] ||
   { [ "${LOAD_PG:-0}" = 1 ] && [ ! -f "$PGDIR/ready" ]; }; then
  echo "load: generating $N enterprises x $MONTHS months into $DB"
  rm -rf "$CSV_DIR"
  /usr/bin/time -f "load: generated and imported in %e s, peak %M KiB" \
    "$BALLAST" demo --db "$DB" "${KEYARG[@]}" --province all --enterprises "$N" --months "$MONTHS" --csv-dir "$CSV_DIR" >"$WORK/demo.log"
  if [ "${LOAD_PG:-0}" = 1 ]; then touch "$PGDIR/ready"; fi
fi
if [[ "$DB" == postgresql://* ]]; then
  echo "load: database size $(psql -tA "$DB" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
fi
password="load-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
if ! "$BALLAST" user "${KEYARG[@]}" add loadtest --db "$DB" --role admin --region 100000 --password-stdin <<<"$password" >/dev/null 2>&1; then
  "$BALLAST" user "${KEYARG[@]}" passwd loadtest --db "$DB" --password-stdin <<<"$password" >/dev/null
fi
# Enterprises whose figures the imports revise.
enterprises_csv=$(grep -l '^uscc,name' "$CSV_DIR"/*.csv | head -1)
tail -n +2 "$enterprises_csv" | cut -d, -f1 | shuf -n 500 --random-source=<(yes) >"$WORK/usccs.txt"

# 2. Two instances and nginx; everything started here is stopped on exit.
for port in "${PORTS[@]}"; do
  # shellcheck disable=SC2086 # LOAD_SERVE_ARGS is a list of flags
  "$BALLAST" serve --db "$DB" "${KEYARG[@]}" --port "$port" --threads "$THREADS" --trusted-proxy 127.0.0.1/32 ${LOAD_SERVE_ARGS:-} \
    >"$WORK/instance-$port.out" 2>"$WORK/instance-$port.log" &
  pids+=($!)
done
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  log_format load '\$http_x_load_route \$status \$request_time \$upstream_response_time \$request_id \$msec';
  access_log $WORK/nginx-access.log load buffer=256k;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  client_body_buffer_size 1m;
  client_max_body_size 64m;
  upstream ballast {
    least_conn;
    server 127.0.0.1:${PORTS[0]};
    server 127.0.0.1:${PORTS[1]};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://ballast;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id \$request_id;
      proxy_read_timeout 120s;
    }
  }
}
NGINX
rm -f "$WORK/nginx-access.log"
i=0
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/api/v1/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "load: instance on $port exited:" >&2; tail -3 "$WORK/instance-$port.log" >&2; exit 1; }
    sleep 1
  done
  i=$((i + 1))
  curl -sf "http://127.0.0.1:$port/api/v1/ready" >/dev/null || { echo "load: instance on $port not ready" >&2; exit 1; }
done
nginx -p "$WORK" -c "$WORK/nginx.conf"
base="http://127.0.0.1:$PROXY_PORT"

# 3. Log in once through nginx; the session cookie and CSRF token drive wrk.
session=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"loadtest\",\"password\":\"$password\"}" "$base/api/v1/session")
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$session")
export LOAD_COOKIE="ballast_session=$token"
export LOAD_CSRF=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])' <<<"$session")
periods=$(curl -sf -H "Cookie: $LOAD_COOKIE" "$base/api/v1/periods")
export LOAD_PERIOD=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["latest"] if isinstance(d,dict) and "latest" in d else (d["periods"] if isinstance(d,dict) else d)[-1])' <<<"$periods")
export LOAD_FROM=$(python3 -c 'import sys; y,m=map(int,sys.argv[1].split("-")); t=y*12+m-1-11; print(f"{t//12:04d}-{t%12+1:02d}")' "$LOAD_PERIOD")
export LOAD_IMPORT_PERCENT=$IMPORT_PERCENT LOAD_USCC_FILE="$WORK/usccs.txt"
rss_before=()
for p in "${pids[@]}"; do rss_before+=("$(awk '/VmRSS/{print $2}' /proc/$p/status)"); done

# 4. The run, after LOAD_WARMUP of the same mix whose figures are not counted (the first pass
#    computes every answer of the mix once per instance: at 500,000 enterprises a minute or more).
if [ -n "${LOAD_WARMUP:-}" ]; then
  echo "load: warming up for $LOAD_WARMUP (not counted)"
  wrk -t2 -c"$CONNECTIONS" -d"$LOAD_WARMUP" --timeout 30s -s scripts/load/mix.lua "$base/" >"$WORK/warmup.txt"
  : >"$WORK/nginx-access.log"
  nginx -p "$WORK" -c "$WORK/nginx.conf" -s reopen
  sleep 1
fi
echo "load: $N enterprises, $MONTHS months to $LOAD_PERIOD; wrk -t2 -c$CONNECTIONS -d$DURATION through nginx to two instances"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s scripts/load/mix.lua "$base/" | tee "$WORK/wrk.txt"
nginx -p "$WORK" -c "$WORK/nginx.conf" -s reopen  # flushes the buffered log
sleep 1
{
  echo "per route (nginx \$request_time):"
  python3 scripts/load/routes.py "$WORK/nginx-access.log"
  echo "where they waited (nginx against inside the instance, joined by request id):"
  python3 scripts/load/waits.py "$WORK"
  i=0
  for p in "${pids[@]}"; do
    echo "instance ${PORTS[$i]}: RSS $(( ${rss_before[$i]} / 1024 )) MiB before, $(awk '/VmRSS/{print int($2/1024)}' /proc/$p/status) MiB after, peak $(awk '/VmHWM/{print int($2/1024)}' /proc/$p/status) MiB"
    i=$((i + 1))
  done
  echo "batches: $("$BALLAST" batches --db "$DB" "${KEYARG[@]}" | tail -n +2 | wc -l)"
} | tee "$WORK/report.txt"

#!/usr/bin/env bash
# Two `ballast serve` on one PostgreSQL behind nginx: log in through the proxy, import through the
# proxy, then read the new figure from each instance directly (within about a second of the
# import's 201), and check that the session and the audit chain are shared.
# Usage: test/multi_instance.sh BUILD_DIR PG_PORT  (a cluster with trust auth on 127.0.0.1, as
# scripts/pg-test.sh starts; called by it).
set -euo pipefail
BUILD_DIR=$(cd "$1" && pwd)
PG_PORT=$2
BALLAST="$BUILD_DIR/src/cli/ballast"
ADMIN="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
DB="ballast_multi_$$"
URI="postgresql://postgres@127.0.0.1:$PG_PORT/$DB"
W=$(mktemp -d /tmp/ballast-multi.XXXXXX)
chmod 755 "$W"
PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT
fail() { echo "multi_instance: FAILED: $*" >&2; for f in "$W"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }

psql -q "$ADMIN" -c "CREATE DATABASE $DB" >/dev/null
KEY="$W/audit.key"
"$BALLAST" init --db "$URI" --audit-key "$KEY" >"$W/init.out" || fail "init"
PASSWORD=$(sed -n "s/.*user 'admin', password '\([^']*\)'.*/\1/p" "$W/init.out")
[ -n "$PASSWORD" ] || fail "no admin password in the output of init"

cat >"$W/e.csv" <<'EOF'
uscc,name,region,industry,size,tags
91310110666007217T,甲装备有限公司,410102,3311,large,
91310115591693856A,乙食品有限公司,410102,1311,medium,
EOF
cat >"$W/o1.csv" <<'EOF'
uscc,period,indicator,value,ytd,prior,prior_ytd
91310110666007217T,2025-03,output_value,1000,,,
91310115591693856A,2025-03,output_value,500,,,
EOF
# The new figure: 郑州市中原区 (410102) output value in 2025-04 = 1200 + 300 = 1500.
cat >"$W/o2.csv" <<'EOF'
uscc,period,indicator,value,ytd,prior,prior_ytd
91310110666007217T,2025-04,output_value,1200,,,
91310115591693856A,2025-04,output_value,300,,,
EOF
"$BALLAST" import --db "$URI" --audit-key "$KEY" "$W/e.csv" "$W/o1.csv" >"$W/import.log" 2>&1 || fail "CLI import"

P1=$(free_port); P2=$(free_port); P0=$(free_port)
for p in "$P1" "$P2"; do
  "$BALLAST" serve --db "$URI" --audit-key "$KEY" --port "$p" --trusted-proxy 127.0.0.1/32 --threads 8 \
    >"$W/serve-$p.log" 2>&1 &
  PIDS+=($!)
done
mkdir -p "$W/nginx-tmp"
chmod 777 "$W/nginx-tmp"
cat >"$W/nginx.conf" <<EOF
daemon off;
pid $W/nginx.pid;
error_log $W/nginx-error.log warn;
worker_processes 1;
events { worker_connections 256; }
http {
  access_log $W/nginx-access.log;
  client_body_temp_path $W/nginx-tmp/body;
  proxy_temp_path $W/nginx-tmp/proxy;
  fastcgi_temp_path $W/nginx-tmp/fastcgi;
  uwsgi_temp_path $W/nginx-tmp/uwsgi;
  scgi_temp_path $W/nginx-tmp/scgi;
  client_max_body_size 64m;
  upstream ballast { server 127.0.0.1:$P1; server 127.0.0.1:$P2; }
  server {
    listen 127.0.0.1:$P0;
    location / {
      proxy_pass http://ballast;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
EOF
nginx -c "$W/nginx.conf" -p "$W" >"$W/nginx.log" 2>&1 &
PIDS+=($!)

for p in "$P1" "$P2" "$P0"; do
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$p/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$p/api/v1/health" >/dev/null || fail "port $p does not answer"
done

CELL="/api/v1/cell?indicator=output_value&period=2025-04&measure=value&region=410102"
value_of() {  # prints the cell's value as the instance at port $1 sees it ("none" before the import)
  curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1$CELL" | python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
except Exception:
    print("none"); sys.exit()
def find(x):
    if isinstance(x, dict):
        if "value" in x and isinstance(x["value"], (int, float)): return x["value"]
        for v in x.values():
            r = find(v)
            if r is not None: return r
    if isinstance(x, list):
        for v in x:
            r = find(v)
            if r is not None: return r
    return None
v = find(d)
print("none" if v is None else ("%g" % v))'
}

# Log in through the proxy; the session lives in the database, so both instances know it.
curl -fs -c "$W/cookies" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$P0/api/v1/session" >"$W/login.json" ||
  fail "login through the proxy"
TOKEN=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("token",""))' "$W/login.json")
CSRF=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("csrf_token",""))' "$W/login.json")
[ -n "$CSRF" ] || fail "no CSRF token in the login answer: $(cat "$W/login.json")"
if [ -z "$TOKEN" ]; then  # the cookie carries the session
  TOKEN=$(awk '$6 ~ /ballast|session/ {print $7}' "$W/cookies" | tail -1)
fi
for p in "$P1" "$P2"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$W/cookies" "http://127.0.0.1:$p/api/v1/session")
  [ "$code" = 200 ] || fail "instance $p does not know the session made through the proxy ($code)"
done
for p in "$P1" "$P2"; do
  v=$(value_of "$p")
  [ "$v" != 1500 ] || fail "instance $p has the figure before the import"
done

# Import through the proxy (cookie + CSRF token), then poll both instances every 50 ms, all in
# one process: the time measured from the 201 is the instances', not that of starting a curl and
# a python per poll (which took most of a second on a busy machine).
COOKIE=$(awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$W/cookies")
late=$(python3 - "$P0" "$P1" "$P2" "$COOKIE" "$CSRF" "$TOKEN" "$CELL" "$W/o2.csv" "$W/import.json" <<'PY'
import json, sys, time, urllib.error, urllib.request, uuid
p0, p1, p2, cookie, csrf, token, cell, csv_path, out_path = sys.argv[1:10]
boundary = uuid.uuid4().hex
body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="o2.csv"\r\n'
        'Content-Type: text/csv\r\n\r\n').encode() + open(csv_path, 'rb').read() + \
       f'\r\n--{boundary}--\r\n'.encode()
req = urllib.request.Request(f'http://127.0.0.1:{p0}/api/v1/imports', data=body, method='POST',
                             headers={'Cookie': cookie, 'X-CSRF-Token': csrf,
                                      'Content-Type': f'multipart/form-data; boundary={boundary}'})
try:
    with urllib.request.urlopen(req) as r:
        code, answer = r.status, r.read()
except urllib.error.HTTPError as e:
    code, answer = e.code, e.read()
t0 = time.monotonic()
open(out_path, 'wb').write(answer)
if code != 201:
    print(f'import through the proxy answered {code}: {answer.decode(errors="replace")}')
    sys.exit(2)

def find(x):
    if isinstance(x, dict):
        if 'value' in x and isinstance(x['value'], (int, float)): return x['value']
        x = list(x.values())
    if isinstance(x, list):
        for v in x:
            r = find(v)
            if r is not None: return r
    return None

def value(port):
    req = urllib.request.Request(f'http://127.0.0.1:{port}{cell}',
                                 headers={'Authorization': f'Bearer {token}'})
    try:
        with urllib.request.urlopen(req) as r:
            return find(json.load(r))
    except Exception:
        return None

seen = {}
while len(seen) < 2:
    for port in (p1, p2):
        if port not in seen and value(port) == 1500:
            seen[port] = time.monotonic() - t0
    if len(seen) < 2 and time.monotonic() - t0 > 3:
        print(f'figure not seen after {time.monotonic() - t0:.2f}s (P1: {value(p1)}, P2: {value(p2)})')
        sys.exit(3)
    time.sleep(0.05)
print('%.2f' % max(seen.values()))
PY
) || fail "$late"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 1.2 else 1)" "$late" || fail "an instance saw the import only after ${late}s (more than 1 s)"
echo "multi_instance: both instances answered the imported figure ${late}s after the 201"

# Both instances wrote to one audit chain (logins, import): it verifies.
"$BALLAST" audit verify --db "$URI" --audit-key "$KEY" >"$W/verify.log" 2>&1 || fail "audit verify: $(cat "$W/verify.log")"
"$BALLAST" check --db "$URI" --audit-key "$KEY" >"$W/check.log" 2>&1 || fail "check: $(cat "$W/check.log")"
# `ballast copy` PostgreSQL → SQLite → PostgreSQL → SQLite: the commands print the same on each.
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
wait 2>/dev/null || true
PIDS=()
DB2="${DB}_copy"
URI2="postgresql://postgres@127.0.0.1:$PG_PORT/$DB2"
psql -q "$ADMIN" -c "CREATE DATABASE $DB2" >/dev/null
trap 'psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB2 WITH (FORCE)" >/dev/null 2>&1 || true; cleanup' EXIT
"$BALLAST" copy --from "$URI" --audit-key "$KEY" --to "$W/a.db" --to-audit-key "$W/a.key" >"$W/copy1.log" 2>&1 || fail "copy to SQLite"
"$BALLAST" copy --from "$W/a.db" --audit-key "$W/a.key" --to "$URI2" --to-audit-key "$W/b.key" >"$W/copy2.log" 2>&1 || fail "copy to PostgreSQL"
"$BALLAST" copy --from "$URI2" --audit-key "$W/b.key" --to "$W/c.db" --to-audit-key "$W/c.key" >"$W/copy3.log" 2>&1 || fail "copy back to SQLite"
describe() {  # the answers that must not change (the store's name removed from check's line)
  "$BALLAST" batches --db "$1" --audit-key "$2"
  "$BALLAST" user list --db "$1" --audit-key "$2"
  "$BALLAST" audit verify --db "$1" --audit-key "$2"
  "$BALLAST" check --db "$1" --audit-key "$2" | sed 's/^store .* is consistent/store is consistent/'
}
describe "$URI" "$KEY" >"$W/d0.txt" 2>&1 || fail "describing the original: $(cat "$W/d0.txt")"
for pair in "$W/a.db $W/a.key" "$URI2 $W/b.key" "$W/c.db $W/c.key"; do
  set -- $pair
  describe "$1" "$2" >"$W/d.txt" 2>&1 || fail "describing the copy $1: $(cat "$W/d.txt")"
  cmp -s "$W/d0.txt" "$W/d.txt" || fail "the copy $1 differs: $(diff "$W/d0.txt" "$W/d.txt")"
done
echo "multi_instance: ok (two instances behind nginx; the new figure on both ${late}s after the 201)"

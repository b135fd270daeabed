#!/usr/bin/env bash
# End-to-end tests of the web UI in Debian's Chromium against the real server.
#
#   bash web/e2e/run.sh path/to/ballast      # the real binary (what `make test` runs)
#   E2E_ONLY=projects bash web/e2e/run.sh BIN  # only e2e/*projects*.test.mjs (default: every file)
#
# Creates a temporary demo store (1,500 enterprises), a few progress reports on policy targets,
# evaluates the warning rules (`ballast warn`), creates the test users (analyst e2e and viewer
# viewer scoped to 河南省 410000, analyst city scoped to 郑州市 410100), starts `ballast serve` on a free loopback
# port, waits for /api/v1/health (the enterprise-service users ent, disp and unit are created by
# e2e/appeals.test.mjs through POST /users as the administrator), runs e2e/*.test.mjs with node's test runner, and stops the
# server on exit. Screenshots go to web/e2e/artifacts/.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BALLAST_BINARY" >&2
  exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WEB="$(dirname "$HERE")"
REPO="$(dirname "$WEB")"
BIN="$1"
# a relative binary path is relative to where run.sh was started, not to web/
if [ ! -x "$BIN" ]; then
  echo "e2e: $BIN is not an executable ballast binary" >&2
  exit 2
fi
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
ENTERPRISES="${E2E_ENTERPRISES:-1500}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
  echo "e2e: $CHROMIUM not found (Debian packages: chromium fonts-noto-cjk)" >&2
  exit 1
fi

# The UI must be built; rebuild when a source file is newer than the build.
cd "$WEB"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/vite ]; then
  npm ci --no-audit --no-fund
fi
if [ ! -f dist/index.html ] || [ -n "$(find src index.html package-lock.json vite.config.ts -newer dist/index.html -print -quit 2>/dev/null)" ]; then
  npm run build
fi

# The province analyst the tests run as (and the password of every test user).
export E2E_USER="${E2E_USER:-e2e}"
export E2E_PASSWORD="${E2E_PASSWORD:-secret-pass-123}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ballast-e2e.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
echo "e2e: creating a demo store with $ENTERPRISES enterprises"
start=$(date +%s)
"$BIN" demo --db "$TMP/store.db" --enterprises "$ENTERPRISES" >"$TMP/demo.log" 2>&1 || { cat "$TMP/demo.log" >&2; exit 1; }
echo "e2e: store ready in $(( $(date +%s) - start )) s"
# The users the tests log in as: the province analyst (every page), a viewer of the province
# (no enterprise data, no imports) and an analyst of 郑州市 (a scope below the province).
add_user() { printf '%s\n' "$E2E_PASSWORD" | "$BIN" user add "$1" --db "$TMP/store.db" --role "$2" --region "$3" --password-stdin >/dev/null; }
add_user "$E2E_USER" analyst 410000
add_user viewer viewer 410000
add_user city analyst 410100
# The administrator `ballast demo` created (its password is printed once): the tests create an
# enterprise user with it through the API.
E2E_ADMIN_PASSWORD="$(sed -n "s/^first administrator: user 'admin', password '\([^']*\)'.*/\1/p" "$TMP/demo.log")"
export E2E_ADMIN_PASSWORD
# Some progress reports, so that the targets board shows every status (the units' reports are
# not part of the demo), then evaluate the warning rules so that alerts exist.
if "$BIN" progress --help >/dev/null 2>&1; then
  progress() { "$BIN" progress add --db "$TMP/store.db" --target "$1" --value "$2" --date "$3" --note "$4" --user demo >/dev/null; }
  progress henan2022.1.enterprises_served 52340 2022-12-28 "省工业和信息化厅报送"
  progress henan2022.7.new_5g_base_stations 41200 2022-12-31 "省通信管理局报送"
  progress henan2022.9.land_revitalised 19.6 2022-12-31 "省发展改革委报送"
  progress tm2027.digital_rd_tools 76.5 2024-06-30 "工业和信息化部报送"
  progress tm2027.digital_rd_tools 87.1 2026-09-30 "工业和信息化部报送"
  progress tm2027.nc_key_processes 58.1 2024-06-30 "工业和信息化部报送"
  progress tm2027.nc_key_processes 66.2 2026-09-30 "工业和信息化部报送"
  progress tm2027.water_per_value_added -7.9 2025-12-31 "工业和信息化部报送"
else
  echo "e2e: this ballast has no 'progress' command: the targets board starts without reports" >&2
fi
if "$BIN" warn --help >/dev/null 2>&1; then
  "$BIN" warn --db "$TMP/store.db" >"$TMP/warn.log" 2>&1 || { cat "$TMP/warn.log" >&2; exit 1; }
  echo "e2e: $(grep -m1 '^firing' "$TMP/warn.log" || echo 'rules evaluated')"
else
  echo "e2e: this ballast has no 'warn' command: alerts only as far as 'demo' made them" >&2
fi
"$BIN" serve --db "$TMP/store.db" --host 127.0.0.1 --port "$PORT" --web "$WEB/dist" --geo "$REPO/data/geo" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!

export BALLAST_URL="http://127.0.0.1:$PORT"
healthy() {
  node -e "fetch(process.env.BALLAST_URL+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
}
for _ in $(seq 1 150); do
  if healthy; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "e2e: the server exited:" >&2
    cat "$TMP/serve.log" >&2
    exit 1
  fi
  sleep 0.2
done
healthy || { echo "e2e: no health at $BALLAST_URL" >&2; cat "$TMP/serve.log" >&2; exit 1; }
echo "e2e: server at $BALLAST_URL"

# Unit tests of the formatting rules first (vitest, ~1 s).
npx --no-install vitest run --reporter=dot

mkdir -p "$HERE/artifacts"
status=0
node --test --test-concurrency=1 "$HERE"/*${E2E_ONLY:-}*.test.mjs || status=$?
if [ $status -ne 0 ]; then
  echo "e2e: server log (last 40 lines):" >&2
  tail -n 40 "$TMP/serve.log" >&2 || true
fi
echo "e2e: screenshots in $HERE/artifacts/"
exit $status

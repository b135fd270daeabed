#!/usr/bin/env bash
# Does a large import hold the other requests of its instance back? (docs/operations.md, "A large
# import on the serving instance".) Needs the PostgreSQL set of `LOAD_PG=1 make load` (kept in
# LOAD_WORK). Starts that cluster and one instance, posts a revision of IMPORT_ROWS (200000)
# output values of the newest month through /api/v1/imports, and meanwhile asks one cached series
# every 20 ms; prints the import's answer and time and the series' p50, p99 and longest time.
#   LOAD_ENTERPRISES (500000)  LOAD_MONTHS (24)  LOAD_WORK (build/load)  LOAD_PORT (18080)
# Usage: scripts/load/import-stall.sh [path/to/ballast]
set -euo pipefail
cd "$(dirname "$0")/../.."
BALLAST=${1:-build/release/src/cli/ballast}
N=${LOAD_ENTERPRISES:-500000}
MONTHS=${LOAD_MONTHS:-24}
ROWS=${IMPORT_ROWS:-200000}
WORK=$(realpath -m "${LOAD_WORK:-build/load}")
PGDIR=$WORK/pg-$N-$MONTHS
CSV_DIR=$WORK/csv-pg-$N-$MONTHS
PG_PORT=$((${LOAD_PORT:-18080} + 3))
PORT=$((${LOAD_PORT:-18080} + 4))
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -f "$PGDIR/ready" ] || { echo "import-stall: no cluster in $PGDIR (LOAD_PG=1 make load first)" >&2; exit 1; }
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -f "$WORK/stall-probe.done"
}
trap cleanup EXIT
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDIR -c max_connections=200 -c shared_buffers=1GB" \
  start >/dev/null
DB="postgresql://postgres@127.0.0.1:$PG_PORT/ballast"
KEYARG=(--audit-key "$WORK/pg-$N-$MONTHS.audit-key")

# The revision: the first ROWS output values of the newest month, each 0.001-10 % higher (another
# factor each run: the same file again would be answered as unchanged, without a batch).
newest=$(ls "$CSV_DIR"/observations_*.csv | sort | tail -1)
python3 - "$newest" "$ROWS" "$WORK/stall-import.csv" <<'PY'
import random, sys
src, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
factor = 1 + random.randint(1, 9999) / 100000
with open(src) as f, open(out, "w") as o:
    o.write(next(f))
    n = 0
    for line in f:
        p = line.rstrip("\n").split(",")
        if p[2] != "output_value" or not p[3]:
            continue
        p[3], p[4] = f"{float(p[3]) * factor:.1f}", ""
        o.write(",".join(p) + "\n")
        n += 1
        if n >= rows:
            break
PY

password="stall-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
if ! "$BALLAST" user "${KEYARG[@]}" add stalltest --db "$DB" --role admin --region 100000 --password-stdin <<<"$password" >/dev/null 2>&1; then
  "$BALLAST" user "${KEYARG[@]}" passwd stalltest --db "$DB" --password-stdin <<<"$password" >/dev/null
fi
"$BALLAST" serve --db "$DB" "${KEYARG[@]}" --port "$PORT" --threads 8 >"$WORK/stall-instance.out" 2>"$WORK/stall-instance.log" &
pid=$!
until curl -sf "http://127.0.0.1:$PORT/api/v1/ready" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "import-stall: the instance exited" >&2; exit 1; }
  sleep 1
done
base="http://127.0.0.1:$PORT"
session=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"stalltest\",\"password\":\"$password\"}" "$base/api/v1/session")
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$session")
csrf=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])' <<<"$session")
month=$(basename "$newest" .csv | sed 's/observations_//')
series="$base/api/v1/series?indicator=revenue&measures=value,yoy&from=${month%-*}-01&to=$month&region=410000"
for _ in 1 2 3; do curl -s -o /dev/null -H "Cookie: ballast_session=$token" "$series"; done
(
  while [ ! -f "$WORK/stall-probe.done" ]; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: ballast_session=$token" "$series"
    sleep 0.02
  done
) >"$WORK/stall-probe.txt" &
probe=$!
sleep 2
curl -s -o "$WORK/stall-import.json" -w "import: HTTP %{http_code} in %{time_total} s ($ROWS rows)\n" \
  -H "Cookie: ballast_session=$token" -H "X-CSRF-Token: $csrf" \
  -F "file=@$WORK/stall-import.csv;type=text/csv" "$base/api/v1/imports"
sleep 1
touch "$WORK/stall-probe.done"
wait "$probe"
python3 - "$WORK/stall-probe.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
times = sorted(float(r[1]) for r in rows)
codes = sorted({r[0] for r in rows})
print(f"series while importing: {len(times)} requests, HTTP {','.join(codes)}, "
      f"p50 {times[len(times) // 2] * 1000:.0f} ms, p99 {times[int(len(times) * 0.99)] * 1000:.0f} ms, "
      f"longest {times[-1] * 1000:.0f} ms")
PY

#!/usr/bin/env python3
"""Where the requests of `make load` waited (scripts/load.sh): per route, the time nginx saw
(its $request_time) beside the time inside the instance (the request log's duration_ms, from
the worker taking the request up to its answer), joined by request id. A request slow at nginx
but quick inside waited before a worker took it up.
Usage: waits.py WORK  (WORK holds nginx-access.log and instance-*.log)"""
import glob
import json
import math
import sys
from collections import defaultdict

work = sys.argv[1]
inside = {}
for path in glob.glob(work + "/instance-*.log"):
    for line in open(path, encoding="utf-8", errors="replace"):
        if '"request_id"' not in line or '"duration_ms"' not in line:
            continue
        try:
            j = json.loads(line)
        except ValueError:
            continue
        inside[j["request_id"]] = j["duration_ms"]
rows = defaultdict(list)
for line in open(work + "/nginx-access.log", encoding="utf-8", errors="replace"):
    p = line.split()
    # class status request_time upstream_response_time request_id msec
    if len(p) < 5 or p[0] == "-" or p[1] == "499":
        continue
    rows[p[0]].append((float(p[2]) * 1000, inside.get(p[4])))


def pct(v, q):
    v = sorted(v)
    return v[max(0, math.ceil(q / 100 * len(v)) - 1)] if v else float("nan")


print(f"{'route':<12} {'requests':>9} {'nginx p50':>10} {'nginx p99':>10} {'inside p50':>11} "
      f"{'inside p99':>11} {'over 50 ms':>11} {'of them >25 ms inside':>22}")
for cls in sorted(rows):
    r = rows[cls]
    at_nginx = [x[0] for x in r]
    ins = [x[1] for x in r if x[1] is not None]
    slow = [x for x in r if x[0] > 50]
    slow_inside = [x for x in slow if x[1] is not None and x[1] > 25]
    print(f"{cls:<12} {len(r):>9} {pct(at_nginx, 50):>10.1f} {pct(at_nginx, 99):>10.1f} "
          f"{pct(ins, 50):>11.1f} {pct(ins, 99):>11.1f} {len(slow):>11} {len(slow_inside):>22}")

#!/usr/bin/env python3
"""Per-route figures of `make load` from nginx's log (one line per request:
class status request_time upstream_response_time): requests, errors, p50 and p99 in ms."""
import math
import sys
from collections import defaultdict

times = defaultdict(list)
errors = defaultdict(int)
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    parts = line.split()
    if len(parts) < 3 or parts[0] == "-":
        continue
    cls, status, t = parts[0], int(parts[1]), float(parts[2])
    times[cls].append(t * 1000)
    if status >= 400:
        errors[cls] += 1


def pct(v, p):
    # nearest rank
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]


print(f"{'route':<12} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8}")
for cls in sorted(times):
    v = sorted(times[cls])
    print(f"{cls:<12} {len(v):>9} {errors[cls]:>7} {pct(v, 50):>8.1f} {pct(v, 99):>8.1f}")

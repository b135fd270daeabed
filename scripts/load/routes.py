#!/usr/bin/env python3
"""Per-route figures of `make load` from nginx's log (one line per request:
class status request_time upstream_response_time): requests, errors, p50 and p99 in ms.
499 (the client closed: wrk stopping with requests in flight) is counted apart, not timed."""
import math
import sys
from collections import defaultdict

times = defaultdict(list)
errors = defaultdict(int)
cut = defaultdict(int)
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    parts = line.split()
    if len(parts) < 3 or parts[0] == "-":
        continue
    cls, status, t = parts[0], int(parts[1]), float(parts[2])
    if status == 499:
        cut[cls] += 1
        continue
    times[cls].append(t * 1000)
    if status >= 400:
        errors[cls] += 1


def pct(v, p):
    # nearest rank
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]


print(f"{'route':<12} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'cut at end':>10}")
total = sum(len(v) for v in times.values())
for cls in sorted(set(times) | set(cut)):
    v = sorted(times[cls])
    p50, p99 = (f"{pct(v, 50):.1f}", f"{pct(v, 99):.1f}") if v else ("-", "-")
    print(f"{cls:<12} {len(v):>9} {errors[cls]:>7} {p50:>8} {p99:>8} {cut[cls]:>10}")
print(f"{'all':<12} {total:>9} {sum(errors.values()):>7}")

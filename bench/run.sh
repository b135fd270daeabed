#!/usr/bin/env bash
# make bench: builds are done by the Makefile; this installs the DuckDB peer and runs the table.
set -euo pipefail
BUILD=${1:-build/bench}
cd "$(dirname "$0")/.."
(cd bench/duckdb && { [ -d node_modules ] || npm ci --no-audit --no-fund; })
"$BUILD/bench/ballast_bench" --work "$BUILD/work" "${@:2}"

#!/usr/bin/env bash
# make bench: builds are done by the Makefile; this installs the DuckDB peer and runs the table.
set -euo pipefail
BUILD=${1:-build/bench}
cd "$(dirname "$0")/.."
(cd bench/duckdb && { [ -d node_modules ] || npm ci --no-audit --no-fund; })
"$BUILD/bench/ballast_bench" --work "$BUILD/work" "${@:2}"
# Supply-chain dynamics: 1 M firms / 5 M links / 100 days, then fast vs straightforward over 10 days
# (CHAIN_SIM_ARGS=--small for a quick try).
"$BUILD/bench/ballast_chain_sim_bench" ${CHAIN_SIM_ARGS:-}

#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang in their own build directory and runs each for
# a bounded time on a copy of its committed seed corpus. Exits non-zero when a harness crashes,
# leaks or hits undefined behaviour; the reproducer is left in build/fuzz/artifacts/.
#   scripts/fuzz.sh [seconds per harness, default 30]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-${FUZZ_SECONDS:-30}}"
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build/fuzz}"
JOBS="${FUZZ_JOBS:-2}"

"$ROOT/scripts/install-deps.sh"
CXX_BIN="$(command -v clang++-14 || command -v clang++ || true)"
C_BIN="$(command -v clang-14 || command -v clang || true)"
if [ -z "$CXX_BIN" ]; then
  echo "fuzz: clang++ not found (scripts/install-deps.sh installs clang-14)" >&2
  exit 1
fi

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_COMPILER="$CXX_BIN" -DCMAKE_C_COMPILER="$C_BIN" "${launcher[@]}" \
    -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only -fsanitize=fuzzer-no-link" \
    -DBALLAST_SANITIZE=ON -DBALLAST_WERROR=OFF -DBALLAST_TESTS=OFF -DBALLAST_FUZZ=ON >/dev/null
fi
TARGETS=(csv xlsx json)
cmake --build "$BUILD" -j"$JOBS" --target "${TARGETS[@]/#/fuzz_}"

mkdir -p "$BUILD/artifacts"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
failed=()
for t in "${TARGETS[@]}"; do
  # The committed corpus stays as it is; new inputs go to a scratch copy.
  work="$BUILD/corpus/$t"
  rm -rf "$work" && mkdir -p "$work" && cp "$ROOT/fuzz/corpus/$t/"* "$work/"
  echo "fuzz: $t for ${SECONDS_EACH}s"
  if ! "$BUILD/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -max_len=262144 \
      -timeout=20 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$t-" "$work" \
      >"$BUILD/fuzz_$t.log" 2>&1; then
    tail -n 40 "$BUILD/fuzz_$t.log" >&2
    failed+=("$t")
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$BUILD/fuzz_$t.log" | tail -n 2 || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (reproducers in $BUILD/artifacts)" >&2
  exit 1
fi
echo "fuzz: all harnesses ran ${SECONDS_EACH}s without a crash"

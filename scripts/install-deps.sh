#!/usr/bin/env bash
# The one list of Debian packages Ballast needs to build, test and run.
# Installs only what is missing; safe to run again. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libcli11-dev
  libzip-dev libpugixml-dev libssl-dev zlib1g-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-graph-dev libeigen3-dev
  clang-14 libclang-rt-14-dev
  sqlite3 nodejs npm
  chromium fonts-noto-cjk
  libpq-dev postgresql-15 nginx
  prometheus-cpp-dev libtomlplusplus-dev wrk curl time python3 libcurl4-openssl-dev
  libxlsxwriter-dev libcairo2-dev libpango1.0-dev poppler-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs from another repository may provide npm itself.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

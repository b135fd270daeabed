#!/usr/bin/env bash
# Runs the web UI's static checks (import cycles, generated API types), its unit and end-to-end
# tests against the given ballast binary, when the UI and its e2e suite exist.
set -euo pipefail
BALLAST=$(realpath "$1")
cd "$(dirname "$0")/../web" 2>/dev/null || { echo "web-test: no web/ folder, skipped"; exit 0; }
[ -f package-lock.json ] || { echo "web-test: no package-lock.json, skipped"; exit 0; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then npm ci --no-audit --no-fund; fi
# Static checks first (seconds): no import cycle, and the generated API types match openapi.json.
npm run -s check:cycles
# The committed OpenAPI document must be the binary's own: a route or schema changed without
# regenerating the document (and, by check:api below, the types) fails here.
doc=$(mktemp)
trap 'rm -f "$doc"' EXIT
"$BALLAST" openapi > "$doc"
if ! cmp -s "$doc" openapi.json; then
  echo "web/openapi.json is stale: run \`ballast openapi > web/openapi.json && npm run gen:api\` (npm in web/)" >&2
  diff -u openapi.json "$doc" | head -20 >&2 || true
  exit 1
fi
npm run -s check:api
if [ -f e2e/run.sh ]; then
  bash e2e/run.sh "$BALLAST"
fi

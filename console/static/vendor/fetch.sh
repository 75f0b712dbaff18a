#!/usr/bin/env bash
# Fetch the vendored front-end libraries again from the npm registry at their pinned versions
# and check them against the hashes in README.md (run by `make vendor-assets`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund htmx.org@2.0.11 htmx-ext-sse@2.2.4 chart.js@4.6.1 >/dev/null
cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx-ext-sse/dist/sse.min.js \
   node_modules/chart.js/dist/chart.umd.min.js "$here/"
cd "$here"
grep -oE '^\| `[a-z.]+` .* `[0-9a-f]{64}` \|$' README.md \
  | sed -E 's/^\| `([a-z.]+)`.*`([0-9a-f]{64})` \|$/\2  \1/' | sha256sum -c -

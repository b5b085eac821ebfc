#!/usr/bin/env bash
# Prints every performance figure: the simulator bench (native), the page's
# gzip size, and the editor bench in headless Chromium (300 components, 400
# links: navigation to interactive and frame times while dragging).
# Figures only: nothing here fails on a slow number.
# Usage: scripts/bench.sh   (page from $SKYDRAFT_DIST, else dist/, built if missing)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
dist="${SKYDRAFT_DIST:-$ROOT/dist}"

step "Simulator bench (native, profile fast)"
cargo run --quiet -p skydraft --profile fast -- bench --json

if [[ ! -f "$dist/index.html" ]]; then
  step "Building the page into $dist"
  trunk build --release --dist "$dist"
fi

step "Page size"
"$ROOT/scripts/size.sh" "$dist" || echo "(the page is over its size budget)"

step "Editor bench (headless Chromium)"
SKYDRAFT_DIST="$dist" cargo run --quiet -p skydraft-tests --bin editor-bench

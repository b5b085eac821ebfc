#!/usr/bin/env bash
# Prints every performance figure: the simulator bench (native, then the same
# runs as wasm in headless Chromium), the page's
# gzip size, and the editor bench in headless Chromium (300 components, 400
# links: navigation to interactive and frame times while dragging), and the
# live-class relay under a class's load (relay-bench).
# Figures only: nothing here fails on a slow number.
# Usage: scripts/bench.sh   (page from $SKYDRAFT_DIST, else dist/, built if missing)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
dist="${SKYDRAFT_DIST:-$ROOT/dist}"

step "Simulator bench (native, profile bench: fat LTO, one codegen unit)"
cargo run --quiet -p skydraft --profile bench -- bench --json --memory

step "The same runs as wasm in headless Chromium (the worker's profile; warm compares with native)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test -p skydraft-core --profile worker \
  --target wasm32-unknown-unknown --test wasm_speed -- --nocapture 2>&1 | grep -E '^wasm ' || \
  echo "(the wasm run printed nothing: is chromedriver installed?)"

if [[ ! -f "$dist/index.html" ]]; then
  step "Building the page into $dist"
  trunk build --release --dist "$dist"
fi

step "Page size"
"$ROOT/scripts/size.sh" "$dist" || echo "(the page is over its size budget)"

step "Editor bench (headless Chromium)"
SKYDRAFT_DIST="$dist" cargo run --quiet -p skydraft-tests --bin editor-bench

step "Live-class relay under load (1 room of 500 students, then 100 rooms of 30)"
cargo build --quiet --release --locked -p skydraft-relay --bins
target/release/relay-bench

#!/usr/bin/env bash
# Prints the gzip size of the wasm, JS and CSS the page loads, against the 500 KB budget.
# Usage: scripts/size.sh [dist-dir]   (build first: trunk build --release)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dist="${1:-$ROOT/dist}"
budget=$((500 * 1024))
total=0
shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/public/*.css)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "error: no built page in $dist; run 'trunk build --release' first" >&2
  exit 1
fi
printf '%-48s %10s %10s\n' file raw gzip
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-48s %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz"
done
printf '%-48s %10s %10d  (%d KB of %d KB budget)\n' total "" "$total" $((total / 1024)) $((budget / 1024))
if [[ $total -gt $budget ]]; then
  echo "over budget" >&2
  exit 1
fi

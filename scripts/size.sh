#!/usr/bin/env bash
# Prints the gzip size of the wasm, JS and CSS the page loads, against the 500 KB budget.
# Usage: scripts/size.sh [--strict] [dist-dir]   (build first: trunk build --release)
# The budget is a target reported like the benchmarks, not a test: over it, this
# prints OVER BUDGET and exits 0, unless --strict (then it exits 1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
strict=0
if [[ "${1:-}" == "--strict" ]]; then
  strict=1
  shift
fi
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
  echo "OVER BUDGET by $(((total - budget) / 1024)) KB" >&2
  [[ $strict -eq 1 ]] && exit 1
fi
exit 0

#!/usr/bin/env bash
# Prints the gzip size of the wasm, JS and CSS the page loads, against the 500 KB budget,
# and apart from it the simulation worker's files, which the page fetches only when the
# first run (or check) is asked for.
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
worker_prefix="skydraft-sim"
shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/public/*.css)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "error: no built page in $dist; run 'trunk build --release' first" >&2
  exit 1
fi

# Prints one table row per file of the group and sets $sum to the group's gzip total.
table() {
  local f raw gz
  sum=0
  for f in "$@"; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    sum=$((sum + gz))
    printf '  %-46s %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz"
  done
}

page=()
worker=()
for f in "${files[@]}"; do
  if [[ "$(basename "$f")" == "$worker_prefix"* ]]; then worker+=("$f"); else page+=("$f"); fi
done

printf '%-48s %10s %10s\n' "file" raw gzip
echo "page (loaded when it opens):"
table "${page[@]}"
page_total=$sum
printf '%-48s %10s %10d  (%d KB of %d KB budget)\n' "page total" "" "$page_total" $((page_total / 1024)) $((budget / 1024))
if [[ ${#worker[@]} -gt 0 ]]; then
  echo "simulation worker (fetched on the first run):"
  table "${worker[@]}"
  printf '%-48s %10s %10d  (%d KB)\n' "worker total" "" "$sum" $((sum / 1024))
fi
if [[ $page_total -gt $budget ]]; then
  echo "OVER BUDGET by $(((page_total - budget + 1023) / 1024)) KB" >&2
  [[ $strict -eq 1 ]] && exit 1
fi
exit 0

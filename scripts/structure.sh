#!/usr/bin/env bash
# Prints the source tree's figures: files over 500 lines, functions over 80
# lines, simulator modules that name each other, kind ids written as strings
# outside the catalog. STRUCTURE_ROOT=/path/to/other/checkout measures another
# tree (an earlier commit) with the same rules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test -p skydraft-tests --locked --test structure -- --nocapture --test-threads=1 2>&1 |
  grep -v '^\s*\(Compiling\|Finished\|Running\)'

#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints, native tests
# of all crates, a release build of the page, and the browser tests against it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
start=$SECONDS
"$ROOT/scripts/install.sh" --browser
cd "$ROOT"

step "Formatting"
cargo fmt --all -- --check

step "Lints (native workspace, and the page for wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p skydraft-app -p skydraft-core --target wasm32-unknown-unknown --locked -- -D warnings

step "Release build of the page"
trunk build --release
"$ROOT/scripts/size.sh"

step "Tests: native crates and the browser tests against dist/"
cargo test --workspace --locked -- --test-threads=2

step "Determinism: the golden run digest computed as wasm in headless Chromium"
CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test -p skydraft-core --target wasm32-unknown-unknown --locked --test determinism

echo "all tests passed in $((SECONDS - start)) s"

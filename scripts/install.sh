#!/usr/bin/env bash
# Installs what building and testing Skydraft needs, skipping whatever is already
# there, so a second run takes seconds. Usage: scripts/install.sh [--browser]
#   --browser  also install what the tests need: Chromium and chromedriver for browser
#              tests, nats-server for the relay's fan-out test (Debian packages).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [[ -z "$wbg_version" ]]; then
  echo "error: could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi

pids=()
logs=()
if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  step "Installing trunk $TRUNK_VERSION (takes 10-25 minutes on 2 cores; log: target/install-trunk.log)"
  mkdir -p target
  cargo install trunk --version "$TRUNK_VERSION" --locked >target/install-trunk.log 2>&1 &
  pids+=($!); logs+=(target/install-trunk.log)
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $wbg_version"; then
  step "Installing wasm-bindgen-cli $wbg_version (log: target/install-wasm-bindgen.log)"
  mkdir -p target
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$wbg_version" --force >target/install-wasm-bindgen.log 2>&1 &
  pids+=($!); logs+=(target/install-wasm-bindgen.log)
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  step "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "binaryen@$BINARYEN_VERSION"
fi

# axe-core, the accessibility checker the browser tests run in the page.
axe_pkg="$ROOT/.tools/node_modules/axe-core/package.json"
if [[ $want_browser -eq 1 ]] && ! grep -q "\"version\": \"$AXE_VERSION\"" "$axe_pkg" 2>/dev/null; then
  step "Installing axe-core $AXE_VERSION (npm) into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "axe-core@$AXE_VERSION"
fi

# The test command's extra packages: Chromium and chromedriver for the browser
# tests, nats-server for the live-class relay's fan-out test.
if [[ $want_browser -eq 1 ]]; then
  packages=()
  command -v chromium >/dev/null || packages+=(chromium)
  command -v chromedriver >/dev/null || packages+=(chromium-driver)
  command -v nats-server >/dev/null || [[ -x /usr/sbin/nats-server ]] || packages+=(nats-server)
  if [[ ${#packages[@]} -gt 0 ]]; then
    step "Installing ${packages[*]} (Debian packages)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
fi

for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "error: install failed; last lines of ${logs[$i]}:" >&2
    tail -n 30 "${logs[$i]}" >&2
    exit 1
  fi
done

trunk --version >/dev/null
wasm-bindgen --version >/dev/null
wasm-opt --version >/dev/null

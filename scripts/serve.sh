#!/usr/bin/env bash
# Installs what is missing, then serves Skydraft on http://127.0.0.1:8080 with the
# default template loaded (open the page without a #d=... fragment), and the
# live-class relay beside it on 127.0.0.1:8787, which the page reaches at its own
# origin under /r/ (trunk's WebSocket proxy, Trunk.toml). Ctrl+C stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/install.sh"
cd "$ROOT"

step "Building the live-class relay"
cargo build --release --locked -q -p skydraft-relay --bin skydraft-relay
target/release/skydraft-relay --listen 127.0.0.1:8787 &
relay=$!
trap 'kill "$relay" 2>/dev/null || true' EXIT INT TERM

step "Serving on http://127.0.0.1:8080 (Ctrl+C stops)"
trunk serve --release

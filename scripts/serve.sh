#!/usr/bin/env bash
# Installs what is missing, then serves Skydraft on http://127.0.0.1:8080 with the
# default template loaded (open the page without a #d=... fragment).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/install.sh"
cd "$ROOT"
step "Serving on http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release

# Shared settings for the project's scripts; sourced, not run.
# Puts the project's own tool folder (wasm-opt from npm) and cargo's bin on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Versions pinned here and in Trunk.toml; wasm-bindgen's comes from Cargo.lock.
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
# The accessibility checker the browser tests inject (npm axe-core), into .tools/.
AXE_VERSION="4.14.1"
step() { printf '\n==> %s\n' "$*"; }

#!/usr/bin/env bash
# Before/after medians of the simulator bench: builds `skydraft` (profile
# bench) at REV in a worktree under target/, and from the working tree, then
# runs `skydraft bench --json` of each in turn ROUNDS times, alternating
# which goes first, so a busy moment of a shared machine falls on both. Prints
# each timed figure's median before and after and the change.
# Figures only: nothing here fails on a slow number.
# Usage: scripts/bench-compare.sh REV [ROUNDS]   (ROUNDS defaults to 9)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
rev="${1:?usage: scripts/bench-compare.sh REV [ROUNDS]}"
rounds="${2:-9}"
base="$ROOT/target/bench-compare"
tree="$base/tree"

step "Building the bench at $rev"
rm -rf "$tree"
git worktree prune
git worktree add --detach --force "$tree" "$rev" > /dev/null
CARGO_TARGET_DIR="$base/target" cargo build --quiet --locked --profile bench -p skydraft \
  --manifest-path "$tree/Cargo.toml"
before="$base/target/release/skydraft" # the bench profile builds into release/

step "Building the bench of the working tree"
cargo build --quiet --locked --profile bench -p skydraft
after="$ROOT/target/release/skydraft"

step "Running each $rounds times, alternating"
out="$base/runs"
rm -rf "$out" && mkdir -p "$out"
for i in $(seq "$rounds"); do
  if (( i % 2 )); then order="before after"; else order="after before"; fi
  for side in $order; do
    bin="$before"; [[ $side == after ]] && bin="$after"
    "$bin" bench --json > "$out/$side.$i.json"
  done
done
git worktree remove --force "$tree"

python3 - "$out" "$rev" <<'EOF'
import json, pathlib, statistics, sys
out, rev = pathlib.Path(sys.argv[1]), sys.argv[2]
figures = [
    ("mmc8_wall_s", "M/M/8, a million customers"),
    ("template_run_s", "default template as shipped"),
    ("template_hour_1000rps_s", "default template, 1 h at 1,000 req/s"),
    ("serverless_hour_s", "serverless template, 1 h"),
]
runs = {s: [json.loads(p.read_text()) for p in sorted(out.glob(f"{s}.*.json"))] for s in ("before", "after")}
print(f"median wall seconds of {len(runs['after'])} runs each (each run itself the median of three)")
print(f"{'figure':<40} {rev[:10]:>10} {'now':>10} {'change':>8}")
for key, name in figures:
    b = statistics.median(r[key] for r in runs["before"])
    a = statistics.median(r[key] for r in runs["after"])
    print(f"{name:<40} {b:>10.4f} {a:>10.4f} {100 * (a / b - 1):>+7.1f}%")
digests = {s: {r.get("probe_digest") for r in rs} for s, rs in runs.items()}
print(f"probe digest before {sorted(digests['before'])}, now {sorted(digests['after'])}")
EOF

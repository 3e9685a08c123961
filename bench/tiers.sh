#!/usr/bin/env bash
# Wall time of each test tier, cold (a fresh clone with an empty target directory, as a new
# machine has it) and warm (the same clone again, nothing changed):
#
#   bench/tiers.sh            # prints a Markdown table for BENCHMARKS.md
#
# The hermetic tier is a bare `cargo test`; the full run is `scripts/test` (every tier). The
# clone gets nothing beside it (no ../shared), as a new user's has. It compiles everything
# from scratch twice over: expect about half an hour on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/hermetic/p"
git clone -q . "$work/full/p"
time_of() {
  local dir=$1; shift
  local start end
  start=$(date +%s.%N)
  (cd "$dir" && "$@" >/dev/null 2>&1)
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.0f} s')"
}
hc=$(time_of "$work/hermetic/p" cargo test --locked)
hw=$(time_of "$work/hermetic/p" cargo test --locked)
fc=$(time_of "$work/full/p" scripts/test)
fw=$(time_of "$work/full/p" scripts/test)
echo "| tier | command | cold | warm |"
echo "|---|---|---|---|"
echo "| hermetic | \`cargo test\` | $hc | $hw |"
echo "| every tier | \`scripts/test\` | $fc | $fw |"

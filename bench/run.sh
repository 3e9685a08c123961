#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: every petgen command as a cold whole process, beside its peer in
# the same run. Needs a release build, the provider schema and (for the peer) checkov in
# .venv-checkov (scripts/checkov-parity installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
S="${PETGEN_PROVIDER_SCHEMA:-$(cd .. && pwd)/shared/provider-schemas/aws/schema.json}"
P=target/release/petgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "### render"
python3 bench/bench.py --runs 30 \
  "render=$P render --profile prod --out $out" \
  "render-validated=$P render --profile prod --out $out --provider-schema $S" \
  "render-check=$P render --profile prod --check --provider-schema $S" \
  "terraform-fmt=terraform fmt -check -recursive generated/prod"
echo
echo "### validate"
python3 bench/bench.py --runs 30 \
  "validate=$P validate generated/prod --provider-schema $S" \
  "validate-no-schema=$P validate generated/prod"
echo
echo "### lint"
python3 bench/bench.py --runs 30 "lint=$P lint generated/prod --fail-on never"
if [ -x .venv-checkov/bin/checkov ]; then
  python3 bench/bench.py --runs 5 --warmup 1 \
    "lint=$P lint generated/prod --fail-on never" \
    "checkov=.venv-checkov/bin/checkov -d generated/prod --framework terraform --skip-download --quiet --compact"
fi
echo
echo "### cost"
python3 bench/bench.py --runs 30 "cost=$P cost --profile prod" "cost-json=$P cost --profile prod --format json" "cost-compare=$P cost --profile prod --compare dev"

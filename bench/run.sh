#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: every petgen command as a cold whole process, beside its peer in
# the same run. Needs only a release build; checkov (in .venv-checkov, which
# scripts/checkov-parity installs) is timed when present. PETGEN_PROVIDER_SCHEMA, or
# ../shared/provider-schemas/aws/schema.json, adds rows with the full provider schema.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
P=$PWD/target/release/petgen
FULL="${PETGEN_PROVIDER_SCHEMA:-$(cd .. && pwd)/shared/provider-schemas/aws/schema.json}"
CHECKOV=.venv-checkov/bin/checkov
# Scratch space on tmpfs when there is one: the many-profile runs create tens of thousands of
# files, and a disk filesystem's inode allocator would otherwise be what they measure.
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
out=$(mktemp -d "$base/petgen-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
unset PETGEN_PROVIDER_SCHEMA

echo "### check: the whole gate on prod (embedded schema), beside terraform fmt and checkov"
peers=("terraform-fmt=terraform fmt -check -recursive generated/prod")
python3 bench/bench.py --runs 30 \
  "check=$P check --profile prod" \
  "${peers[@]}"
if [ -x "$CHECKOV" ]; then
  python3 bench/bench.py --runs 5 --warmup 1 \
    "check=$P check --profile prod" \
    "checkov=$CHECKOV -d generated/prod --framework terraform --skip-download --quiet --compact"
fi
if [ -f "$FULL" ]; then
  echo
  echo "### check with the full provider schema ($(du -h "$FULL" | cut -f1))"
  python3 bench/bench.py --runs 30 \
    "check-full=$P check --profile prod --provider-schema $FULL" \
    "${peers[@]}"
fi

echo
echo "### render --all over 1,000 generated profiles (per profile in the last column)"
python3 bench/make-profiles.py "$out/many/profiles" 1000
(cd "$out/many" && "$P" render --all >/dev/null 2>&1)
python3 bench/bench.py --runs 5 --warmup 1 --per 1000 \
  "render-all=$P render --all --profiles $out/many/profiles --out $out/many/generated" \
  "render-all-fresh=sh -c 'rm -rf $out/many/fresh && exec $P render --all --profiles $out/many/profiles --out $out/many/fresh'" \
  "render-all-check=$P render --all --check --profiles $out/many/profiles --out $out/many/generated"

echo
echo "### lint on a 10,000-resource reference chain"
python3 bench/make-chain.py "$out/chain" 10000
python3 bench/bench.py --runs 5 --warmup 1 --per 10000 \
  "lint-chain=$P lint $out/chain --fail-on never" \
  "validate-chain=$P validate $out/chain"

echo
echo "### validate and lint on a 10,000-VPC chain and a 99 x 100 module diamond (9,900 instances)"
python3 bench/make-wide.py "$out/wide"
python3 bench/bench.py --runs 5 --warmup 1 \
  "validate-vpc-chain=$P validate $out/wide/vpc-chain" \
  "lint-vpc-chain=$P lint $out/wide/vpc-chain --fail-on never" \
  "validate-diamond=$P validate $out/wide/diamond" \
  "lint-diamond=$P lint $out/wide/diamond --fail-on never"
if [ -x "$CHECKOV" ]; then
  python3 bench/bench.py --runs 3 --warmup 0 \
    "lint-vpc-chain=$P lint $out/wide/vpc-chain --fail-on never" \
    "checkov-vpc-chain=$CHECKOV -d $out/wide/vpc-chain --framework terraform --skip-download --quiet --compact"
fi

echo
echo "### prices import of a 110 MB offer file (memory should not follow the file's size)"
python3 bench/make-offer.py "$out/offer.json" 180000
python3 bench/bench.py --runs 5 --warmup 1 \
  "import-110mb=$P prices import $out/offer.json --out $out/offer.toml"

echo
echo "### render"
python3 bench/bench.py --runs 30 \
  "render=$P render --profile prod --out $out/one" \
  "render-check=$P render --profile prod --check" \
  "terraform-fmt=terraform fmt -check -recursive generated/prod"
echo
echo "### validate"
python3 bench/bench.py --runs 30 \
  "validate=$P validate generated/prod"
echo
echo "### lint"
python3 bench/bench.py --runs 30 "lint=$P lint generated/prod --fail-on never"
if [ -x "$CHECKOV" ]; then
  python3 bench/bench.py --runs 5 --warmup 1 \
    "lint=$P lint generated/prod --fail-on never" \
    "checkov=$CHECKOV -d generated/prod --framework terraform --skip-download --quiet --compact"
fi
echo
echo "### cost"
python3 bench/bench.py --runs 30 "cost=$P cost --profile prod" "cost-json=$P cost --profile prod --format json" "cost-compare=$P cost --profile prod --compare dev"

#!/bin/sh
# Build the pet service as a static binary into OUT (with the CA bundle beside it), from a
# context holding exactly what service/Dockerfile's build stage copies: the workspace
# manifests, contracts/ and service/.
#
#   service/build-stage.sh OUT
#   service/build-stage.sh --manifest-only    # only check that cargo accepts the workspace
#
# The Dockerfile's build stage runs it with tonistiigi/xx (xx-cargo cross-compiles to the
# image's platform, musl, static). scripts/build-stage runs it on a host, where plain cargo
# builds for the host's triple with a static C runtime.
set -eu
out=${1:?usage: service/build-stage.sh OUT | --manifest-only}
target_dir=${CARGO_TARGET_DIR:-/target}

# petgen shares the workspace but not the image: its sources are not copied. Cargo still
# reads its manifest, which names `petgen` as the default binary, so the package needs a
# binary target to be a valid workspace member.
if [ ! -e src/main.rs ]; then
  mkdir -p src
  printf 'fn main() {}\n' > src/main.rs
fi

if [ "$out" = --manifest-only ]; then
  exec cargo metadata --no-deps --locked --offline --format-version 1 >/dev/null
fi

if command -v xx-cargo >/dev/null 2>&1; then
  triple=$(xx-cargo --print-target-triple)
  xx-cargo build --release --locked -p petstore --target-dir "$target_dir"
else
  triple=${PETSTORE_TARGET:-$(rustc -vV | sed -n 's/^host: //p')}
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
    cargo build --release --locked -p petstore --target "$triple" --target-dir "$target_dir"
fi

mkdir -p "$out"
cp "$target_dir/$triple/release/petstore" "$out/petstore"
# scratch has no loader: the binary must need none.
if command -v xx-verify >/dev/null 2>&1; then
  xx-verify --static "$out/petstore"
elif readelf -d "$out/petstore" 2>/dev/null | grep -q '(NEEDED)'; then
  echo "build-stage: $out/petstore is dynamically linked" >&2
  exit 1
fi
cp /etc/ssl/certs/ca-certificates.crt "$out/ca-certificates.crt"

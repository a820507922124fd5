#!/usr/bin/env bash
# Builds an example with kiln natively and for wasm32-wasip1, runs both (the wasm one
# under node), and checks that they print the same thing.
#
#   scripts/run-example.sh [examples/hello.erl] [args...]
#
# Used by `make run`; expects `make build` to have run (it builds target/release/kiln).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

src="${1:-examples/hello.erl}"
shift || true
name="$(basename "$src" .erl)"
target_dir="${CARGO_TARGET_DIR:-target}"
kiln="${KILN:-$target_dir/release/kiln}"
out="$target_dir/examples"

[ -x "$kiln" ] || { echo "run-example: $kiln not found; run 'make build' first" >&2; exit 1; }
[ -f "$src" ] || { echo "run-example: no such file: $src" >&2; exit 1; }
mkdir -p "$out"

"$kiln" build "$src" -o "$out/$name"
"$kiln" build --target wasm32-wasip1 "$src" -o "$out/$name.wasm"

native_out="$(mktemp)"
wasm_out="$(mktemp)"
trap 'rm -f "$native_out" "$wasm_out"' EXIT

echo "== native: $out/$name${*:+ $*}"
status=0
"$out/$name" "$@" | tee "$native_out" || status=$?
[ "$status" -eq 0 ] || { echo "run-example: native program exited with status $status" >&2; exit 1; }

echo "== wasm32-wasip1: node tests/wasi-run.mjs $out/$name.wasm${*:+ $*}"
status=0
node tests/wasi-run.mjs "$out/$name.wasm" "$@" | tee "$wasm_out" || status=$?
[ "$status" -eq 0 ] || { echo "run-example: wasm program exited with status $status" >&2; exit 1; }

if cmp -s "$native_out" "$wasm_out"; then
    echo "== both targets printed the same output"
else
    echo "run-example: native and wasm32-wasip1 output differ:" >&2
    diff "$native_out" "$wasm_out" >&2 || true
    exit 1
fi

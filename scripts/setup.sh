#!/usr/bin/env bash
# Installs what building and testing kiln needs on Debian 12 (bookworm), and nothing
# that is already there: run it as often as you like (`make setup` does).
#
#   apt:    Erlang/OTP (escript, erlc, erl, OTP sources), LLVM 19 + lld 19 for
#           codegen/linking, zstd/zlib for LLVM, GNU time for the peak-RSS test
#   rustup: the stable toolchain if cargo is missing; targets wasm32-wasip1 and
#           x86_64-unknown-linux-musl
#   node:   only checked (20 or newer runs wasm32-wasip1 programs in the tests)
set -euo pipefail

APT_PACKAGES=(erlang-nox erlang-src erlang-dev llvm-19-dev libpolly-19-dev libzstd-dev zlib1g-dev lld-19 time)
RUST_TARGETS=(wasm32-wasip1 x86_64-unknown-linux-musl)
NODE_MIN_MAJOR=20

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (sudo is not installed)"
    fi
}

installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# --- apt packages -----------------------------------------------------------------
command -v dpkg >/dev/null 2>&1 || die "dpkg not found: this script supports Debian 12"
missing=()
for p in "${APT_PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done
command -v python3 >/dev/null 2>&1 || missing+=(python3)   # bench/run.py
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    apt_install "${missing[@]}"
else
    say "apt packages present"
fi

# --- Rust -------------------------------------------------------------------------
if [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
    say "installing the Rust toolchain with rustup"
    need=()
    command -v curl >/dev/null 2>&1 || need+=(curl)
    installed ca-certificates || need+=(ca-certificates)
    installed gcc || need+=(gcc)
    installed libc6-dev || need+=(libc6-dev)
    if [ "${#need[@]}" -gt 0 ]; then apt_install "${need[@]}"; fi
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs \
        | sh -s -- -y --profile minimal --default-toolchain stable
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi

required="$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' "$root/Cargo.toml" | head -n1)"
have="$(rustc --version | awk '{print $2}')"
if [ -n "$required" ] && [ "$(printf '%s\n%s\n' "$required" "$have" | sort -V | head -n1)" != "$required" ]; then
    die "rustc $have is older than the workspace's rust-version $required; run \`rustup update\`"
fi

command -v rustup >/dev/null 2>&1 \
    || die "rustup not found: kiln needs rustup to add the targets ${RUST_TARGETS[*]}"
installed_targets="$(rustup target list --installed)"
for t in "${RUST_TARGETS[@]}"; do
    if ! grep -qx "$t" <<<"$installed_targets"; then
        say "adding Rust target $t"
        rustup target add "$t"
    fi
done
say "rustc $have with targets ${RUST_TARGETS[*]}"

# --- Node.js ----------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
    die "node not found: install Node.js $NODE_MIN_MAJOR or newer (Debian 12's nodejs is 18, too old for WASI without flags)"
fi
node_version="$(node --version)"
node_major="${node_version#v}"
node_major="${node_major%%.*}"
if [ "$node_major" -lt "$NODE_MIN_MAJOR" ]; then
    die "node $node_version is too old: Node.js $NODE_MIN_MAJOR or newer runs the wasm32-wasip1 tests"
fi
say "node $node_version"
say "done"

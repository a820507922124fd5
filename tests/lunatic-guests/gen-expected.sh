#!/usr/bin/env bash
# Regenerates tests/lunatic-guests/expected/NAME.stdout and NAME.status by running
# each guest under the real lunatic runtime 0.13.2, as described by cases.txt:
#
#     cd {tmp} && env KEY=VALUE... lunatic run [--dir DIR]... NAME.wasm ARGS... </dev/null 2>/dev/null
#
# {tmp} is a fresh empty scratch directory per case (absolute, removed afterwards).
# NAME.stdout = the exact stdout bytes; NAME.status = the exit status and "\n".
# For cases whose origin is "kiln" (lunatic is wrong there, see README.md) the hand-written
# NAME.stdout/.status are left alone and lunatic's output goes to NAME.lunatic.stdout /
# NAME.lunatic.status instead, for reference.
#
# Usage: gen-expected.sh                all cases
#        gen-expected.sh NAME...        some cases
#        gen-expected.sh --check [NAME...]
#                                       write nothing: run under lunatic and compare with the
#                                       files (NAME.lunatic.* for kiln cases); exit 1 on a difference
# Environment: LUNATIC  the lunatic binary (default: lunatic on PATH, else ~/.cargo/bin/lunatic)
#              KILN_GEN_TIMEOUT  seconds per case (default 120)
# Install lunatic with: cargo install lunatic-runtime --version 0.13.2 --locked
# (with a current Rust, first `cargo update -p time --precise 0.3.36` in a copy of the
# crate and `cargo install --path . --locked`: time 0.3.20 no longer compiles; see README.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

check=0
if [ "$#" -gt 0 ] && [ "$1" = "--check" ]; then
    check=1
    shift
fi

lunatic="${LUNATIC:-}"
if [ -z "$lunatic" ]; then
    if command -v lunatic >/dev/null; then
        lunatic="$(command -v lunatic)"
    elif [ -x "$HOME/.cargo/bin/lunatic" ]; then
        lunatic="$HOME/.cargo/bin/lunatic"
    else
        echo "gen-expected: lunatic not found (set LUNATIC or install lunatic-runtime 0.13.2)" >&2
        exit 1
    fi
fi
version="$("$lunatic" --version 2>/dev/null || true)"
case "$version" in
    *0.13.2*) ;;
    *) echo "gen-expected: warning: $lunatic reports '$version', expected 0.13.2" >&2 ;;
esac

timeout_s="${KILN_GEN_TIMEOUT:-120}"

cargo build --release --quiet
wasm_dir="$here/target/wasm32-wasip1/release"
mkdir -p expected

# Parse cases.txt into parallel arrays.
names=(); c_args=(); c_env=(); c_dirs=(); c_exit=(); c_origin=()
while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    [[ "$line" =~ ^[[:space:]]*$ ]] && continue
    IFS='|' read -r f_name f_args f_env f_dirs f_exit f_origin f_extra <<<"$line"
    trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; s="${s%"${s##*[![:space:]]}"}"; printf '%s' "$s"; }
    f_name="$(trim "$f_name")"; f_args="$(trim "$f_args")"; f_env="$(trim "$f_env")"
    f_dirs="$(trim "$f_dirs")"; f_exit="$(trim "$f_exit")"; f_origin="$(trim "${f_origin:-}")"
    if [ -z "$f_origin" ] || [ -n "$(trim "${f_extra:-}")" ]; then
        echo "gen-expected: bad line in cases.txt: $line" >&2
        exit 2
    fi
    names+=("$f_name"); c_args+=("$f_args"); c_env+=("$f_env"); c_dirs+=("$f_dirs")
    c_exit+=("$f_exit"); c_origin+=("$f_origin")
done <cases.txt

wanted=("$@")
is_wanted() {
    [ "${#wanted[@]}" -eq 0 ] && return 0
    local w
    for w in "${wanted[@]}"; do [ "$w" = "$1" ] && return 0; done
    return 1
}
for w in "${wanted[@]}"; do
    found=0
    for n in "${names[@]}"; do [ "$n" = "$w" ] && found=1; done
    [ "$found" -eq 1 ] || { echo "gen-expected: no case named $w in cases.txt" >&2; exit 2; }
done

failed=0
for i in "${!names[@]}"; do
    name="${names[$i]}"
    is_wanted "$name" || continue
    wasm="$wasm_dir/$name.wasm"
    [ -f "$wasm" ] || { echo "gen-expected: $wasm was not built" >&2; failed=1; continue; }

    tmp="$(cd "$(mktemp -d "${TMPDIR:-/tmp}/kiln-guest.XXXXXX")" && pwd -P)"
    subst() { local s="$1"; printf '%s' "${s//\{tmp\}/$tmp}"; }

    cmd=("$lunatic" run)
    if [ "${c_dirs[$i]}" != "-" ]; then
        for d in ${c_dirs[$i]}; do cmd+=(--dir "$(subst "$d")"); done
    fi
    cmd+=("$wasm")
    if [ "${c_args[$i]}" != "-" ]; then
        for a in ${c_args[$i]}; do cmd+=("$(subst "$a")"); done
    fi
    envs=()
    if [ "${c_env[$i]}" != "-" ]; then
        for e in ${c_env[$i]}; do envs+=("$(subst "$e")"); done
    fi

    out="$(mktemp)"
    status=0
    (cd "$tmp" && env ${envs[@]+"${envs[@]}"} timeout "$timeout_s" "${cmd[@]}" </dev/null >"$out" 2>/dev/null) || status=$?
    rm -rf "$tmp"

    if [ "$status" -eq 124 ]; then
        echo "gen-expected: $name timed out after ${timeout_s}s; nothing written" >&2
        rm -f "$out"
        failed=1
        continue
    fi

    if [ "${c_origin[$i]}" = "kiln" ]; then
        stem="expected/$name.lunatic"
    else
        stem="expected/$name"
    fi
    if [ "$check" -eq 1 ]; then
        if cmp -s "$out" "$stem.stdout" && [ "$status" = "$(cat "$stem.status" 2>/dev/null)" ]; then
            echo "$name: same"
        else
            echo "$name: DIFFERENT (status $status)"
            diff "$stem.stdout" "$out" || true
            failed=1
        fi
        rm -f "$out"
        continue
    fi
    mv "$out" "$stem.stdout"
    echo "$status" >"$stem.status"

    want="${c_exit[$i]}"
    note=""
    if [ "$want" = "nonzero" ]; then
        [ "$status" -ne 0 ] || note=" (cases.txt says nonzero)"
    elif [ "$status" != "$want" ]; then
        note=" (cases.txt says $want)"
    fi
    echo "$name: status $status, $(wc -l <"$stem.stdout") lines -> $stem.stdout$note"
    [ -z "$note" ] || [ "${c_origin[$i]}" = "kiln" ] || failed=1
done
exit "$failed"

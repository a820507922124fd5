#!/usr/bin/env bash
# Parses OTP's own sources with kiln: every /usr/lib/erlang/lib/*/src/*.erl that erlc
# can preprocess and parse,
#
#     erlc -P -I <src> -I <src>/../include -o TMP FILE      (ERL_LIBS=/usr/lib/erlang/lib)
#
# must also get through
#
#     kiln build --emit ast -I <src> -I <src>/../include FILE > /dev/null
#
# Prints the failures, then "N of M files parse (erlc accepts M)"; exits 1 if N < M.
#
# erlc's verdicts are cached in <target>/otp-parse-check/erlc-accepts.txt, keyed on
# the OTP version, the file list and the options; the check runs
# `compile:file(F, ['P', ...])` (what erlc -P does) in one VM per job instead of
# starting a VM per file (scripts/otp-sources.sh, shared with otp-check.sh).
#
# Environment: KILN (kiln binary), CARGO_TARGET_DIR, JOBS (default 2),
#              OTP_LIB (default /usr/lib/erlang/lib), KILN_PARSE_TIMEOUT (s, default 60).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

target_dir="${CARGO_TARGET_DIR:-target}"
kiln="${KILN:-$target_dir/release/kiln}"
otp_lib="${OTP_LIB:-/usr/lib/erlang/lib}"
jobs="${JOBS:-2}"
per_file_timeout="${KILN_PARSE_TIMEOUT:-60}"
cache_dir="$target_dir/otp-parse-check"
cache="$cache_dir/erlc-accepts.txt"

export ERL_LIBS="$otp_lib"
export ERL_CRASH_DUMP_SECONDS=0   # a failing erl must not leave erl_crash.dump behind

[ -x "$kiln" ] || { echo "otp-parse-check: $kiln not found; run 'make build' first" >&2; exit 1; }
command -v erl >/dev/null || { echo "otp-parse-check: erl not found; run 'make setup'" >&2; exit 1; }
mkdir -p "$cache_dir"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/scripts/otp-sources.sh"
otp_sources "$work/all.txt"
total="$(wc -l <"$work/all.txt")"
[ "$total" -gt 0 ] || { echo "otp-parse-check: no sources under $otp_lib/*/src (install erlang-src)" >&2; exit 1; }

# What `erlc -P -I <src> -I <src>/../include` does.
options='[list_to_atom("P"), {i, Src}, {i, filename:join(Src, "../include")}, {outdir, Out}]'
otp_erlc_accepts "$work/all.txt" "$cache" "$jobs" "$options" >"$work/accepted.txt" ||
    { echo "otp-parse-check: the erlc check failed" >&2; exit 1; }
accepted="$(wc -l <"$work/accepted.txt")"
if [ "$accepted" -eq 0 ]; then
    rm -f "$cache"
    echo "otp-parse-check: erlc accepted none of the $total files; something is wrong with the erlc check" >&2
    exit 1
fi
echo "otp-parse-check: erlc accepts $accepted of $total files; parsing them with $kiln"

# One line per failure: FILE<TAB>first line of kiln's stderr.
export kiln per_file_timeout
tr '\n' '\0' <"$work/accepted.txt" | xargs -0 -P "$jobs" -n 1 bash -c '
    f="$1"
    src="$(dirname "$f")"
    if ! err="$(timeout "$per_file_timeout" "$kiln" build --emit ast -I "$src" -I "$src/../include" "$f" 2>&1 >/dev/null)"; then
        first="$(printf "%s\n" "$err" | grep -m1 . || true)"
        printf "%s\t%s\n" "$f" "${first:-kiln failed without a message (or timed out)}"
    fi
' _ | LC_ALL=C sort >"$work/failures.txt"

failed="$(wc -l <"$work/failures.txt")"
parsed=$((accepted - failed))
if [ "$failed" -gt 0 ]; then
    echo
    echo "failures:"
    sed "s|^$otp_lib/||; s|\t|\n    |" "$work/failures.txt"
    echo
fi
echo "$parsed of $accepted files parse (erlc accepts $accepted)"
[ "$failed" -eq 0 ]

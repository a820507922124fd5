#!/usr/bin/env bash
# Checks OTP's own library sources with kiln: every /usr/lib/erlang/lib/*/src/*.erl that
# erlc compiles,
#
#     erlc (strong validation) -I <src> -I <app>/include -I kernel/include -I stdlib/include
#          (ERL_LIBS=/usr/lib/erlang/lib)
#
# must also pass
#
#     kiln check -I <src> -I <app>/include -I kernel/include -I stdlib/include
#                --lib-dir /usr/lib/erlang/lib FILE
#
# which is how kiln compiles OTP's modules when a program calls them (the include
# directories OTP's own makefiles pass). Prints the failures grouped by their first
# error message (names and numbers in it masked, most frequent first), then
# "N of M pass kiln check"; exits 1 if N < M.
#
# Left out: the applications whose modules cannot run in a kiln program because they
# need wx (wx, observer, debugger, et, reltool: the graphical tools), and erts, whose
# modules are the VM's own (kiln supplies those itself). OTP_CHECK_EXCLUDE overrides
# the list (space-separated application names).
#
# erlc's verdicts are cached in <target>/otp-check/erlc-accepts.txt (see
# scripts/otp-sources.sh, shared with otp-parse-check.sh).
#
# Environment: KILN (kiln binary), CARGO_TARGET_DIR, JOBS (default 2),
#              OTP_LIB (default /usr/lib/erlang/lib), KILN_CHECK_TIMEOUT (s, default 120),
#              OTP_CHECK_EXCLUDE, OTP_CHECK_EXAMPLES (files shown per group, default 3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

target_dir="${CARGO_TARGET_DIR:-target}"
kiln="${KILN:-$target_dir/release/kiln}"
otp_lib="${OTP_LIB:-/usr/lib/erlang/lib}"
jobs="${JOBS:-2}"
per_file_timeout="${KILN_CHECK_TIMEOUT:-120}"
examples="${OTP_CHECK_EXAMPLES:-3}"
read -r -a excluded <<<"${OTP_CHECK_EXCLUDE:-wx observer debugger et reltool erts}"
cache_dir="$target_dir/otp-check"
cache="$cache_dir/erlc-accepts.txt"

export ERL_LIBS="$otp_lib"
export ERL_CRASH_DUMP_SECONDS=0   # a failing erl must not leave erl_crash.dump behind

[ -x "$kiln" ] || { echo "otp-check: $kiln not found; run 'make build' first" >&2; exit 1; }
command -v erl >/dev/null || { echo "otp-check: erl not found; run 'make setup'" >&2; exit 1; }
kernel_include="$(ls -d "$otp_lib"/kernel-*/include | head -n1)"
stdlib_include="$(ls -d "$otp_lib"/stdlib-*/include | head -n1)"
mkdir -p "$cache_dir"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. "$root/scripts/otp-sources.sh"
otp_sources "$work/all.txt" "${excluded[@]}"
total="$(wc -l <"$work/all.txt")"
[ "$total" -gt 0 ] || { echo "otp-check: no sources under $otp_lib/*/src (install erlang-src)" >&2; exit 1; }

options="[strong_validation, {i, Src}, {i, filename:join(Src, \"../include\")},
          {i, \"$kernel_include\"}, {i, \"$stdlib_include\"}, {outdir, Out}]"
otp_erlc_accepts "$work/all.txt" "$cache" "$jobs" "$options" >"$work/accepted.txt" ||
    { echo "otp-check: the erlc check failed" >&2; exit 1; }
accepted="$(wc -l <"$work/accepted.txt")"
if [ "$accepted" -eq 0 ]; then
    rm -f "$cache"
    echo "otp-check: erlc accepted none of the $total files; something is wrong with the erlc check" >&2
    exit 1
fi
echo "otp-check: erlc compiles $accepted of $total files (left out: ${excluded[*]}); checking them with $kiln"

# One line per failure: FILE<TAB>first error line of kiln's stderr.
export kiln per_file_timeout otp_lib kernel_include stdlib_include
tr '\n' '\0' <"$work/accepted.txt" | xargs -0 -P "$jobs" -n 1 bash -c '
    f="$1"
    src="$(dirname "$f")"
    if ! err="$(timeout "$per_file_timeout" "$kiln" check -I "$src" -I "$src/../include" \
            -I "$kernel_include" -I "$stdlib_include" --lib-dir "$otp_lib" "$f" 2>&1 >/dev/null)"; then
        first="$(printf "%s\n" "$err" | grep -m1 "^error" || printf "%s\n" "$err" | grep -m1 . || true)"
        printf "%s\t%s\n" "$f" "${first:-kiln failed without a message (or timed out)}"
    fi
' _ | LC_ALL=C sort >"$work/failures.txt"

failed="$(wc -l <"$work/failures.txt")"
passed=$((accepted - failed))
if [ "$failed" -gt 0 ]; then
    echo
    echo "failures, by first error (quoted names and numbers masked):"
    # The group key masks what differs between files with the same cause.
    sed -E "s|^$otp_lib/||" "$work/failures.txt" |
        awk -F '\t' -v n="$examples" '
            {
                key = $2
                gsub(/`[^`]*`/, "`_`", key)
                gsub(/'"'"'[^'"'"']*'"'"'/, "'"'"'_'"'"'", key)
                gsub(/[a-z][a-zA-Z0-9_@]*\/[0-9]+/, "F/N", key)
                gsub(/[0-9]+/, "N", key)
                count[key]++
                if (count[key] <= n) files[key] = files[key] "\037" $1 ": " $2
            }
            END { for (k in count) printf "%d\t%s\t%s\n", count[k], k, files[k] }
        ' | LC_ALL=C sort -t "$(printf '\t')" -k1,1nr -k2,2 |
        awk -F '\t' '{ printf "\n  %d x %s\n", $1, $2; m = split($3, f, "\037"); for (i = 2; i <= m; i++) print "      " f[i] }'
    echo
fi
echo "$passed of $accepted pass kiln check"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Regenerates tests/conformance/NAME.expected by running each program under real OTP:
#
#     escript NAME.erl a b c    (cwd tests/conformance, stdin /dev/null, stderr discarded)
#
# NAME.expected = the exact stdout bytes, then "\n--- exit status: N\n" (always, even
# when stdout is empty or already ends in a newline). See tests/README.md.
#
# Usage: tests/gen-expected.sh            regenerate every program
#        tests/gen-expected.sh foo bar     regenerate foo.erl and bar.erl only
#        tests/gen-expected.sh --dir DIR [foo bar]
#                                          the same for the programs in DIR instead of
#                                          tests/conformance (a relative DIR is looked up
#                                          from the current directory, then from tests/;
#                                          e.g. --dir conformance-next)
# Never edit an .expected file by hand.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$here/conformance"
if [ "$#" -gt 0 ] && [ "$1" = "--dir" ]; then
    [ "$#" -ge 2 ] || { echo "gen-expected: --dir needs a directory" >&2; exit 2; }
    if [ -d "$2" ]; then
        dir="$(cd "$2" && pwd)"
    elif [ -d "$here/$2" ]; then
        dir="$(cd "$here/$2" && pwd)"
    else
        echo "gen-expected: no such directory: $2" >&2
        exit 2
    fi
    shift 2
fi
cd "$dir"

command -v escript >/dev/null || { echo "gen-expected: escript not found (run 'make setup')" >&2; exit 1; }

timeout_s="${KILN_GEN_TIMEOUT:-300}"
export ERL_CRASH_DUMP_SECONDS=0   # never leave erl_crash.dump next to the programs

if [ "$#" -gt 0 ]; then
    names=("$@")
else
    names=()
    for f in *.erl; do names+=("${f%.erl}"); done
fi

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

failed=0
for name in "${names[@]}"; do
    name="${name%.erl}"
    if [ ! -f "$name.erl" ]; then
        echo "gen-expected: no such program: $dir/$name.erl" >&2
        failed=1
        continue
    fi
    status=0
    timeout "$timeout_s" escript "$name.erl" a b c </dev/null >"$tmp" 2>/dev/null || status=$?
    if [ "$status" -eq 124 ]; then
        echo "gen-expected: $name timed out after ${timeout_s}s; not written" >&2
        failed=1
        continue
    fi
    { cat "$tmp"; printf '\n--- exit status: %d\n' "$status"; } >"$name.expected.tmp"
    mv "$name.expected.tmp" "$name.expected"
    printf '%-24s exit %d, %d bytes of stdout\n' "$name" "$status" "$(wc -c <"$tmp")"
done
exit "$failed"

# Shared by otp-parse-check.sh and otp-check.sh (source it; it defines functions only):
# which of OTP's own source files erlc accepts, asked once and cached.
#
#   otp_sources LIST [EXCLUDED_APPS...]
#       writes every $otp_lib/*/src/*.erl to LIST (sorted), leaving out the
#       applications named (without version: wx, observer, ...)
#   otp_erlc_accepts LIST CACHE JOBS OPTIONS
#       writes to stdout the files of LIST that compile:file/2 accepts with OPTIONS
#       (an Erlang list expression over Src, the file's directory, and Out, a scratch
#       directory), one VM per job; the verdicts are cached in CACHE, keyed on the OTP
#       version, OPTIONS and the file list
#
# Both expect $otp_lib (OTP's lib directory) and $work (a scratch directory).

otp_sources() {
    local list="$1"
    shift
    local pattern=""
    for app in "$@"; do
        pattern="$pattern|$otp_lib/$app-[^/]*/"
    done
    find "$otp_lib"/*/src -maxdepth 1 -name '*.erl' -type f | LC_ALL=C sort |
        if [ -n "$pattern" ]; then grep -Ev "^(${pattern#|})" || true; else cat; fi >"$list"
}

otp_erlc_accepts() {
    local list="$1" cache="$2" jobs="$3" options="$4"
    local total release key
    total="$(wc -l <"$list")"
    release="$(ERL_CRASH_DUMP_SECONDS=0 erl -noshell -eval 'io:format("~s ~s", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().')"
    key="# erlc verdicts for OTP $release, $total files, list $(md5sum <"$list" | cut -c1-16), options $(printf '%s' "$options" | md5sum | cut -c1-16)"
    if [ -f "$cache" ] && [ "$(head -n1 "$cache")" = "$key" ]; then
        echo "using cached erlc verdicts ($cache)" >&2
    else
        echo "asking erlc about $total files ($jobs jobs; cached afterwards)" >&2
        rm -f "$work"/part.* "$work"/out.*.txt "$work"/out.*.err
        # Deal the files round-robin into one list per job; each job is one VM.
        awk -v n="$jobs" -v dir="$work" '{ print > (dir "/part." (NR % n)) }' "$list"
        local pids=() part out
        for part in "$work"/part.*; do
            out="$work/out.${part##*.}"
            mkdir -p "$out.beam"
            FILE_LIST="$part" OUT_DIR="$out.beam" ERL_CRASH_DUMP_SECONDS=0 erl -noshell -eval '
                {ok, Bin} = file:read_file(os:getenv("FILE_LIST")),
                Out = os:getenv("OUT_DIR"),
                Files = [F || F <- string:split(binary_to_list(Bin), "\n", all), F =/= ""],
                Check = fun(F) ->
                            Src = filename:dirname(F),
                            Opts = '"$options"',
                            case catch compile:file(F, Opts) of
                                {ok, _} -> io:format("ACCEPT ~s~n", [F]);
                                {ok, _, _} -> io:format("ACCEPT ~s~n", [F]);
                                _ -> ok
                            end
                        end,
                lists:foreach(Check, Files),
                halt().' >"$out.txt" 2>"$out.err" &
            pids+=("$!")
        done
        for pid in "${pids[@]}"; do
            if ! wait "$pid"; then
                echo "the erlc check failed:" >&2
                cat "$work"/out.*.err >&2
                return 1
            fi
        done
        { echo "$key"; cat "$work"/out.*.txt | sed -n 's/^ACCEPT //p' | LC_ALL=C sort; } >"$cache.tmp"
        mv "$cache.tmp" "$cache"
    fi
    tail -n +2 "$cache"
}

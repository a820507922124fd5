%% The io module: the parts written in Erlang. format/1,2,3, fwrite/1,2,3,
%% put_chars/1,2, get_line/1 and get_chars/2 are BIFs (runtime/src/io_bifs.rs).
%% Devices: standard_io and user (standard output), standard_error; a pid
%% (group leader) or any other device is badarg. Standard output is a latin1
%% device, as an escript's is. See docs/io.md.
-module(io).
-export([nl/0, nl/1, write/1, write/2, columns/0, columns/1, rows/0, rows/1,
         printable_range/0, getopts/0, getopts/1, setopts/1, setopts/2,
         get_line/2, get_chars/3]).

nl() -> io:put_chars("\n").

nl(Device) -> io:put_chars(Device, "\n").

write(Term) -> io:put_chars(io_lib:write(Term)).

write(Device, Term) -> io:put_chars(Device, io_lib:write(Term)).

%% Standard output is never treated as a terminal here, as under escript
%% with redirected output.
columns() -> {error, enotsup}.

columns(Device) -> check_device(Device), {error, enotsup}.

rows() -> {error, enotsup}.

rows(Device) -> check_device(Device), {error, enotsup}.

printable_range() -> latin1.

getopts() -> [{binary, false}, {encoding, latin1}].

getopts(Device) -> check_device(Device), getopts().

setopts(Opts) -> setopts(standard_io, Opts).

setopts(Device, Opts) when is_list(Opts) ->
    check_device(Device),
    case lists:all(fun known_opt/1, Opts) of
        true -> ok;
        false -> {error, enotsup}
    end;
setopts(_Device, _Opts) ->
    erlang:error(badarg).

known_opt({binary, false}) -> true;
known_opt(list) -> true;
known_opt({encoding, latin1}) -> true;
known_opt({encoding, unicode}) -> true;
known_opt({encoding, utf8}) -> true;
known_opt(_) -> false.

get_line(Device, Prompt) -> check_device(Device), io:get_line(Prompt).

get_chars(Device, Prompt, N) -> check_device(Device), io:get_chars(Prompt, N).

check_device(standard_io) -> ok;
check_device(user) -> ok;
check_device(standard_error) -> ok;
check_device(_) -> erlang:error(badarg).

%% The io module: OTP's interface to I/O servers, kiln's own version.
%%
%% Every function sends an I/O protocol request ({io_request, From,
%% ReplyAs, Request}, answered by {io_reply, ReplyAs, Reply}) to the device:
%% standard_io (or no device) is the caller's group leader, an atom the
%% process registered under it, a pid that process. The requests, the
%% errors (badarg, terminated, calling_self with OTP's error_info causes)
%% and the replies are OTP's, so a group leader written in Erlang (eunit's
%% output capture, a test's own) sees what it would see under OTP.
%%
%% Why kiln has its own: output. format/put_chars/nl/write first call
%% erlang:'$io_format'/3 or erlang:'$io_put_chars'/3, which write at once
%% when the device is one of the built-in servers (`user`,
%% `standard_error`, see stdlib/kiln_user_io.erl) - the common case, and
%% what those servers would do with the request anyway - and otherwise
%% return the pid to send the request to (or why there is none). Reading,
%% options and io:request/2 always go through the protocol. See docs/io.md.
-module(io).
-export([put_chars/1, put_chars/2, nl/0, nl/1,
         get_chars/2, get_chars/3, get_line/1, get_line/2,
         get_password/0, get_password/1,
         setopts/1, setopts/2, getopts/0, getopts/1]).
-export([write/1, write/2, read/1, read/2, read/3, read/4]).
-export([columns/0, columns/1, rows/0, rows/1]).
-export([fwrite/1, fwrite/2, fwrite/3, fread/2, fread/3,
         format/1, format/2, format/3]).
-export([scan_erl_exprs/1, scan_erl_exprs/2, scan_erl_exprs/3, scan_erl_exprs/4,
         scan_erl_form/1, scan_erl_form/2, scan_erl_form/3, scan_erl_form/4,
         parse_erl_exprs/1, parse_erl_exprs/2, parse_erl_exprs/3, parse_erl_exprs/4,
         parse_erl_form/1, parse_erl_form/2, parse_erl_form/3, parse_erl_form/4]).
-export([request/1, request/2, requests/1, requests/2]).
-export([printable_range/0]).

%% The output functions: the fast path's answer Fast is ok, or what
%% o_request/2 makes of it; an error is raised here, in the function the
%% caller called, with the caller's arguments (as OTP's inlined o_request).
-define(OUTPUT(Fast, Request, Args),
        case Fast of
            ok ->
                ok;
            Target__ ->
                case o_request(Target__, Request) of
                    {'$io_raise', Reason__, Cause__} ->
                        erlang:error(Reason__, Args,
                                     [{error_info, #{cause => Cause__,
                                                     module => erl_stdlib_errors}}]);
                    Reply__ ->
                        Reply__
                end
        end).

format(Format) ->
    ?OUTPUT(erlang:'$io_format'(standard_io, Format, []), {format, Format, []}, [Format]).

format(Format, Args) ->
    ?OUTPUT(erlang:'$io_format'(standard_io, Format, Args), {format, Format, Args},
            [Format, Args]).

format(Io, Format, Args) ->
    ?OUTPUT(erlang:'$io_format'(Io, Format, Args), {format, Format, Args},
            [Io, Format, Args]).

fwrite(Format) ->
    ?OUTPUT(erlang:'$io_format'(standard_io, Format, []), {format, Format, []}, [Format]).

fwrite(Format, Args) ->
    ?OUTPUT(erlang:'$io_format'(standard_io, Format, Args), {format, Format, Args},
            [Format, Args]).

fwrite(Io, Format, Args) ->
    ?OUTPUT(erlang:'$io_format'(Io, Format, Args), {format, Format, Args},
            [Io, Format, Args]).

put_chars(Chars) ->
    ?OUTPUT(erlang:'$io_put_chars'(standard_io, unicode, Chars),
            {put_chars, unicode, Chars}, [Chars]).

put_chars(Io, Chars) ->
    ?OUTPUT(erlang:'$io_put_chars'(Io, unicode, Chars),
            {put_chars, unicode, Chars}, [Io, Chars]).

nl() ->
    ?OUTPUT(erlang:'$io_put_chars'(standard_io, unicode, "\n"), nl, []).

nl(Io) ->
    ?OUTPUT(erlang:'$io_put_chars'(Io, unicode, "\n"), nl, [Io]).

write(Term) ->
    ?OUTPUT(erlang:'$io_format'(standard_io, "~w", [Term]), {write, Term}, [Term]).

write(Io, Term) ->
    ?OUTPUT(erlang:'$io_format'(Io, "~w", [Term]), {write, Term}, [Io, Term]).

%% The fast path did not write: Target is the server to ask, or the
%% failure ({io, Reason}: no such device; {device, Reason}: the built-in
%% device refused the data).
o_request(Target, Request) ->
    ErrorRef = make_ref(),
    Reply = case Target of
                Pid when is_pid(Pid) -> execute_request(Pid, io_request(Request), ErrorRef);
                {io, Reason} -> {ErrorRef, Reason};
                {device, Reason} -> {error, Reason}
            end,
    case Reply of
        {ErrorRef, R} -> {'$io_raise', conv_reason(R), {io, R}};
        {error, R} -> {'$io_raise', conv_reason(R), {device, R}};
        Other -> Other
    end.

conv_reason(arguments) -> badarg;
conv_reason(terminated) -> terminated;
conv_reason(calling_self) -> calling_self;
conv_reason({no_translation, _, _}) -> no_translation;
conv_reason(_Reason) -> badarg.

%% Standard I/O is never a terminal to kiln's `user` (as under escript with
%% redirected output), so the geometry is {error, enotsup} there.
columns() ->
    columns(default_output()).

columns(Io) ->
    geometry(request(Io, {get_geometry, columns})).

rows() ->
    rows(default_output()).

rows(Io) ->
    geometry(request(Io, {get_geometry, rows})).

geometry(N) when is_integer(N), N > 0 -> {ok, N};
geometry(_) -> {error, enotsup}.

%% No +pc flag: what OTP prints as printable by default.
printable_range() -> latin1.

get_chars(Prompt, N) ->
    get_chars(default_input(), Prompt, N).

get_chars(Io, Prompt, N) when is_integer(N), N >= 0 ->
    request(Io, {get_chars, unicode, Prompt, N}).

get_line(Prompt) ->
    get_line(default_input(), Prompt).

get_line(Io, Prompt) ->
    request(Io, {get_line, unicode, Prompt}).

get_password() ->
    get_password(default_input()).

get_password(Io) ->
    request(Io, {get_password, unicode}).

getopts() ->
    getopts(default_input()).

getopts(Io) ->
    request(Io, getopts).

setopts(Opts) ->
    setopts(default_input(), Opts).

setopts(Io, Opts) ->
    request(Io, {setopts, Opts}).

%% Terms: the server collects tokens with erl_scan:tokens/3,4 (named here,
%% so the linker sees erl_scan is used) and erl_parse makes the term.
read(Prompt) ->
    read(default_input(), Prompt).

read(Io, Prompt) ->
    case request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [1]}) of
        {ok, Toks, _EndLine} -> erl_parse:parse_term(Toks);
        {error, E, _EndLine} -> {error, E};
        {eof, _EndLine} -> eof;
        Other -> Other
    end.

read(Io, Prompt, Pos0) ->
    read(Io, Prompt, Pos0, []).

read(Io, Prompt, Pos0, Options) ->
    case request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [Pos0, Options]}) of
        {ok, Toks, EndLocation} ->
            case erl_parse:parse_term(Toks) of
                {ok, Term} -> {ok, Term, EndLocation};
                {error, ErrorInfo} -> {error, ErrorInfo, EndLocation}
            end;
        {error, _E, _EndLocation} = Error -> Error;
        {eof, _EndLocation} = Eof -> Eof;
        Other -> Other
    end.

fread(Prompt, Format) ->
    fread(default_input(), Prompt, Format).

fread(Io, Prompt, Format) ->
    request(Io, {fread, Prompt, Format}).

scan_erl_exprs(Prompt) -> scan_erl_exprs(default_input(), Prompt, 1).
scan_erl_exprs(Io, Prompt) -> scan_erl_exprs(Io, Prompt, 1).
scan_erl_exprs(Io, Prompt, Pos0) -> scan_erl_exprs(Io, Prompt, Pos0, []).
scan_erl_exprs(Io, Prompt, Pos0, Options) ->
    request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [Pos0, Options]}).

scan_erl_form(Prompt) -> scan_erl_form(default_input(), Prompt, 1).
scan_erl_form(Io, Prompt) -> scan_erl_form(Io, Prompt, 1).
scan_erl_form(Io, Prompt, Pos0) -> scan_erl_form(Io, Prompt, Pos0, []).
scan_erl_form(Io, Prompt, Pos0, Options) ->
    request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [Pos0, Options]}).

parse_erl_exprs(Prompt) -> parse_erl_exprs(default_input(), Prompt, 1).
parse_erl_exprs(Io, Prompt) -> parse_erl_exprs(Io, Prompt, 1).
parse_erl_exprs(Io, Prompt, Pos0) -> parse_erl_exprs(Io, Prompt, Pos0, []).
parse_erl_exprs(Io, Prompt, Pos0, Options) ->
    case request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [Pos0, Options]}) of
        {ok, Toks, EndPos} ->
            case erl_parse:parse_exprs(Toks) of
                {ok, Exprs} -> {ok, Exprs, EndPos};
                {error, E} -> {error, E, EndPos}
            end;
        Other -> Other
    end.

parse_erl_form(Prompt) -> parse_erl_form(default_input(), Prompt, 1).
parse_erl_form(Io, Prompt) -> parse_erl_form(Io, Prompt, 1).
parse_erl_form(Io, Prompt, Pos0) -> parse_erl_form(Io, Prompt, Pos0, []).
parse_erl_form(Io, Prompt, Pos0, Options) ->
    case request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [Pos0, Options]}) of
        {ok, Toks, EndPos} ->
            case erl_parse:parse_form(Toks) of
                {ok, Exprs} -> {ok, Exprs, EndPos};
                {error, E} -> {error, E, EndPos}
            end;
        Other -> Other
    end.

%% The protocol.

request(Request) ->
    request(default_output(), Request).

request(Name, Request) ->
    request(Name, Request, error).

request(standard_io, Request, ErrorTag) ->
    request(group_leader(), Request, ErrorTag);
request(Pid, Request, ErrorTag) when is_pid(Pid) ->
    execute_request(Pid, io_request(Request), ErrorTag);
request(Name, Request, ErrorTag) when is_atom(Name) ->
    case whereis(Name) of
        undefined -> {ErrorTag, arguments};
        Pid -> request(Pid, Request, ErrorTag)
    end.

%% Waits for the reply under a monitor: a server that dies (or never was)
%% makes it {ErrorTag, terminated}.
execute_request(Pid, _Request, ErrorTag) when Pid =:= self() ->
    {ErrorTag, calling_self};
execute_request(Pid, Request, ErrorTag) ->
    Mref = erlang:monitor(process, Pid),
    Pid ! {io_request, self(), Mref, Request},
    receive
        {io_reply, Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            Reply;
        {'DOWN', Mref, _, _, _} ->
            receive
                {'EXIT', Pid, _What} -> true
            after 0 -> true
            end,
            {ErrorTag, terminated}
    end.

requests(Requests) ->
    requests(default_output(), Requests).

requests(standard_io, Requests) ->
    requests(group_leader(), Requests);
requests(Pid, Requests) when is_pid(Pid) ->
    execute_request(Pid, {requests, io_requests(Requests, [])}, error);
requests(Name, Requests) when is_atom(Name) ->
    case whereis(Name) of
        undefined -> {error, arguments};
        Pid -> requests(Pid, Requests)
    end.

default_input() ->
    group_leader().

default_output() ->
    group_leader().

%% Nested {requests, Rs} are flattened, each request converted.
io_requests([{requests, Rs1} | Rs], Cont) ->
    io_requests(Rs1, [Rs | Cont]);
io_requests([R | Rs], Cont) ->
    [io_request(R) | io_requests(Rs, Cont)];
io_requests([], [Rs | Cont]) ->
    io_requests(Rs, Cont);
io_requests([], []) ->
    [].

%% What OTP's io sends a local, unicode-aware server for each request.
io_request({write, Term}) ->
    {put_chars, unicode, io_lib, write, [Term]};
io_request({format, Format, Args}) ->
    {put_chars, unicode, io_lib, format, [Format, Args]};
io_request({fwrite, Format, Args}) ->
    {put_chars, unicode, io_lib, fwrite, [Format, Args]};
io_request(nl) ->
    {put_chars, unicode, "\n"};
io_request({put_chars, Enc, Chars} = Request) when is_list(Chars) ->
    case catch unicode:characters_to_binary(Chars, Enc) of
        Binary when is_binary(Binary) -> {put_chars, Enc, Binary};
        _ -> Request
    end;
io_request({fread, Prompt, Format}) ->
    {get_until, unicode, Prompt, io_lib, fread, [Format]};
io_request(R) ->
    R.

%% kiln_user_io: the I/O servers the runtime starts before main
%% (runtime/src/io_server.rs): one registered as `user` (standard output
%% and standard input, the main process's group leader and so, inherited,
%% every process's) and one registered as `standard_error`.
%%
%% In OTP these are part of the runtime: `user` and `standard_error`
%% (kernel's user.erl and standard_error.erl) drive file-descriptor ports.
%% kiln has no such ports, so this module stands in for both, answering the
%% Erlang I/O protocol as they do under escript: the same requests, the same
%% replies and errors ({error, put_chars}, {error, {request, R}},
%% {error, enotsup} for the geometry of a device that is not a terminal),
%% latin1 until setopts says otherwise. It is not named `user`: that is
%% OTP's module, which kiln does not use.
%%
%% Output goes through erlang:'$io_put'/3 into the runtime's one buffered
%% standard output (or to standard error), the buffer erlang:display/1 and
%% the runtime's reports write to, so everything stays in order; the
%% device's encoding is kept by the runtime, which io:format's fast path
%% reads too. Input is read a line at a time with erlang:'$io_read_line'/0
%% (blocking the scheduler thread this server runs on), and what a request
%% leaves unread stays buffered here for the next one.
-module(kiln_user_io).
-export([server/1, drain/0]).

%% name: user | standard_error; binary: get_* return binaries; buf: input
%% read and not yet consumed (raw bytes); eof: standard input has ended.
-record(st, {name, binary = false, buf = <<>>, eof = false}).

%% The server's loop (Name is the registered name, the device's identity).
server(Name) ->
    loop(#st{name = Name}).

loop(St) ->
    receive
        {io_request, From, ReplyAs, Request} when is_pid(From) ->
            {_Status, Reply, St1} = request(Request, St),
            From ! {io_reply, ReplyAs, Reply},
            loop(St1);
        _Other ->
            loop(St)
    end.

%% Returns once both servers have answered everything sent to them before:
%% the runtime runs this after the main process returned, when requests
%% are still queued (see io_server::drain).
drain() ->
    lists:foreach(fun sync/1, [user, standard_error]).

sync(Name) ->
    case whereis(Name) of
        undefined ->
            ok;
        Pid ->
            Ref = erlang:monitor(process, Pid),
            Pid ! {io_request, self(), Ref, getopts},
            receive
                {io_reply, Ref, _} -> erlang:demonitor(Ref, [flush]);
                {'DOWN', Ref, _, _, _} -> ok
            end
    end.

%% request(Request, St) -> {ok | error, Reply, St}: the status decides
%% whether a {requests, Rs} list goes on.
request({put_chars, Enc, Chars}, St) when Enc =:= latin1; Enc =:= unicode ->
    put(Enc, Chars, St);
request({put_chars, Enc, M, F, A}, St) when Enc =:= latin1; Enc =:= unicode ->
    case catch apply(M, F, A) of
        Data when is_list(Data); is_binary(Data) -> put(Enc, Data, St);
        _ -> {error, {error, put_chars}, St}
    end;
request({put_chars, Chars}, St) ->
    request({put_chars, latin1, Chars}, St);
request({put_chars, M, F, A}, St) ->
    request({put_chars, latin1, M, F, A}, St);
request(getopts, St) ->
    {ok, getopts(St), St};
request({setopts, Opts}, St) when is_list(Opts) ->
    setopts(Opts, St);
request({get_geometry, What}, St) when What =:= columns; What =:= rows ->
    {error, {error, enotsup}, St};
request({requests, Requests}, St) when is_list(Requests) ->
    requests(Requests, {ok, ok, St});
request(Request, #st{name = user} = St) ->
    input_request(Request, St);
request(Request, St) ->
    unknown(Request, St).

unknown(Request, St) ->
    {error, {error, {request, Request}}, St}.

requests([R | Rs], {ok, _Reply, St}) ->
    requests(Rs, request(R, St));
requests(_, Result) ->
    Result.

put(Enc, Chars, #st{name = Name} = St) ->
    case erlang:'$io_put'(Name, Enc, Chars) of
        ok -> {ok, ok, St};
        error -> {error, {error, put_chars}, St}
    end.

%% Options.

getopts(#st{name = user, binary = Binary}) ->
    [{binary, Binary}, {encoding, erlang:'$io_encoding'(user)}];
getopts(#st{name = Name}) ->
    [{encoding, erlang:'$io_encoding'(Name)}].

%% Which options the device takes, after `latin1`/`unicode` (and, for
%% `user`, `list`/`binary`) are written as pairs; the first of each wins.
setopts(Opts0, #st{name = Name} = St) ->
    Opts = [expand(Name, O) || O <- Opts0],
    case lists:all(fun(O) -> valid(Name, O) end, Opts) of
        false ->
            {error, {error, enotsup}, St};
        true ->
            case lists:keyfind(encoding, 1, Opts) of
                {encoding, Enc} -> erlang:'$io_set_encoding'(Name, Enc);
                false -> ok
            end,
            St1 = case lists:keyfind(binary, 1, Opts) of
                      {binary, B} when is_boolean(B) -> St#st{binary = B};
                      _ -> St
                  end,
            {ok, ok, St1}
    end.

expand(_, latin1) -> {encoding, latin1};
expand(_, unicode) -> {encoding, unicode};
expand(user, list) -> {binary, false};
expand(user, binary) -> {binary, true};
expand(_, Opt) -> Opt.

valid(_, {encoding, E}) -> E =:= latin1 orelse E =:= unicode orelse E =:= utf8;
valid(user, {binary, _}) -> true;
valid(_, _) -> false.

%% Input (`user` only).

input_request({get_line, Enc, Prompt}, St) ->
    read(get_line, Enc, Prompt, fun line/1, St);
input_request({get_chars, Enc, Prompt, N}, St) when is_integer(N), N >= 0 ->
    read(get_chars, Enc, Prompt, fun(S) -> chars(N, S) end, St);
input_request({get_until, Enc, Prompt, M, F, As}, St) ->
    case prompt(Prompt, St) of
        ok -> until(Enc, M, F, As, St);
        error -> {error, {error, get_until}, St}
    end;
input_request({get_line, Prompt}, St) ->
    input_request({get_line, latin1, Prompt}, St);
input_request({get_chars, Prompt, N}, St) ->
    input_request({get_chars, latin1, Prompt, N}, St);
input_request({get_until, Prompt, M, F, As}, St) ->
    input_request({get_until, latin1, Prompt, M, F, As}, St);
input_request(Request, St) ->
    unknown(Request, St).

%% Writes the prompt, then takes characters with Take(St) -> {eof | Chars,
%% St}. As OTP's `user`, input that has ended with nothing buffered is eof
%% whatever is asked (even 0 characters).
read(What, Enc, Prompt, Take, St0) ->
    case prompt(Prompt, St0) of
        error ->
            {error, {error, What}, St0};
        ok when St0#st.eof, St0#st.buf =:= <<>> ->
            {ok, eof, St0};
        ok ->
            case Take(St0) of
                {eof, St} -> {ok, eof, St};
                {Chars, St} -> cast(Chars, Enc, St)
            end
    end.

%% io_lib:format_prompt/2, which ends in "???" for a bad {format, F, A}.
prompt('', _St) ->
    ok;
prompt(Prompt, #st{name = Name}) ->
    Modifier = case erlang:'$io_encoding'(Name) of
                   latin1 -> "~";
                   _ -> "~t"
               end,
    Chars = case Prompt of
                {format, Format, Args} -> format_prompt(Format, Args);
                _ when is_list(Prompt); is_atom(Prompt); is_binary(Prompt) ->
                    format_prompt(Modifier ++ "s", [Prompt]);
                _ -> format_prompt(Modifier ++ "p", [Prompt])
            end,
    erlang:'$io_put'(Name, unicode, Chars).

format_prompt(Format, Args) ->
    case catch io_lib:format(Format, Args) of
        {'EXIT', _} -> "???";
        Chars -> Chars
    end.

%% One line, "\r\n" read as "\n"; the last line may have no "\n".
line(#st{buf = Buf, eof = Eof} = St) ->
    case binary:match(Buf, <<"\n">>) of
        {Pos, 1} ->
            <<Line:Pos/binary, $\n, Rest/binary>> = Buf,
            {decode(<<(strip_cr(Line))/binary, $\n>>, St), St#st{buf = Rest}};
        nomatch when Eof, Buf =:= <<>> ->
            {eof, St};
        nomatch when Eof ->
            {decode(Buf, St), St#st{buf = <<>>}};
        nomatch ->
            line(fill(St))
    end.

strip_cr(<<>>) ->
    <<>>;
strip_cr(Line) ->
    N = byte_size(Line) - 1,
    case Line of
        <<Head:N/binary, $\r>> -> Head;
        _ -> Line
    end.

%% Up to N characters (fewer only at the end of input).
chars(N, #st{buf = Buf, eof = Eof} = St) ->
    Chars = decode(Buf, St),
    case length(Chars) >= N of
        true ->
            {Taken, Rest} = lists:split(N, Chars),
            {Taken, St#st{buf = encode(Rest, St)}};
        false when Eof, Chars =:= [] ->
            {eof, St};
        false when Eof ->
            {Chars, St#st{buf = <<>>}};
        false ->
            chars(N, fill(St))
    end.

%% get_until: Module:Function(Continuation, Data, ExtraArgs...) on each
%% piece of input (a list of characters; eof at the end of input) until it
%% is {done, Result, Rest}. As OTP's `user`, input that has already ended
%% (nothing buffered) is eof without calling it.
until(Enc, M, F, As, St0) ->
    case next_data(St0) of
        {eof, St} -> {ok, eof, St};
        {Data, St} -> until(Enc, M, F, As, [], Data, St)
    end.

until(Enc, M, F, As, Cont, Data, St) ->
    case catch apply(M, F, [Cont, Data | As]) of
        {done, Result, Rest} ->
            {ok, until_result(Result, Enc, St), unread(Rest, St)};
        {more, Cont1} when Data =/= eof ->
            {Data1, St1} = next_data(St),
            until(Enc, M, F, As, Cont1, Data1, St1);
        _ ->
            {error, {error, F}, St#st{buf = <<>>}}
    end.

until_result(Result, Enc, #st{binary = true}) when is_list(Result) ->
    case Enc of
        latin1 -> iolist_to_binary(Result);
        _ -> unicode:characters_to_binary(Result)
    end;
until_result(Result, _Enc, _St) ->
    Result.

unread(eof, St) -> St#st{buf = <<>>, eof = true};
unread(Rest, St) when is_binary(Rest) -> St#st{buf = Rest};
unread(Rest, St) -> St#st{buf = encode(Rest, St)}.

%% Everything buffered, else the next line; eof at the end of input.
next_data(#st{buf = <<>>, eof = true} = St) ->
    {eof, St};
next_data(#st{buf = <<>>} = St) ->
    next_data(fill(St));
next_data(#st{buf = Buf} = St) ->
    {decode(Buf, St), St#st{buf = <<>>}}.

fill(#st{buf = Buf} = St) ->
    case erlang:'$io_read_line'() of
        eof -> St#st{eof = true};
        Line -> St#st{buf = <<Buf/binary, Line/binary>>}
    end.

%% Input bytes as characters in the device's encoding (bytes that are not
%% UTF-8 on a unicode device are taken as latin1), and back.
decode(Bytes, #st{name = Name}) ->
    case erlang:'$io_encoding'(Name) of
        latin1 ->
            binary_to_list(Bytes);
        _ ->
            case unicode:characters_to_list(Bytes, unicode) of
                Chars when is_list(Chars) -> Chars;
                _ -> binary_to_list(Bytes)
            end
    end.

encode(Chars, #st{name = Name}) ->
    case erlang:'$io_encoding'(Name) of
        latin1 -> list_to_binary(Chars);
        _ -> unicode:characters_to_binary(Chars)
    end.

%% The characters read, as the request's encoding and the mode want them.
cast(Chars, Enc, #st{binary = Binary} = St) ->
    Wide = Enc =:= latin1 andalso lists:any(fun(C) -> C > 255 end, Chars),
    if
        Wide -> {error, {error, {no_translation, unicode, latin1}}, St};
        not Binary -> {ok, Chars, St};
        Enc =:= latin1 -> {ok, list_to_binary(Chars), St};
        true -> {ok, unicode:characters_to_binary(Chars), St}
    end.

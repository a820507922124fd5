%% A minimal logger for kiln programs: the primary level, and events printed
%% the way OTP's default handler prints them for an escript (standard
%% output, `=LEVEL REPORT==== Time ===` then the text). Crash reports of
%% processes that die of an error go through the same level (see
%% runtime/src/process/exit.rs).
%%
%% The ?LOG_* macros of logger.hrl (what OTP's gen_server, supervisor,
%% proc_lib... log with) call allow/2 and macro_log/3,4,5: those events are
%% formatted by OTP's own logger_formatter with the default handler's
%% configuration (legacy header, multi-line), so their text is OTP's,
%% report callbacks (gen_server:format_log/2, proc_lib:report_cb/2, ...)
%% included. Handlers, filters and module levels are not there yet.
-module(logger).
-export([set_primary_config/1, set_primary_config/2, get_primary_config/0,
         update_primary_config/1,
         emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, allow/2,
         macro_log/3, macro_log/4, macro_log/5, timestamp/0,
         format_report/1, filter_stacktrace/2, sync/0]).

set_primary_config(level, Level) ->
    case erlang:'$logger_set_level'(Level) of
        true -> ok;
        false -> {error, {invalid_level, Level}}
    end;
set_primary_config(Key, Value) when Key =:= filter_default; Key =:= filters; Key =:= metadata ->
    _ = Value,
    ok;
set_primary_config(Key, Value) ->
    {error, {invalid_primary_config, {Key, Value}}}.

set_primary_config(Config) when is_map(Config) ->
    case maps:find(level, Config) of
        {ok, Level} -> set_primary_config(level, Level);
        error -> ok
    end.

update_primary_config(Config) -> set_primary_config(Config).

get_primary_config() ->
    #{level => erlang:'$logger_level'(), filter_default => log, filters => [], metadata => #{}}.

allow(Level, _Module) ->
    Levels = [emergency, alert, critical, error, warning, notice, info, debug],
    case erlang:'$logger_level'() of
        none -> false;
        all -> true;
        Primary -> index(Level, Levels) =< index(Primary, Levels)
    end.

index(X, [X | _]) -> 0;
index(X, [_ | T]) -> 1 + index(X, T);
index(_, []) -> 100.

emergency(A) -> log(emergency, A).
emergency(A, B) -> log(emergency, A, B).
emergency(A, B, C) -> log(emergency, A, B, C).
alert(A) -> log(alert, A).
alert(A, B) -> log(alert, A, B).
alert(A, B, C) -> log(alert, A, B, C).
critical(A) -> log(critical, A).
critical(A, B) -> log(critical, A, B).
critical(A, B, C) -> log(critical, A, B, C).
error(A) -> log(error, A).
error(A, B) -> log(error, A, B).
error(A, B, C) -> log(error, A, B, C).
warning(A) -> log(warning, A).
warning(A, B) -> log(warning, A, B).
warning(A, B, C) -> log(warning, A, B, C).
notice(A) -> log(notice, A).
notice(A, B) -> log(notice, A, B).
notice(A, B, C) -> log(notice, A, B, C).
info(A) -> log(info, A).
info(A, B) -> log(info, A, B).
info(A, B, C) -> log(info, A, B, C).
debug(A) -> log(debug, A).
debug(A, B) -> log(debug, A, B).
debug(A, B, C) -> log(debug, A, B, C).

%% log(Level, StringOrReport)
log(Level, StringOrReport) -> log(Level, StringOrReport, #{}).

%% log(Level, Format, Args) | log(Level, StringOrReport, Metadata)
log(Level, Format, Args) when is_list(Args) -> log(Level, Format, Args, #{});
log(Level, StringOrReport, Meta) when is_map(Meta) ->
    emit(Level, fun() -> text(StringOrReport) end).

log(Level, Fun, FunArgs, _Meta) when is_function(Fun, 1) ->
    emit(Level, fun() ->
                        case Fun(FunArgs) of
                            {Format, Args} when is_list(Args) -> io_lib:format(Format, Args);
                            StringOrReport -> text(StringOrReport)
                        end
                end);
log(Level, Format, Args, _Meta) ->
    emit(Level, fun() -> io_lib:format(Format, Args) end).

emit(Level, Text) ->
    case allow(Level, undefined) of
        true -> erlang:'$logger_emit'(Level, unicode:characters_to_list(Text()));
        false -> ok
    end.

text(S) when is_binary(S) -> S;
text(Report) when is_map(Report) -> report(maps:to_list(Report));
text([{_, _} | _] = Report) -> report(Report);
text(S) when is_list(S) -> S;
text(Other) -> io_lib:format("~tp", [Other]).

report(Pairs) ->
    lists:join($\n, [io_lib:format("    ~tp: " ++ value_format(V), [K, V]) || {K, V} <- Pairs]).

value_format(V) ->
    case io_lib:printable_unicode_list(V) of
        true -> "~ts";
        false -> "~tp"
    end.

%% The ?LOG_* macros: Location is #{mfa, line, file}; the message is a
%% string, a report, {Format, Args} or {Fun, FunArgs}.
macro_log(Location, Level, StringOrReport) ->
    log_event(Location, Level, StringOrReport, #{}).

macro_log(Location, Level, StringOrReport, Meta)
  when is_map(Meta), not is_function(StringOrReport) ->
    log_event(Location, Level, StringOrReport, Meta);
macro_log(Location, Level, FunOrFormat, Args) ->
    log_event(Location, Level, {FunOrFormat, Args}, #{}).

macro_log(Location, Level, FunOrFormat, Args, Meta) ->
    log_event(Location, Level, {FunOrFormat, Args}, Meta).

log_event(Location, Level, Message, Meta0) ->
    case allow(Level, undefined) of
        true ->
            Meta = maps:merge(#{pid => self(), gl => group_leader(), time => timestamp()},
                              maps:merge(Location, Meta0)),
            case message(Message) of
                skip ->
                    ok;
                Msg ->
                    Event = #{level => Level, msg => Msg, meta => Meta},
                    Config = #{legacy_header => true, single_line => false},
                    Text = logger_formatter:format(Event, Config),
                    write(unicode:characters_to_list(Text))
            end;
        false ->
            ok
    end.

%% Formatted events are written by a handler process, as OTP's default
%% handler does (the logging process formats, the handler writes): a
%% process that logs and then goes on printing is not held up, and its
%% own output may come first, as under OTP.
-define(HANDLER, logger_std_h_default).

write(Text) ->
    handler() ! {write, Text},
    ok.

handler() ->
    case whereis(?HANDLER) of
        undefined ->
            Pid = spawn(fun handler_loop/0),
            try register(?HANDLER, Pid) of
                true -> Pid
            catch
                error:badarg ->
                    exit(Pid, kill),
                    handler()
            end;
        Pid ->
            Pid
    end.

handler_loop() ->
    receive
        {write, Text} ->
            erlang:'$logger_write'(Text),
            handler_loop();
        {sync, From, Ref} ->
            From ! {Ref, ok},
            handler_loop()
    end.

%% Waits until every event logged so far is written (kiln_escript calls
%% this when main returns, so no report is lost at exit).
sync() ->
    case whereis(?HANDLER) of
        undefined ->
            ok;
        Pid ->
            Ref = monitor(process, Pid),
            Pid ! {sync, self(), Ref},
            receive
                {Ref, ok} -> demonitor(Ref, [flush]), ok;
                {'DOWN', Ref, _, _, _} -> ok
            end
    end.

%% The `msg` of a log event.
message({Fun, FunArgs}) when is_function(Fun, 1) ->
    case Fun(FunArgs) of
        {Format, Args} when is_list(Args) -> {Format, Args};
        {report, _} = Report -> Report;
        {string, _} = String -> String;
        Report when is_map(Report); is_list(Report), is_tuple(hd(Report)) -> {report, Report};
        String when is_list(String); is_binary(String) -> {string, String};
        _ -> skip
    end;
message({Format, Args}) when is_list(Args) -> {Format, Args};
message(Report) when is_map(Report) -> {report, Report};
message([{_, _} | _] = Report) -> {report, Report};
message(String) -> {string, String}.

%% The time stamp of a log event: system time in microseconds.
timestamp() ->
    os:system_time(microsecond).

%% The default report callback: a report (a map or a key-value list) as
%% one "Key: Value" line per pair; a report that is a flat string as it
%% is; anything else printed as a term.
format_report(Report) when is_map(Report) ->
    format_report(maps:to_list(Report));
format_report(Report) when is_list(Report) ->
    case lists:flatten(Report) of
        [] ->
            {"~tp", [[]]};
        Flat ->
            case io_lib:printable_unicode_list(Flat) of
                true -> {"~ts", [Flat]};
                false -> pairs_format(Report)
            end
    end;
format_report(Report) ->
    {"~tp", [Report]}.

pairs_format(Pairs) ->
    {Formats, Args} = lists:unzip([pair_format(P) || P <- Pairs]),
    {lists:flatten(lists:join("~n", Formats)), lists:append(Args)}.

pair_format({Key, Value}) ->
    ValueFormat = case io_lib:printable_unicode_list(Value) of
                      true -> "~ts";
                      false -> "~tp"
                  end,
    {"    ~tp: " ++ ValueFormat, [Key, Value]};
pair_format(Term) ->
    {"    ~tp", [Term]}.

%% A stack trace without the frames of `Module` and those below them.
filter_stacktrace(Module, [{Module, _, _, _} | _]) ->
    [];
filter_stacktrace(Module, [Frame | Rest]) ->
    [Frame | filter_stacktrace(Module, Rest)];
filter_stacktrace(_, []) ->
    [].

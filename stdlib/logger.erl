%% A minimal logger for kiln programs: the primary level, and events printed
%% the way OTP's default handler prints them for an escript (standard
%% output, `=LEVEL REPORT==== Time ===` then the text). Crash reports of
%% processes that die of an error go through the same level (see
%% runtime/src/process/exit.rs).
-module(logger).
-export([set_primary_config/1, set_primary_config/2, get_primary_config/0,
         update_primary_config/1,
         emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, allow/2]).

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

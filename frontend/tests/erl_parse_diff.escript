#!/usr/bin/env escript
%% Compares kiln's parse of Erlang files with OTP's own (epp + erl_parse).
%%
%% Usage: escript erl_parse_diff.escript LIST
%% LIST has one line per file: "<source .erl>\t<kiln's forms as terms>",
%% the terms in OTP's abstract format with all annotations 0 (written by
%% tests/common/abstract_format.rs). Prints "DIFF <file>" with the first
%% differing form of each file that differs, then a summary line.
-mode(compile).

main([List]) ->
    {ok, Bin} = file:read_file(List),
    Lines = [L || L <- string:split(binary_to_list(Bin), "\n", all), L =/= ""],
    Results = [compare(L) || L <- Lines],
    Same = length([ok || same <- Results]),
    Skipped = length([ok || skipped <- Results]),
    io:format("erl_parse agrees on ~p of ~p files (~p skipped: OTP rejects them)~n",
              [Same, length(Results) - Skipped, Skipped]).

compare(Line) ->
    [Src, Ours] = string:split(Line, "\t"),
    Dir = filename:dirname(Src),
    Incs = [Dir, filename:join(Dir, "../include")],
    {ok, Forms} = epp:parse_file(Src, [{includes, Incs}]),
    case [E || {error, E} <- Forms] of
        [_ | _] -> skipped;
        [] ->
            Theirs = [user_type_as_type(erl_parse:map_anno(fun(_) -> 0 end, F))
                      || F <- Forms, keep(F)],
            {ok, Terms} = file:consult(Ours),
            Mine = [eval_marked(T) || T <- Terms],
            case first_difference(Theirs, Mine, 1) of
                none -> same;
                {N, T, M} ->
                    {T1, M1} = innermost_difference(T, M),
                    io:format("DIFF ~s (form ~p)~n  erl_parse: ~P~n  kiln:      ~P~n",
                              [Src, N, T1, 30, M1, 30]),
                    differs
            end
    end.

keep({attribute, _, file, _}) -> false;
keep({eof, _}) -> false;
keep({warning, _}) -> false;
keep(_) -> true.

user_type_as_type({user_type, A, N, As}) -> {type, A, N, user_type_as_type(As)};
user_type_as_type(T) when is_tuple(T) -> list_to_tuple(user_type_as_type(tuple_to_list(T)));
user_type_as_type([H | T]) -> [user_type_as_type(H) | user_type_as_type(T)];
user_type_as_type(X) -> X.

%% Attribute values kiln could not write as plain terms come as
%% {'$expr', AbstractExpr}.
eval_marked({'$expr', E}) -> erl_parse:normalise(E);
eval_marked(T) when is_tuple(T) -> list_to_tuple(eval_marked(tuple_to_list(T)));
eval_marked([H | T]) -> [eval_marked(H) | eval_marked(T)];
eval_marked(M) when is_map(M) -> maps:from_list(eval_marked(maps:to_list(M)));
eval_marked(X) -> X.

first_difference([], [], _) -> none;
first_difference([T | Ts], [T | Ms], N) -> first_difference(Ts, Ms, N + 1);
first_difference([T | _], [M | _], N) -> {N, T, M};
first_difference([T | _], [], N) -> {N, T, missing};
first_difference([], [M | _], N) -> {N, missing, M}.

%% The smallest subterms that still differ, for a readable report.
innermost_difference(T, M) when is_tuple(T), is_tuple(M), tuple_size(T) =:= tuple_size(M) ->
    innermost_list(tuple_to_list(T), tuple_to_list(M), {T, M});
innermost_difference(T, M) when is_list(T), is_list(M), length(T) =:= length(M) ->
    innermost_list(T, M, {T, M});
innermost_difference(T, M) -> {T, M}.

innermost_list([X | Xs], [X | Ys], Whole) -> innermost_list(Xs, Ys, Whole);
innermost_list([X | _], [Y | _], _) -> innermost_difference(X, Y);
innermost_list(_, _, Whole) -> Whole.

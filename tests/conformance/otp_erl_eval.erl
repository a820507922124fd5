% kiln conformance: OTP's erl_scan, erl_parse and erl_eval: scanning, parsing and evaluating strings
-module(otp_erl_eval).
-export([main/1]).
-mode(compile).

main(_) ->
    {ok, Tokens, End} = erl_scan:string("X = 1 + 2, [X * Y || Y <- [1, 2, 3]]."),
    io:format("tokens: ~p end ~p~n", [length(Tokens), End]),
    {ok, Exprs} = erl_parse:parse_exprs(Tokens),
    io:format("exprs: ~p~n", [Exprs]),
    {value, V, B} = erl_eval:exprs(Exprs, erl_eval:new_bindings()),
    io:format("value: ~p bindings: ~p~n", [V, erl_eval:bindings(B)]),
    io:format("~p~n", [eval("lists:sum([1,2,3]) + length(\"abc\").")]),
    io:format("~p~n", [eval("F = fun(N) -> N * 2 end, F(21).")]),
    io:format("~p~n", [eval("case {a, 1} of {a, N} when N > 0 -> pos; _ -> other end.")]),
    io:format("~p~n", [eval("#{a := A} = #{a => 42}, A.")]),
    io:format("~p~n", [eval("<<X:8, Rest/binary>> = <<1, 2, 3>>, {X, Rest}.")]),
    io:format("~p~n", [eval("try throw(oops) catch throw:W -> {caught, W} end.")]),
    io:format("~p~n", [error_of(fun() -> eval("1 + a.") end)]),
    io:format("~p~n", [error_of(fun() -> eval("undefined_fun_xyz().") end)]),
    io:format("~p~n", [erl_scan:string("\"unterminated")]),
    io:format("~p~n", [erl_parse:parse_exprs(element(2, erl_scan:string("1 + .")))]),
    {ok, Form} = erl_parse:parse_form(element(2, erl_scan:string("f(X) -> X + 1."))),
    io:format("form: ~p~n", [Form]),
    io:format("term: ~p~n", [erl_parse:parse_term(element(2, erl_scan:string("{ok, [1, \"two\", three]}.")))]),
    io:format("abstract: ~p~n", [erl_parse:abstract({a, [1, 2]})]),
    io:format("pp: ~s~n", [erl_pp:expr(hd(Exprs))]),
    io:format("done~n").

%% The error and the top of its stack trace (escript's frames and line
%% numbers below it differ from a compiled program's).
error_of(F) ->
    try F() catch error:R:S -> {R, hd(S)} end.

eval(String) ->
    {ok, Tokens, _} = erl_scan:string(String),
    {ok, Exprs} = erl_parse:parse_exprs(Tokens),
    {value, Value, _} = erl_eval:exprs(Exprs, []),
    Value.

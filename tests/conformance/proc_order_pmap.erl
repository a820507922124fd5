% kiln conformance: a parallel map keeps the order of its input, and reports errors from workers
-module(proc_order_pmap).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [pmap(fun(X) -> X * X end, lists:seq(1, 20))]),
    io:format("~p~n", [pmap(fun fib/1, lists:seq(15, 24))]),
    io:format("~p~n", [pmap(fun lists:reverse/1, ["abc", "", "xyz"])]),
    io:format("~p~n", [pmap(fun(X) -> X end, [])]),
    R = pmap(fun(X) -> 10 div X end, [5, 2, 0, 1]),
    io:format("~p~n", [R]),
    Nested = pmap(fun(L) -> lists:sum(pmap(fun(X) -> X * 2 end, L)) end, [[1, 2], [3, 4, 5], [], [10]]),
    io:format("nested ~p~n", [Nested]).

pmap(F, L) ->
    Self = self(),
    Refs = [begin
                Ref = make_ref(),
                spawn(fun() ->
                              Res = try {ok, F(X)} catch C:E -> {C, E} end,
                              Self ! {Ref, Res}
                      end),
                Ref
            end || X <- L],
    [receive {Ref, Res} -> unwrap(Res) end || Ref <- Refs].

unwrap({ok, V}) -> V;
unwrap(Other) -> {failed, Other}.

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

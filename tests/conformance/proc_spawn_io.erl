% kiln conformance: processes print in turn, handing a token along; output order is causal
-module(proc_spawn_io).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Pids = [spawn(fun() -> printer(I, Self) end) || I <- lists:seq(1, 10)],
    lists:foreach(fun(P) -> P ! {go, Self}, receive {printed, P} -> ok end end, Pids),
    io:format("main prints last of round one~n"),
    %% a chain: each process prints, then passes the token to the next itself
    Chain = lists:foldr(fun(I, Next) -> spawn(fun() -> chain(I, Next) end) end, Self, lists:seq(1, 5)),
    Chain ! token,
    receive token -> io:format("chain done~n") end,
    io:format("~s", [io_lib:format("formatted in main: ~p~n", [[x || _ <- Pids]])]).

printer(I, Parent) ->
    receive {go, Parent} -> ok end,
    io:format("printer ~b: ~s~n", [I, lists:duplicate(I, $*)]),
    io:put_chars(["  and put_chars from ", integer_to_list(I), "\n"]),
    Parent ! {printed, self()}.

chain(I, Next) ->
    receive token -> ok end,
    io:format("link ~b of the chain~n", [I]),
    Next ! token.

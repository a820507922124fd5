% kiln conformance: spawn/1 and spawn/3, self/0, replies to the parent (pids are never printed)
-module(process_spawn).
-export([main/1, worker/2]).
-mode(compile).

main(_) ->
    Parent = self(),
    io:format("~p ~p~n", [is_pid(Parent), Parent =:= self()]),
    Child = spawn(fun() -> Parent ! {self(), hello_from_child} end),
    receive
        {Child, Msg} -> io:format("got ~p~n", [Msg])
    end,
    io:format("~p ~p~n", [is_pid(Child), Child =/= Parent]),
    X = 21,
    spawn(fun() -> Parent ! {doubled, X * 2} end),
    receive
        {doubled, D} -> io:format("doubled ~p~n", [D])
    end,
    W = spawn(?MODULE, worker, [Parent, 10]),
    receive
        {W, sum, S} -> io:format("worker sum ~p~n", [S])
    end,
    Echo = spawn(fun echo/0),
    Echo ! {self(), ping},
    receive {Echo, R1} -> io:format("echo ~p~n", [R1]) end,
    Echo ! {self(), {some, "data", [1, 2]}},
    receive {Echo, R2} -> io:format("echo ~p~n", [R2]) end,
    Echo ! stop,
    Printer = spawn(fun() ->
                        io:format("child prints~n"),
                        Parent ! printed
                    end),
    receive printed -> io:format("parent saw child print~n") end,
    true = is_pid(Printer),
    Pids = [spawn(fun() -> Parent ! {result, N, N * N} end) || N <- [1, 2, 3, 4, 5]],
    io:format("~p~n", [collect([1, 2, 3, 4, 5])]),
    io:format("spawned ~p~n", [length(Pids)]).

worker(Parent, N) ->
    Parent ! {self(), sum, lists:foldl(fun(A, B) -> A + B end, 0, lists:seq(1, N))}.

echo() ->
    receive
        {From, Msg} ->
            From ! {self(), Msg},
            echo();
        stop ->
            ok
    end.

collect([]) -> [];
collect([N | T]) ->
    receive
        {result, N, Sq} -> [Sq | collect(T)]
    end.

% kiln benchmark: doubly recursive Fibonacci (calls and small-integer arithmetic)
-module(fib).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("fib(40) = ~b~n", [fib(40)]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

% kiln conformance: erlang:display/1 only (no io:format): integers, atoms, arithmetic
%% OTP writes erlang:display output directly and ends each line with "\r\n";
%% programs never mix it with io:format because OTP's interleaving of the two is not deterministic.
-module(display_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    erlang:display(42),
    erlang:display(-7),
    erlang:display(0),
    erlang:display(1 + 2 * 3),
    erlang:display(id(100) div id(7)),
    erlang:display(id(100) rem id(7)),
    erlang:display(1 bsl 56),
    erlang:display(hello),
    erlang:display('Quoted Atom'),
    erlang:display(true),
    erlang:display(id(3) > id(2)),
    erlang:display(fact(15)),
    erlang:display(fib(20)),
    erlang:display(done).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).

id(X) -> X.

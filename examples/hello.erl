% hello.erl: the first program to try with kiln.
%
%   kiln build examples/hello.erl -o hello && ./hello world
%   kiln build --target wasm32-wasip1 examples/hello.erl -o hello.wasm
%   escript examples/hello.erl world          (the same program under OTP)
-module(hello).
-export([main/1]).

main(Args) ->
    Name = case Args of
               [First | _] -> First;
               [] -> "world"
           end,
    io:format("Hello, ~s! This is Erlang, compiled ahead of time by kiln.~n", [Name]),

    %% A small computation: the squares of 1..10 and their sum.
    Squares = [N * N || N <- lists:seq(1, 10)],
    Sum = lists:foldl(fun(X, Acc) -> X + Acc end, 0, Squares),
    io:format("The squares of 1..10 are ~w; they add up to ~b.~n", [Squares, Sum]),

    %% A process: spawn one, send it a question, wait for the answer.
    Parent = self(),
    Worker = spawn(fun() -> worker(Parent) end),
    Worker ! {question, 6, 7},
    receive
        {answer, Worker, Answer} ->
            io:format("A spawned process says 6 * 7 = ~b.~n", [Answer])
    end,
    io:format("Goodbye!~n").

worker(Parent) ->
    receive
        {question, A, B} -> Parent ! {answer, self(), A * B}
    end.

% kiln conformance: main/1 receives the command-line arguments as strings (the harness passes a b c)
-module(main_args).
-export([main/1]).
-mode(compile).

main(Args) ->
    io:format("~p~n", [Args]),
    io:format("~b args~n", [length(Args)]),
    print_each(Args, 1),
    io:format("all strings: ~p~n", [lists:filter(fun is_list/1, Args) =:= Args]),
    io:format("joined: ~s~n", [join(Args)]),
    case Args of
        [First | _] -> io:format("first: ~s~n", [First]);
        [] -> io:format("no args~n")
    end.

print_each([], _) -> ok;
print_each([A | T], I) ->
    io:format("arg ~b: ~s (~p chars)~n", [I, A, length(A)]),
    print_each(T, I + 1).

join([]) -> "";
join([A]) -> A;
join([A | T]) -> A ++ "-" ++ join(T).

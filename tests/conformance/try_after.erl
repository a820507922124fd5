% kiln conformance: try ... after runs on success and on every exception class, in order
-module(try_after).
-export([main/1]).
-mode(compile).

main(_) ->
    R1 = try
             io:format("body ok~n"),
             result
         after
             io:format("after 1~n")
         end,
    io:format("R1 = ~p~n", [R1]),
    R2 = try
             try
                 io:format("body throws~n"),
                 throw(t)
             after
                 io:format("after 2~n")
             end
         catch
             throw:T -> {outer, T}
         end,
    io:format("R2 = ~p~n", [R2]),
    R3 = try
             try erlang:error(e)
             catch throw:_ -> not_this
             after io:format("after 3~n")
             end
         catch
             error:E -> {outer, E}
         end,
    io:format("R3 = ~p~n", [R3]),
    R4 = try exit(x)
         catch exit:X -> {caught, X}
         after io:format("after 4~n")
         end,
    io:format("R4 = ~p~n", [R4]),
    R5 = try
             try
                 try throw(deep)
                 after io:format("after 5a~n")
                 end
             after
                 io:format("after 5b~n")
             end
         catch
             throw:D -> D
         end,
    io:format("R5 = ~p~n", [R5]),
    R6 = try 1 of
             N -> N + 1
         after
             io:format("after 6~n")
         end,
    io:format("R6 = ~p~n", [R6]),
    io:format("~p~n", [loop_with_after(3, [])]).

loop_with_after(0, Acc) -> Acc;
loop_with_after(N, Acc) ->
    try
        N
    after
        io:format("cleanup ~p~n", [N])
    end,
    loop_with_after(N - 1, [N | Acc]).

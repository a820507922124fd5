% kiln conformance-next: phash2 of fixed terms, crc32/adler32/md5, unique_integer and make_ref properties
-module(erl_hash_unique).
-export([main/1]).
-mode(compile).

main(_) ->
    Terms = [0, 1, -1, 255, 1 bsl 27, 1 bsl 32, 1 bsl 64, -(1 bsl 64), 1.0, -0.0, 0.0, 3.14, a, ok, '', 'hello world',
             [], [1], [1, 2, 3], "abc", [a | b], {}, {a}, {a, b, c}, <<>>, <<1>>, <<"abc">>, <<1:3>>, <<1, 2:4>>,
             #{}, #{a => 1}, #{1 => a, b => [c]}, {[], {}, <<>>, #{}}, lists:seq(1, 100),
             fun lists:map/2, list_to_binary(lists:seq(0, 255)), [<<"nested">>, {1, 2.0}]],
    [io:format("~w: ~p ~p ~p~n", [T, erlang:phash2(T), erlang:phash2(T, 1000), erlang:phash2(T, 1 bsl 32)]) || T <- Terms],
    io:format("~p~n", [erlang:phash2(maps:from_list([{I, I} || I <- lists:seq(1, 100)]))]),
    io:format("~p~n", [erlang:phash2(#{a => 1, b => 2}) =:= erlang:phash2(maps:from_list([{b, 2}, {a, 1}]))]),
    io:format("~p~n", [[erlang:crc32(B) || B <- [<<>>, <<"a">>, <<"hello world">>, ["io", <<"list">>]]]]),
    io:format("~p~n", [erlang:crc32(erlang:crc32(<<"hello ">>), <<"world">>)]),
    io:format("~p~n", [[erlang:adler32(B) || B <- [<<>>, <<"a">>, <<"hello world">>]]]),
    io:format("~p~n", [[erlang:md5(B) || B <- [<<>>, <<"abc">>, "list input"]]]),
    io:format("~p~n", [try erlang:phash2(x, 0) catch C:R -> {C, R} end]),
    U1 = erlang:unique_integer(),
    U2 = erlang:unique_integer(),
    P1 = erlang:unique_integer([positive]),
    M1 = erlang:unique_integer([monotonic]),
    M2 = erlang:unique_integer([monotonic]),
    PM = [erlang:unique_integer([positive, monotonic]) || _ <- lists:seq(1, 100)],
    io:format("~p~n", [[is_integer(U1), U1 =/= U2, P1 > 0, M2 > M1, PM =:= lists:usort(PM), lists:all(fun(X) -> X > 0 end, PM)]]),
    R1 = make_ref(), R2 = make_ref(),
    io:format("~p~n", [[is_reference(R1), R1 =/= R2, R1 =:= R1, is_reference(a)]]),
    T0 = erlang:monotonic_time(),
    T1 = erlang:monotonic_time(),
    io:format("~p~n", [[is_integer(T0), T1 >= T0, is_integer(erlang:system_time()), is_integer(os:system_time(millisecond))]]),
    io:format("~p~n", [try erlang:unique_integer([bogus]) catch C2:R3 -> {C2, R3} end]),
    ok.

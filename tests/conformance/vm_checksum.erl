% kiln conformance: erlang:crc32_combine/3 and erlang:adler32_combine/3 against the checksums of concatenations, and their badargs.
-module(vm_checksum).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    Parts = [{<<"ab">>, <<"cd">>}, {<<>>, <<"xyz">>}, {<<"xyz">>, <<>>},
             {list_to_binary(lists:seq(0, 255)), list_to_binary(lists:duplicate(1000, 7))}],
    [begin
         C = erlang:crc32_combine(erlang:crc32(A), erlang:crc32(B), byte_size(B)),
         D = erlang:adler32_combine(erlang:adler32(A), erlang:adler32(B), byte_size(B)),
         io:format("~p ~p ~p ~p~n", [C, C =:= erlang:crc32(<<A/binary, B/binary>>),
                                     D, D =:= erlang:adler32(<<A/binary, B/binary>>)])
     end || {A, B} <- Parts],
    Args = [{1, 2, 0}, {0, 0, 0}, {5, 7, 2147483647}, {5, 7, 2147483648}, {5, 7, 4294967295},
            {123456789, 987654321, 12345}, {4294967295, 4294967295, 100000},
            {196613, 458761, 0}, {196613, 458761, 1},
            {-1, 2, 3}, {1 bsl 32, 2, 3}, {1, 2, -1}, {1, 2, 1 bsl 32}, {1, 2, 1 bsl 64},
            {a, b, c}, {1.0, 2, 3}],
    [io:format("~p: ~p ~p~n", [A, try_it(fun() -> erlang:crc32_combine(id(X), id(Y), id(L)) end),
                              try_it(fun() -> erlang:adler32_combine(id(X), id(Y), id(L)) end)])
     || {X, Y, L} = A <- Args],
    ok.

% kiln conformance-next: odd-size bitstrings: building, printing, sizes, comparisons
-module(bin_bitstrings).
-export([main/1]).
-mode(compile).

main(_) ->
    Bs = [<<1:1>>, <<0:1>>, <<5:3>>, <<255, 1:2>>, <<1:7>>, <<1:9>>, <<16#FFFF:15>>,
          <<"abc", 3:2>>, <<0:100>>, <<1:65>>],
    lists:foreach(fun(B) ->
                          io:format("~p ~w ~p ~p ~p ~p~n",
                                    [B, B, bit_size(B), byte_size(B), is_binary(B), is_bitstring(B)])
                  end, Bs),
    C = lists:foldl(fun(B, Acc) -> <<Acc/bits, B/bits>> end, <<>>, Bs),
    io:format("~p ~p~n", [C, bit_size(C)]),
    io:format("~p~n", [bitstring_to_list(<<1, 2, 3:3>>)]),
    io:format("~p~n", [list_to_bitstring([1, <<2:3>>, [<<3:5>>, 4]])]),
    io:format("~p~n", [list_to_bitstring([<<1:1>>, <<1:1>>, <<1:6>>])]),
    io:format("~p~n", [rev_bits(<<2#1100101:7>>)]),
    io:format("~p~n", [count_ones(<<16#F0F0F0:24, 1:3>>)]),
    io:format("~p~n", [pad(<<5:3>>)]),
    io:format("~p~n", [<< <<B:1>> || B <- [1, 0, 1, 1, 0, 0, 1, 0, 1] >>]),
    io:format("~p~n", [[X || <<X:3>> <= <<2#101110011:9, 1:2>>]]),
    io:format("~p~n", [erlang:split_binary(<<1, 2, 3>>, 1)]),
    io:format("~p~n", [[<<1:1>> == <<1:1>>, <<1:1>> =:= <<1:2>>, <<1:2>> < <<1:1, 1:1>>]]),
    t(list_to_binary_bits, fun() -> list_to_binary(id([<<1:3>>])) end),
    t(binary_to_list_bits, fun() -> binary_to_list(id(<<1:3>>)) end),
    t(byte_size_atom, fun() -> byte_size(id(a)) end),
    t(bit_size_list, fun() -> bit_size(id([1])) end),
    t(iolist_bits, fun() -> iolist_to_binary([<<1:1>>]) end),
    ok.

rev_bits(<<>>) -> <<>>;
rev_bits(<<B:1, R/bits>>) -> <<(rev_bits(R))/bits, B:1>>.

count_ones(B) -> lists:sum([X || <<X:1>> <= B]).

pad(B) when bit_size(B) rem 8 =:= 0 -> B;
pad(B) -> pad(<<B/bits, 0:1>>).

t(L, F) ->
    R = try F() of V -> {ok, V} catch Cl:E -> {Cl, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.

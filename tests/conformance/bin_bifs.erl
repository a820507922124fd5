% kiln conformance-next: binary BIFs: sizes, binary_part, split_binary, iolists, list conversions
-module(bin_bifs).
-export([main/1]).
-mode(compile).

main(_) ->
    B = id(<<"0123456789">>),
    t(byte_size, fun() -> byte_size(B) end),
    t(bit_size, fun() -> bit_size(B) end),
    t(size, fun() -> size(B) end),
    t(part1, fun() -> binary_part(B, 2, 3) end),
    t(part2, fun() -> binary_part(B, {7, 3}) end),
    t(part_neg, fun() -> binary_part(B, 5, -2) end),
    t(part_neg_tuple, fun() -> binary_part(B, {10, -10}) end),
    t(part_empty, fun() -> binary_part(B, 10, 0) end),
    t(part_oob, fun() -> binary_part(B, 8, 3) end),
    t(part_neg_oob, fun() -> binary_part(B, 1, -2) end),
    t(part_bits, fun() -> binary_part(<<1:9>>, 0, 1) end),
    t(split0, fun() -> split_binary(B, 0) end),
    t(split4, fun() -> split_binary(B, 4) end),
    t(split10, fun() -> split_binary(B, 10) end),
    t(split11, fun() -> split_binary(B, 11) end),
    t(split_neg, fun() -> split_binary(B, -1) end),
    t(l2b, fun() -> list_to_binary([1, 2, [3, <<4, 5>>, [[]]], <<>>, 255]) end),
    t(l2b_tail, fun() -> list_to_binary([$a | <<"bc">>]) end),
    t(l2b_bad_int, fun() -> list_to_binary(id([256])) end),
    t(l2b_neg, fun() -> list_to_binary(id([-1])) end),
    t(l2b_atom, fun() -> list_to_binary(id([a])) end),
    t(l2b_improper, fun() -> list_to_binary(id([1 | 2])) end),
    t(l2b_not_list, fun() -> list_to_binary(id(<<"x">>)) end),
    t(io2b, fun() -> iolist_to_binary([<<"ab">>, [$c, [$d | <<"e">>]], "fg"]) end),
    t(io2b_bin, fun() -> iolist_to_binary(<<"already">>) end),
    t(io2b_bad, fun() -> iolist_to_binary([1.0]) end),
    t(iosize, fun() -> iolist_size([<<"ab">>, [$c, [$d | <<"e">>]], "fg", []]) end),
    t(iosize_bin, fun() -> iolist_size(<<1, 2, 3>>) end),
    t(iosize_bad, fun() -> iolist_size([foo]) end),
    t(iosize_big, fun() -> iolist_size(lists:duplicate(1000, <<"abcd">>)) end),
    t(b2l, fun() -> binary_to_list(<<"hey">>) end),
    t(b2l3, fun() -> binary_to_list(B, 2, 4) end),
    t(b2l3_bad, fun() -> binary_to_list(B, 4, 2) end),
    t(b2l3_oob, fun() -> binary_to_list(B, 1, 11) end),
    t(b2l_bad, fun() -> binary_to_list(id("list")) end),
    t(bs2l, fun() -> bitstring_to_list(<<1, 2:4>>) end),
    t(l2bs, fun() -> list_to_bitstring([<<1:4>>, <<2:4>>, 3]) end),
    t(concat, fun() -> <<B/binary, B/binary>> end),
    t(eq, fun() -> {B == <<"0123456789">>, B =:= list_to_binary("0123456789")} end),
    t(append_loop, fun() -> byte_size(lists:foldl(fun(I, Acc) -> <<Acc/binary, I>> end, <<>>, lists:seq(1, 255))) end),
    t(atom_bin_eq, fun() -> <<"a">> == a end),
    t(is_binary, fun() -> [is_binary(X) || X <- [<<>>, <<1:1>>, "a", a, 1]] end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.

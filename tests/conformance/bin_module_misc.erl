% kiln conformance-next: binary module: part, copy, at/first/last, (en|de)code_unsigned, prefixes, lists
-module(bin_module_misc).
-export([main/1]).
-mode(compile).

main(_) ->
    B = id(<<"abcdefgh">>),
    t(part, fun() -> binary:part(B, 1, 3) end),
    t(part_tuple, fun() -> binary:part(B, {8, -3}) end),
    t(part_bad, fun() -> binary:part(B, 7, 2) end),
    t(copy, fun() -> binary:copy(<<"ab">>, 3) end),
    t(copy1, fun() -> binary:copy(B) end),
    t(copy0, fun() -> binary:copy(<<"ab">>, 0) end),
    t(copy_neg, fun() -> binary:copy(<<"ab">>, -1) end),
    t(at, fun() -> binary:at(B, 0) end),
    t(at_last, fun() -> binary:at(B, 7) end),
    t(at_oob, fun() -> binary:at(B, 8) end),
    t(first, fun() -> binary:first(B) end),
    t(last, fun() -> binary:last(B) end),
    t(first_empty, fun() -> binary:first(<<>>) end),
    t(dec, fun() -> binary:decode_unsigned(<<1, 0>>) end),
    t(dec_little, fun() -> binary:decode_unsigned(<<1, 0>>, little) end),
    t(dec_empty, fun() -> binary:decode_unsigned(<<>>) end),
    t(dec_big, fun() -> binary:decode_unsigned(binary:copy(<<255>>, 20)) end),
    t(enc, fun() -> binary:encode_unsigned(256) end),
    t(enc_little, fun() -> binary:encode_unsigned(256, little) end),
    t(enc0, fun() -> binary:encode_unsigned(0) end),
    t(enc_big, fun() -> binary:encode_unsigned(1 bsl 72) end),
    t(enc_neg, fun() -> binary:encode_unsigned(-1) end),
    t(lcp, fun() -> binary:longest_common_prefix([<<"erlang">>, <<"ergonomy">>]) end),
    t(lcp_none, fun() -> binary:longest_common_prefix([<<"a">>, <<"b">>]) end),
    t(lcp_one, fun() -> binary:longest_common_prefix([<<"abc">>]) end),
    t(lcp_three, fun() -> binary:longest_common_prefix([<<"abcd">>, <<"abce">>, <<"abx">>]) end),
    t(lcs, fun() -> binary:longest_common_suffix([<<"testing">>, <<"running">>]) end),
    t(lcp_bad, fun() -> binary:longest_common_prefix(<<"x">>) end),
    t(b2l, fun() -> binary:bin_to_list(<<"hello">>) end),
    t(b2l_pos, fun() -> binary:bin_to_list(<<"hello">>, 1, 3) end),
    t(b2l_tuple, fun() -> binary:bin_to_list(<<"hello">>, {5, -2}) end),
    t(l2b, fun() -> binary:list_to_bin([$a, [<<"b">>], "c"]) end),
    t(referenced, fun() -> binary:referenced_byte_size(<<"small">>) end),
    t(ref_part, fun() -> binary:referenced_byte_size(binary:part(B, 0, 2)) >= 2 end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.

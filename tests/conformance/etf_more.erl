% kiln conformance: term_to_binary of records/maps/nested binaries, binary_to_term safe/used, external_size
-module(etf_more).
-export([main/1]).
-mode(compile).

-record(pt, {x = 0, y = 0, tag = none}).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~w~n", [Label, t(F)]).

bytes(T) -> binary_to_list(term_to_binary(T)).

main(_) ->
    Terms = [#pt{}, #pt{x = 1.5, y = -300, tag = <<"t">>},
             #{}, #{a => 1}, #{b => [], a => {}}, #{1 => one, 1.0 => float_one},
             #{#{k => v} => [#{}]}, maps:from_list([{I, I} || I <- lists:seq(1, 3)]),
             <<>>, <<1, 2, 3>>, <<1:3>>, <<255, 7:5>>, {<<"a">>, [<<"b">>, <<>>]},
             [<<1>> | <<2>>], {[], <<0:1>>, ""}, [1, [2, [3, []]]], "abc", [256, 1],
             [a | b], {}, {{}}, 255, 256, -1, -256, 1 bsl 31, -(1 bsl 31), 1 bsl 64, -(1 bsl 64),
             1.0, -0.0, abc, '', list_to_atom([16#3bb]), list_to_atom([233]), true, [true, false]],
    lists:foreach(fun(T) -> io:format("~w~n  ~w~n", [T, bytes(T)]) end, Terms),
    io:format("~w~n", [[erlang:external_size(T) =:= byte_size(term_to_binary(T)) || T <- Terms]]),
    io:format("~w~n", [[erlang:external_size(T) || T <- Terms]]),
    p("map ordering 40 keys", fun() -> B = term_to_binary(maps:from_list([{I, x} || I <- lists:seq(1, 40)])), {byte_size(B), binary_to_term(B) =:= maps:from_list([{I, x} || I <- lists:seq(1, 40)])} end),
    p("roundtrip all", fun() -> [binary_to_term(term_to_binary(T)) =:= T || T <- Terms] end),
    p("compressed", fun() -> B = term_to_binary(lists:duplicate(100, $a), [compressed]), {binary:part(B, 0, 2), binary_to_term(B) =:= lists:duplicate(100, $a)} end),
    p("minor_version 0 float", fun() -> bytes_opt(1.5, [{minor_version, 0}]) end),
    p("minor_version 1 float", fun() -> bytes_opt(1.5, [{minor_version, 1}]) end),
    p("minor_version 1 atom", fun() -> bytes_opt(abc, [{minor_version, 1}]) end),
    p("minor_version 2 atom", fun() -> bytes_opt(abc, [{minor_version, 2}]) end),
    p("deterministic", fun() -> bytes_opt(#{b => 1, a => 2}, [deterministic]) end),
    New = <<131, 100, 0, 19, "kiln_new_atom_qzx17">>,
    NewUtf8 = <<131, 119, 19, "kiln_new_atom_qzx18">>,
    p("safe new atom", fun() -> binary_to_term(New, [safe]) end),
    p("safe new atom utf8", fun() -> binary_to_term(NewUtf8, [safe]) end),
    p("safe existing atom", fun() -> binary_to_term(<<131, 100, 0, 2, "ok">>, [safe]) end),
    p("safe in tuple", fun() -> binary_to_term(<<131, 104, 2, 97, 1, 119, 10, "kiln_zz_99">>, [safe]) end),
    p("used", fun() -> binary_to_term(<<(term_to_binary({a, b}))/binary, 1, 2, 3>>, [used]) end),
    p("used exact", fun() -> B = term_to_binary([1, 2]), binary_to_term(B, [used]) end),
    p("trailing garbage", fun() -> binary_to_term(<<(term_to_binary(x))/binary, 0>>) end),
    p("bad version", fun() -> binary_to_term(id(<<130, 97, 1>>)) end),
    p("truncated", fun() -> binary_to_term(id(<<131, 104, 2, 97, 1>>)) end),
    p("empty", fun() -> binary_to_term(id(<<>>)) end),
    p("not binary", fun() -> binary_to_term(id("abc")) end),
    p("bad option", fun() -> binary_to_term(term_to_binary(a), id([bogus])) end),
    p("small int ext", fun() -> binary_to_term(<<131, 97, 200>>) end),
    p("integer ext", fun() -> binary_to_term(<<131, 98, 255, 255, 255, 254>>) end),
    p("small big", fun() -> binary_to_term(<<131, 110, 2, 1, 1, 1>>) end),
    p("small big non-normal", fun() -> binary_to_term(<<131, 110, 8, 0, 5, 0, 0, 0, 0, 0, 0, 0>>) end),
    p("new float", fun() -> binary_to_term(<<131, 70, 64, 9, 33, 251, 84, 68, 45, 24>>) end),
    p("string ext", fun() -> binary_to_term(<<131, 107, 0, 3, 1, 2, 3>>) end),
    p("list ext improper", fun() -> binary_to_term(<<131, 108, 0, 0, 0, 1, 97, 1, 97, 2>>) end),
    p("bit binary", fun() -> binary_to_term(<<131, 77, 0, 0, 0, 1, 3, 160>>) end),
    p("map ext", fun() -> binary_to_term(<<131, 116, 0, 0, 0, 1, 100, 0, 1, $k, 97, 5>>) end),
    p("map ext dup keys", fun() -> binary_to_term(id(<<131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3>>)) end),
    p("atom_cache latin1 high", fun() -> binary_to_term(<<131, 100, 0, 1, 233>>) end),
    p("nested binaries size", fun() -> Bin = term_to_binary({<<"x">>, {<<"yy">>, [<<"zzz">>]}}), {byte_size(Bin), erlang:external_size({<<"x">>, {<<"yy">>, [<<"zzz">>]}})} end),
    p("sub-binary", fun() -> <<_, Sub:3/binary, _/binary>> = id(<<"abcdef">>), bytes(Sub) end),
    p("external_size bad opt", fun() -> erlang:external_size(a, id([bad])) end),
    p("t2b bad opt", fun() -> term_to_binary(a, id([{minor_version, 9}])) end),
    ok.

bytes_opt(T, O) -> binary_to_list(term_to_binary(T, O)).

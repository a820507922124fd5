#!/usr/bin/env escript
%% Regenerates runtime/testdata/maps_cases.txt: results of the map BIFs
%% under real OTP 25, including the exceptions they raise. Never edit the
%% output by hand:
%%
%%     escript runtime/testdata/gen_maps_cases.escript runtime/testdata/maps_cases.txt
%%
%% Lines:
%% - "<op> <etf hex of the argument list> <etf hex of {ok, Result} or
%%   {error, Reason}>"; `map_put`/`map_update` are `M#{K => V}`/`M#{K := V}`
%%   with arguments [M, K, V].
%% - "print <etf hex of a pair list> <hex of ~w> <hex of ~p>": how the map
%%   maps:from_list(Pairs) prints.
%% - "cmp <etf hex of [A, B]> <etf hex of [A == B, A < B, A > B, A =:= B]>".
%% Operations whose result lists a map's pairs in iteration order are only
%% generated for maps of up to 32 keys (OTP's flatmaps, whose order kiln
%% keeps); larger maps iterate in hash order in OTP.
-mode(compile).

main([Out]) ->
    Lines = [[op(Op, Args) || {Op, Args} <- cases()],
             [print(Pairs) || Pairs <- print_cases()],
             [cmp(A, B) || A <- cmp_terms(), B <- cmp_terms()]],
    ok = file:write_file(Out, Lines).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

line(Name, Args, R) ->
    [Name, $\s, hex(term_to_binary(Args)), $\s, hex(term_to_binary(R)), $\n].

op(Op, Args) ->
    R = try {ok, apply_op(Op, Args)} catch error:E -> {error, E} end,
    line(atom_to_list(Op), Args, R).

apply_op(map_put, [M, K, V]) -> M#{K => V};
apply_op(map_update, [M, K, V]) -> M#{K := V};
apply_op(map_size, [M]) -> map_size(M);
apply_op(is_map_key, [K, M]) -> is_map_key(K, M);
apply_op(map_get, [K, M]) -> map_get(K, M);
apply_op(Op, Args) -> apply(maps, Op, Args).

seq_map(N) -> maps:from_list([{I, I * I} || I <- lists:seq(1, N)]).

mixed() ->
    #{1 => int, 1.0 => float, a => atom, "s" => string, <<"b">> => bin, {t} => tuple,
      [] => nil, #{k => v} => map, -5 => neg, 1 bsl 70 => big, 2.5 => f}.

small_maps() ->
    [#{}, #{a => 1}, #{a => 1, b => 2, c => 3}, mixed(), seq_map(32)].

large_maps() ->
    [seq_map(33), seq_map(100), maps:put(x, y, seq_map(40))].

not_maps() -> [a, [], {}, [{a, 1}], 3].

keys_() -> [a, b, 1, 1.0, 2, 33, 50, "s", {t}, #{k => v}, x, 1 bsl 70, 1000].

cases() ->
    Small = small_maps(),
    Large = large_maps(),
    All = Small ++ Large,
    Bad = not_maps(),
    Keys = keys_(),
    [{map_put, [M, K, new]} || M <- All ++ Bad, K <- Keys] ++
    [{map_update, [M, K, new]} || M <- All ++ Bad, K <- Keys] ++
    [{map_size, [M]} || M <- All ++ Bad] ++
    [{size, [M]} || M <- All ++ Bad] ++
    [{is_map_key, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{is_key, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{map_get, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{get, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{get, [K, M, default]} || M <- All ++ Bad, K <- Keys] ++
    [{find, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{put, [K, new, M]} || M <- All ++ Bad, K <- Keys] ++
    [{update, [K, new, M]} || M <- All ++ Bad, K <- Keys] ++
    [{remove, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{take, [K, M]} || M <- All ++ Bad, K <- Keys] ++
    [{Op, [M]} || Op <- [keys, values, to_list], M <- Small ++ Bad] ++
    [{from_list, [L]} || L <- from_list_cases()] ++
    [{from_keys, [L, v]} || L <- [[], [a, b, a], [3, 1.0, 1, 2], lists:seq(50, 1, -1), [a | b], x, "abc"]] ++
    [{merge, [A, B]} || A <- All ++ [a], B <- All ++ [b]] ++
    [{new, []}] ++
    [{Op, [Ks, M]} || Op <- [with, without], M <- All ++ Bad,
                      Ks <- [[], [a], [a, b, zz], [1, 1.0, a, "s"], lists:seq(1, 40, 3),
                             [a | b], [zz | b], x, {a}]].

from_list_cases() ->
    [[], [{a, 1}], [{b, 2}, {a, 1}, {b, 3}], [{1.0, f}, {1, i}, {1, j}],
     [{I rem 37, I} || I <- lists:seq(1, 90)], maps:to_list(mixed()),
     [a], [{a, 1} | b], x, [{a, 1, 2}], [{a}], "ab"].

print_cases() ->
    [[], [{a, 1}], [{b, 2}, {a, 1}], maps:to_list(mixed()),
     [{I, I} || I <- lists:seq(32, 1, -1)],
     [{{k, I}, lists:seq(1, I)} || I <- lists:seq(1, 12)],
     [{1.0, a}, {1, b}, {0.5, c}, {-1, d}, {z, e}, {"z", f}, {<<"z">>, g}, {{z}, h}],
     %% Map key order puts every integer before every float, at any depth.
     [{{2}, a}, {{1.0}, b}, {[3], c}, {[0.5], d}, {{1, 2.0}, e}, {{1, 1}, f},
      {#{1.0 => x}, g}, {#{2 => x}, h}, {1 bsl 70, i}, {-1.0e300, j}, {-(1 bsl 70), k}]].

print(Pairs) ->
    M = maps:from_list(Pairs),
    W = unicode:characters_to_binary(io_lib:format("~w", [M])),
    P = unicode:characters_to_binary(io_lib:format("~p", [M])),
    ["print ", hex(term_to_binary(Pairs)), $\s, hex(W), $\s, hex(P), $\n].

cmp_terms() ->
    [#{}, #{a => 1}, #{a => 2}, #{b => 1}, #{1 => a}, #{1.0 => a}, #{a => 1.0},
     #{a => 1, b => 2}, seq_map(33), maps:put(1, 2, seq_map(33)), maps:put(34, 0, seq_map(33)),
     seq_map(34), maps:put(1.0, 1, maps:remove(1, seq_map(33))), maps:put(1, 1.0, seq_map(33)),
     #{2 => a}, #{{2} => a}, #{{1.0} => a}, {#{2 => a}}, {#{1.0 => a}}, #{a => 2}, #{a => 1.0},
     {a}, [a]].

cmp(A, B) ->
    line("cmp", [A, B], [A == B, A < B, A > B, A =:= B]).

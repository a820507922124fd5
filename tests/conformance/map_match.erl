% kiln conformance-next: map patterns in heads and case, keys bound from variables
-module(map_match).
-export([main/1]).
-mode(compile).

main(_) ->
    Ms = [#{type => circle, r => 2}, #{type => rect, w => 3, h => 4}, #{type => square, side => 5},
          #{type => circle}, #{}, #{r => 1}, not_a_map],
    [io:format("~p~n", [area(M)]) || M <- Ms],
    K = id(color),
    [io:format("~p~n", [lookup(K, M)]) || M <- [#{color => red}, #{colour => blue}, #{color => #{r => 1}}]],
    io:format("~p~n", [[lookup2(X, #{1 => one, 2 => two, {x} => tuple}) || X <- [1, 2, 3, {x}, 1.0]]]),
    io:format("~p~n", [case #{a => 1, b => 2} of #{a := A, b := A} -> same; #{a := A, b := B} -> {A, B} end]),
    io:format("~p~n", [case #{a => 1, b => 1} of #{a := A2, b := A2} -> {same, A2}; _ -> diff end]),
    #{name := Name, age := Age} = id(#{name => "Ann", age => 30, extra => x}),
    io:format("~p ~p~n", [Name, Age]),
    io:format("~p~n", [[empty(X) || X <- [#{}, #{a => 1}, [], {}]]]),
    io:format("~p~n", [nested(#{user => #{name => "bob", roles => [admin]}})]),
    io:format("~p~n", [nested(#{user => #{name => "eve", roles => []}})]),
    io:format("~p~n", [nested(#{user => "nobody"})]),
    io:format("~p~n", [both(#{k => v}, #{k => v})]),
    io:format("~p~n", [both(#{k => v}, #{k => w})]),
    io:format("~p~n", [[binkey(M) || M <- [#{<<"id">> => 7}, #{"id" => 8}, #{id => 9}]]]),
    F = fun(#{x := X}) -> X; (_) -> none end,
    io:format("~p~n", [lists:map(F, [#{x => 1}, #{y => 2}, #{x => #{x => 3}}])]),
    io:format("~p~n", [[V || #{v := V} <- [#{v => 1}, #{w => 2}, #{v => 3}, x]]]),
    try #{a := 1} = id(#{a => 2}) of R -> io:format("~p~n", [R])
    catch C:E -> io:format("~p~n", [{C, E}]) end,
    try area(id(#{type => triangle})) of R2 -> io:format("~p~n", [R2])
    catch C2:E2 -> io:format("~p~n", [{C2, E2}]) end.

area(#{type := circle, r := R}) -> {circle, 3 * R * R};
area(#{type := rect, w := W, h := H}) -> {rect, W * H};
area(#{type := square, side := S}) -> {square, S * S};
area(#{type := T}) when T =:= circle -> no_radius;
area(M) when is_map(M), map_size(M) =:= 0 -> empty;
area(#{r := _}) -> untyped;
area(X) when not is_map(X) -> not_a_map.

lookup(K, M) ->
    case M of
        #{K := #{} = V} -> {map, V};
        #{K := V} -> {found, V};
        #{} -> not_found
    end.

lookup2(K, M) ->
    case M of
        #{K := V} -> V;
        _ -> undefined
    end.

empty(#{} = M) when map_size(M) =:= 0 -> empty_map;
empty(#{}) -> map;
empty(_) -> other.

nested(#{user := #{name := N, roles := [R | _]}}) -> {N, R};
nested(#{user := #{name := N}}) -> {N, no_role};
nested(#{user := _}) -> bad_user.

both(#{k := V}, #{k := V}) -> same;
both(_, _) -> different.

binkey(#{<<"id">> := I}) -> {bin, I};
binkey(#{"id" := I}) -> {str, I};
binkey(#{id := I}) -> {atom, I}.

id(X) -> X.

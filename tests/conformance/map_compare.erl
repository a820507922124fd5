% kiln conformance-next: map equality, term order of maps, maps as keys and in sorted lists
-module(map_compare).
-export([main/1]).
-mode(compile).

main(_) ->
    Ms = [#{}, #{a => 1}, #{b => 0}, #{a => 2}, #{a => 1, b => 1}, #{1 => x}, #{1.0 => x},
          #{c => 0}, #{a => 1.0}, #{z => 1, y => 2}],
    io:format("~p~n", [lists:sort(Ms)]),
    io:format("~p~n", [[{X, Y, X < Y, X == Y, X =:= Y} || {X, Y} <- pairs()]]),
    io:format("~p~n", [lists:sort([#{a => 1}, {a, 1}, [a], a, 1, <<"a">>, "a", {}])]),
    io:format("~p~n", [#{1 => a} < #{1.0 => a}]),
    io:format("~p~n", [#{1.0 => a} < #{1 => a}]),
    io:format("~p~n", [#{a => 1} < #{a => 1.0}]),
    io:format("~p~n", [lists:usort([#{a => 1}, #{a => 1}, #{a => 1.0}])]),
    Key = #{x => 1, y => 2},
    Outer = #{Key => found, #{x => 1} => other},
    io:format("~p ~p~n", [maps:get(#{y => 2, x => 1}, Outer), maps:find(#{x => 1.0}, Outer)]),
    io:format("~p~n", [lists:max(Ms)]),
    io:format("~p~n", [lists:min(Ms)]),
    io:format("~p~n", [erlang:max(#{a => 1}, [])]),
    ok.

pairs() ->
    [{#{a => 1}, #{a => 1}}, {#{a => 1}, #{a => 2}}, {#{a => 1}, #{b => 1}},
     {#{a => 1, b => 2}, #{c => 1}}, {#{1 => a}, #{2 => a}}, {#{a => 1}, #{a => 1.0}},
     {#{1 => a}, #{1.0 => a}}, {#{2 => a}, #{1.0 => a}}].

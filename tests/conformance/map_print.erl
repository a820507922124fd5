% kiln conformance-next: printing maps (key order across types, up to 32 keys, wrapping in ~p)
-module(map_print).
-export([main/1]).
-mode(compile).

main(_) ->
    Mixed = #{b => 1, a => 2, 3 => int, 2.5 => float, 1 => one, 1.0 => onef, -1 => neg,
              {t} => tuple, {a, b} => tuple2, [] => nil, [1] => list, "ab" => str,
              <<"bin">> => bin, <<>> => ebin, #{} => emptymap, 100000000000000000000 => big,
              -0.5 => negf, 'Quoted Atom' => q},
    io:format("~p~n", [Mixed]),
    io:format("~w~n", [Mixed]),
    io:format("~p~n", [maps:keys(Mixed)]),
    io:format("~p~n", [#{2 => a, 1.5 => b, 1 => c, 2.0 => d, 0.5 => e, 3 => f}]),
    io:format("~p~n", [#{z => 1, y => 2, x => 3, 'A' => 4, '_' => 5, aa => 6}]),
    io:format("~p~n", [#{{1, 2} => a, {1} => b, {0, 0, 0} => c, {2} => d}]),
    io:format("~p~n", [#{<<"b">> => 1, <<"a">> => 2, <<"ab">> => 3, <<1:1>> => 4}]),
    M32 = maps:from_list([{I, I * 10} || I <- lists:seq(1, 32)]),
    io:format("~p~n", [M32]),
    io:format("~w~n", [M32]),
    A32 = maps:from_list([{list_to_atom([$k | integer_to_list(I)]), I} || I <- lists:seq(1, 32)]),
    io:format("~p~n", [A32]),
    Nested = #{config => #{name => "server", port => 8080, opts => [verbose, {log, "/var/log/x"}]},
               users => [#{name => "alice", id => 1}, #{name => "bob", id => 2}],
               stats => #{requests => 123456, errors => 7}},
    io:format("~p~n", [Nested]),
    io:format("~P~n", [Nested, 4]),
    io:format("~W~n", [M32, 5]),
    io:format("~40p~n", [#{alpha => 1, beta => 2, gamma => 3, delta => 4}]),
    io:format("~p~n", [[#{}, #{a => #{}}, {#{1 => 2}}]]),
    io:format("~p~n", [#{"a string key" => <<"a binary value">>, [1, 2] => "list"}]),
    io:format("~s~n", [io_lib:format("~p", [#{k => v}])]),
    ok.

% kiln conformance: is_alive/0, node/0,1, nodes/0,1,2 on a node that is not distributed, then halt/2 with options.
-module(vm_node).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    io:format("is_alive: ~p~n", [is_alive()]),
    io:format("node: ~p ~p ~p~n", [node(), node(self()) =:= node(), node(make_ref()) =:= node()]),
    io:format("node(foo) -> ~p~n", [try_it(fun() -> node(id(foo)) end)]),
    io:format("nodes(): ~p~n", [nodes()]),
    [io:format("nodes(~p) -> ~p~n", [A, try_it(fun() -> nodes(id(A)) end)])
     || A <- [visible, hidden, connected, this, known, [this, known], [], [this, this],
              [visible, hidden], bogus, [bogus], [this | known], "this"]],
    [io:format("nodes(~w, ~w) -> ~w~n", [A, O, try_it(fun() -> erlang:nodes(id(A), id(O)) end)])
     || {A, O} <- [{this, #{}}, {this, #{connection_id => true}},
                   {this, #{node_type => true, connection_id => true}},
                   {visible, #{node_type => true}}, {this, #{node_type => false}},
                   {[this, known], #{node_type => true}}, {known, #{}},
                   {this, #{bogus => true}}, {this, #{node_type => x}}, {this, []}]],
    [io:format("halt(~p, ~p) -> ~p~n", [S, O, try_it(fun() -> halt(id(S), id(O)) end)])
     || {S, O} <- [{0, [{flush, x}]}, {0, [bogus]}, {0, foo}, {-1, []}, {abort, [{flush, x}]},
                   {2, [{flush, true} | x]}, {x, [{flush, true}]}]],
    io:format("halting~n"),
    halt(3, [{flush, true}]).

% kiln conformance-next: records in maps, lists, funs, comprehensions, and multi-clause dispatch
-module(rec_misc).
-export([main/1]).
-mode(compile).

-record(item, {name, qty = 1, price = 0.0}).
-record(cart, {items = [] :: [#item{}], owner = nobody, total}).
-record(opt, {f = fun(X) -> X * 2 end, list = [#item{}]}).

main(_) ->
    Items = [#item{name = apple, qty = 3, price = 0.5}, #item{name = pear, price = 0.75}, #item{name = fig, qty = 12, price = 0.2}],
    C = #cart{items = Items, owner = "ann"},
    io:format("~p~n", [C]),
    Total = lists:sum([Q * P || #item{qty = Q, price = P} <- C#cart.items]),
    io:format("~p~n", [Total]),
    C2 = C#cart{total = Total},
    io:format("~p~n", [C2#cart.total]),
    io:format("~p~n", [[N || #item{name = N, qty = Q} <- Items, Q > 1]]),
    io:format("~p~n", [lists:keyfind(pear, #item.name, Items)]),
    io:format("~p~n", [lists:keystore(fig, #item.name, Items, #item{name = fig, qty = 0})]),
    io:format("~p~n", [lists:map(fun(I = #item{qty = Q}) -> I#item{qty = Q + 1} end, Items)]),
    ByName = maps:from_list([{I#item.name, I} || I <- Items]),
    io:format("~p~n", [maps:get(fig, ByName)]),
    io:format("~p~n", [(maps:get(apple, ByName))#item.price]),
    O = #opt{},
    F = O#opt.f,
    io:format("~p ~p~n", [F(21), O#opt.list]),
    io:format("~p~n", [[kind(X) || X <- [#item{}, #cart{}, #opt{list = []}, {item}, {cart, 1, 2, 3}]]]),
    io:format("~p~n", [lists:sort([#item{name = b}, #item{name = a, qty = 5}, #item{name = a}])]),
    io:format("~p~n", [#item{} == {item, undefined, 1, 0.0}]),
    io:format("~p~n", [erlang:setelement(#item.qty, #item{}, 99)]),
    io:format("~p~n", [[record_info(size, item), record_info(size, cart), record_info(size, opt)]]),
    io:format("~p~n", [[{Fld, Idx} || {Fld, Idx} <- lists:zip(record_info(fields, item), lists:seq(2, record_info(size, item)))]]),
    ok.

kind(#item{}) -> item;
kind(#cart{items = []}) -> empty_cart;
kind(#cart{}) -> cart;
kind(#opt{}) -> opt;
kind(_) -> unknown.

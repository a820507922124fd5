% kiln conformance: dict (OTP's hash-table layout, printed with ~p, and
% OTP's fold order)
-module(stdlib_dict).
-export([main/1]).
-mode(compile).

p(X) -> io:format("~p~n", [X]).

keys(N) -> [case I rem 3 of
                0 -> I;
                1 -> float(I);
                2 -> {k, I}
            end || I <- lists:seq(1, N)].

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

main(_) ->
    E = dict:new(),
    p(E),
    D1 = dict:from_list([{a, 1}, {b, 2}, {1, x}, {1.0, y}, {"s", [1]}, {a, 3}]),
    p(D1),
    p(dict:to_list(D1)),
    p(dict:fetch_keys(D1)),
    p({dict:size(D1), dict:is_empty(D1), dict:is_empty(E), dict:is_key(b, D1), dict:is_key(q, D1)}),
    p({dict:fetch(a, D1), dict:find(1.0, D1), dict:find(2, D1)}),
    p(t(fun() -> dict:fetch(nope, D1) end)),
    p(dict:take(b, D1)),
    p(dict:take(nope, D1)),
    D2 = dict:append(l, 1, dict:append(l, 2, dict:append_list(m, [x, y], D1))),
    D3 = dict:append_list(m, [z], D2),
    p(dict:to_list(D3)),
    D4 = dict:update(a, fun(V) -> V * 10 end, D3),
    p(dict:fetch(a, D4)),
    p(t(fun() -> dict:update(nope, fun(V) -> V end, D3) end)),
    D5 = dict:update(n, fun(V) -> V + 1 end, 0, dict:update(a, fun(V) -> V + 1 end, 0, D4)),
    p(dict:to_list(D5)),
    D6 = dict:update_counter(c, 5, dict:update_counter(c, 2, D5)),
    p(dict:find(c, D6)),
    p(dict:erase(a, D6)),
    Big = dict:from_list([{K, I} || {K, I} <- lists:zip(keys(200), lists:seq(1, 200))]),
    p(Big),
    p(dict:to_list(Big)),
    Mapped = dict:map(fun(_, V) -> V * 2 end, Big),
    p(dict:fetch_keys(Mapped)),
    Filt = dict:filter(fun(_, V) -> V rem 7 =:= 0 end, Big),
    p(Filt),
    Shrunk = lists:foldl(fun dict:erase/2, Big, keys(170)),
    p(Shrunk),
    p(dict:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], Shrunk)),
    Other = dict:from_list([{K, other} || K <- lists:seq(90, 300, 3)]),
    p(dict:to_list(dict:merge(fun(_, A, B) -> {A, B} end, Big, Other))),
    p(dict:to_list(dict:merge(fun(_, A, B) -> {A, B} end, Other, D1))),
    ok.

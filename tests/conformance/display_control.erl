% kiln conformance: erlang:display/1 only (no io:format): case, funs, try, receive
-module(display_control).
-export([main/1]).
-mode(compile).

main(_) ->
    erlang:display(classify(5)),
    erlang:display(classify(-5)),
    erlang:display(classify(zero)),
    Add = fun(X) -> X + 10 end,
    erlang:display(Add(5)),
    erlang:display(map(Add, [1, 2, 3])),
    erlang:display(try erlang:error(boom) catch error:R -> {caught, R} end),
    erlang:display(try throw(ball) catch throw:B -> {caught, B} end),
    erlang:display(catch throw(direct)),
    Self = self(),
    spawn(fun() -> Self ! {reply, 99} end),
    erlang:display(receive {reply, V} -> V end),
    erlang:display(receive _ -> none after 0 -> empty end),
    erlang:display(sum(lists:seq(1, 100), 0)).

classify(N) when is_integer(N), N > 0 -> positive;
classify(N) when is_integer(N) -> non_positive;
classify(_) -> not_a_number.

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

sum([], Acc) -> Acc;
sum([H | T], Acc) -> sum(T, Acc + H).

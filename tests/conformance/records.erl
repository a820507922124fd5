% kiln conformance: records: definition with defaults, creation, access, update, matching
-module(records).
-export([main/1]).
-mode(compile).

-record(point, {x = 0, y = 0}).
-record(person, {name, age = 0, tags = []}).

main(_) ->
    P0 = #point{},
    P1 = #point{x = 3, y = 4},
    P2 = #point{y = 7},
    io:format("~p ~p ~p~n", [P0, P1, P2]),
    io:format("~p ~p~n", [P1#point.x, P1#point.y]),
    P3 = P1#point{x = 10},
    io:format("~p ~p~n", [P3, P1]),
    io:format("~p~n", [dist2(P3)]),
    Bob = #person{name = "Bob"},
    io:format("~p~n", [Bob]),
    Older = birthday(birthday(Bob)),
    io:format("~p ~p~n", [Older#person.age, Older#person.name]),
    Tagged = Older#person{tags = [admin | Older#person.tags], age = 40},
    io:format("~p~n", [Tagged]),
    io:format("~p~n", [describe(Tagged)]),
    io:format("~p~n", [describe(P1)]),
    io:format("~p ~p~n", [is_record(P1, point), is_record(P1, person)]),
    io:format("~p ~p~n", [#point.x, #person.tags]),
    #point{x = X} = P2,
    io:format("~p~n", [X]),
    io:format("~p~n", [P1 =:= {point, 3, 4}]),
    io:format("~p~n", [[N || #person{name = N, age = A} <- [Bob, Tagged], A > 30]]).

dist2(#point{x = X, y = Y}) -> X * X + Y * Y.

birthday(P = #person{age = A}) -> P#person{age = A + 1}.

describe(#person{name = N, tags = [admin | _]}) -> {admin, N};
describe(#person{name = N}) -> {user, N};
describe(#point{}) -> a_point.

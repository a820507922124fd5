% kiln conformance-next: records: defaults, creation, access, update, index, record_info
-module(rec_basic).
-export([main/1]).
-mode(compile).

-record(empty, {}).
-record(pt, {x = 0, y = 0, z}).
-record(user, {id, name = "anon", email = undefined, roles = [user], meta = #{}}).
-record(counter, {n = 0 :: integer(), step = 1 :: pos_integer(), label :: atom()}).
-record(calc, {a = 2 * 3, b = lists:seq(1, 3), c = {x, [y]}, d = <<"bin">>}).

main(_) ->
    io:format("~p~n", [#empty{}]),
    io:format("~p~n", [#pt{}]),
    io:format("~p~n", [#pt{z = 1}]),
    io:format("~p~n", [#pt{y = 2, x = 1, z = 3}]),
    io:format("~p~n", [#user{id = 7}]),
    io:format("~p~n", [#counter{}]),
    io:format("~p~n", [#calc{}]),
    io:format("~p~n", [#pt{_ = filled}]),
    io:format("~p~n", [#pt{x = 1, _ = rest}]),
    P = #pt{x = 5, y = 6, z = 7},
    io:format("~p ~p ~p~n", [P#pt.x, P#pt.y, P#pt.z]),
    P2 = P#pt{y = 60},
    P3 = P2#pt{x = P2#pt.x + 1, z = undefined},
    io:format("~p ~p ~p~n", [P, P2, P3]),
    io:format("~p ~p ~p~n", [#pt.x, #pt.y, #pt.z]),
    io:format("~p ~p~n", [#user.id, #user.meta]),
    io:format("~p~n", [record_info(fields, pt)]),
    io:format("~p~n", [record_info(size, pt)]),
    io:format("~p~n", [record_info(fields, user)]),
    io:format("~p~n", [record_info(size, user)]),
    io:format("~p~n", [record_info(fields, empty)]),
    io:format("~p~n", [record_info(size, empty)]),
    io:format("~p~n", [record_info(fields, counter)]),
    io:format("~p~n", [element(#pt.y, P)]),
    io:format("~p~n", [setelement(#pt.z, P, changed)]),
    io:format("~p~n", [tuple_size(#user{})]),
    io:format("~p~n", [#pt{} =:= {pt, 0, 0, undefined}]),
    io:format("~p~n", [is_tuple(#empty{})]),
    C = lists:foldl(fun(_, Acc = #counter{n = N, step = S}) -> Acc#counter{n = N + S} end,
                    #counter{step = 3, label = c}, lists:seq(1, 5)),
    io:format("~p~n", [C]),
    U = #user{id = 1, name = "root", roles = [admin | (#user{})#user.roles]},
    io:format("~p~n", [U]),
    io:format("~p~n", [U#user{meta = (U#user.meta)#{last => now}}]),
    io:format("~p~n", [[N || #user{name = N} <- [U, #user{id = 2}, not_a_user]]]),
    io:format("~p~n", [lists:keysort(#user.name, [#user{id = 1, name = "z"}, #user{id = 2, name = "a"}])]),
    io:format("~p~n", [lists:keyfind("root", #user.name, [U])]),
    ok.

% kiln conformance: the process dictionary belongs to one process; children start empty
-module(proc_spawn_dict).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    io:format("put ~p~n", [put(color, red)]),
    io:format("put again ~p~n", [put(color, blue)]),
    put(size, 10),
    put({tuple, key}, [1, 2]),
    io:format("get ~p ~p ~p~n", [get(color), get(size), get(missing)]),
    io:format("get/0 ~p~n", [lists:sort(get())]),
    io:format("get_keys ~p~n", [lists:sort(get_keys())]),
    io:format("get_keys/1 ~p~n", [get_keys(10)]),
    spawn(fun() ->
                  Before = get(),
                  put(color, green),
                  put(child_only, true),
                  Self ! {child, Before, get(color), lists:sort(get())}
          end),
    receive
        {child, Before, C, All} ->
            io:format("child before ~p, color ~p, all ~p~n", [Before, C, All])
    end,
    io:format("parent still ~p ~p~n", [get(color), get(child_only)]),
    Kids = [spawn(fun() -> put(n, N), put(sq, N * N), Self ! {kid, N, get(n) + get(sq)} end)
            || N <- lists:seq(1, 5)],
    io:format("kids ~p ~p~n", [length(Kids), [receive {kid, N, V} -> V end || N <- lists:seq(1, 5)]]),
    io:format("erase ~p ~p~n", [erase(color), erase(color)]),
    io:format("after erase ~p~n", [lists:sort(get())]),
    Old = erase(),
    io:format("erase/0 ~p, now ~p~n", [lists:sort(Old), get()]).

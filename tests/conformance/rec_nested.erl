% kiln conformance-next: nested records: access chains, nested update, records in defaults
-module(rec_nested).
-export([main/1]).
-mode(compile).

-record(addr, {street = "", city = "nowhere", zip}).
-record(person, {name, addr = #addr{}, tags = []}).
-record(company, {name, ceo = #person{name = "boss"}, staff = []}).

main(_) ->
    C0 = #company{name = "acme"},
    io:format("~p~n", [C0]),
    io:format("~p~n", [C0#company.ceo#person.name]),
    io:format("~p~n", [C0#company.ceo#person.addr#addr.city]),
    C1 = C0#company{ceo = (C0#company.ceo)#person{addr = #addr{city = "Paris", zip = 75001}}},
    io:format("~p~n", [C1]),
    io:format("~p~n", [C1#company.ceo#person.addr#addr.zip]),
    Staff = [#person{name = N, addr = #addr{city = City}} || {N, City} <- [{"a", "Oslo"}, {"b", "Rome"}, {"c", "Oslo"}]],
    C2 = C1#company{staff = Staff},
    io:format("~p~n", [[P#person.name || P <- C2#company.staff, P#person.addr#addr.city =:= "Oslo"]]),
    io:format("~p~n", [city_of(C2)]),
    io:format("~p~n", [move(C2#company.ceo, "Berlin")]),
    #company{ceo = #person{addr = #addr{city = CeoCity}}} = C2,
    io:format("~p~n", [CeoCity]),
    io:format("~p~n", [[{Name, City} || #person{name = Name, addr = #addr{city = City}} <- Staff]]),
    Deep = lists:foldl(fun(I, Acc) -> Acc#person{tags = [I | Acc#person.tags]} end, #person{name = x}, [1, 2, 3]),
    io:format("~p~n", [Deep]),
    io:format("~p~n", [(#person{name = tmp})#person.addr]),
    io:format("~p~n", [C2]),
    ok.

city_of(#company{ceo = #person{addr = #addr{city = C}}}) -> C.

move(P = #person{addr = A}, City) -> P#person{addr = A#addr{city = City}}.

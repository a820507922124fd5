% kiln conformance: pid_to_list/list_to_pid, ref_to_list/list_to_ref, port_to_list/list_to_port, fun_to_list: round trips and OTP's badargs.
-module(vm_id_text).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    Self = self(),
    S = pid_to_list(Self),
    io:format("pid text is a string: ~p~n", [io_lib:printable_list(S)]),
    io:format("pid text shape: ~p~n", [shape(S)]),
    io:format("pid round trip: ~p~n", [list_to_pid(S) =:= Self]),
    io:format("pid text matches ~~p: ~p~n", [lists:flatten(io_lib:format("~p", [Self])) =:= S]),
    Child = spawn(fun() -> receive stop -> ok end end),
    io:format("child round trip: ~p~n", [list_to_pid(pid_to_list(Child)) =:= Child]),
    Child ! stop,
    io:format("leading zeros: ~p~n", [list_to_pid(id("<0.0" ++ tl(tl(tl(S))))) =:= Self]),
    io:format("nul ends the text: ~p~n", [list_to_pid(id(S ++ [0, $x])) =:= Self]),
    BadPids = ["<1.2.0>", "<0.1>", "<0.1.0.0>", " <0.1.0>", "<0.1.0> ", "<0.-1.0>", "", "<>",
               "<0..0>", "<0.1.0", "0.1.0>", [$<, $0, $., $1, $., $0, $> | x], [$<, 1000, $>],
               <<"<0.1.0>">>, foo, "<0." ++ lists:duplicate(60, $0) ++ "1.0>"],
    [io:format("list_to_pid(~p) -> ~p~n", [short(B), try_it(fun() -> list_to_pid(id(B)) end)]) || B <- BadPids],
    io:format("pid_to_list(foo) -> ~p~n", [try_it(fun() -> pid_to_list(id(foo)) end)]),
    Ref = make_ref(),
    RS = ref_to_list(Ref),
    io:format("ref text shape: ~p~n", [shape(RS)]),
    io:format("ref round trip: ~p~n", [list_to_ref(RS) =:= Ref]),
    io:format("ref text matches ~~p: ~p~n", [lists:flatten(io_lib:format("~p", [Ref])) =:= RS]),
    io:format("ref with nul: ~p~n", [list_to_ref(id(RS ++ [0])) =:= Ref]),
    BadRefs = ["#Ref<0.1.2>", "#Ref<1.0.1.1>", "#Ref<0.0.0.1.2.3.4>", "#Ref<0.0.4294967296.0>",
               "#Ref<0.0.1.1> ", "#Ref<0..1.1>", "#Ref<0.0.1.>", "Ref<0.0.1.1>", foo, <<"#Ref<0.0.1.1>">>],
    [io:format("list_to_ref(~p) -> ~p~n", [B, try_it(fun() -> list_to_ref(id(B)) end)]) || B <- BadRefs],
    io:format("ref_to_list(self()) -> ~p~n", [try_it(fun() -> ref_to_list(id(Self)) end)]),
    Port = list_to_port(id("#Port<0.7>")),
    io:format("port: ~p ~p ~p~n", [is_port(Port), port_to_list(Port), list_to_port(port_to_list(Port)) =:= Port]),
    io:format("port with zeros: ~p~n", [port_to_list(list_to_port(id("#Port<0.0007>")))]),
    BadPorts = ["#Port<0.268435456>", "#Port<1.1>", "#Port<0.>", "#Port<0.1.2>", "#Port<0.99999999999>", foo],
    [io:format("list_to_port(~p) -> ~p~n", [B, try_it(fun() -> list_to_port(id(B)) end)]) || B <- BadPorts],
    io:format("port_to_list(self()) -> ~p~n", [try_it(fun() -> port_to_list(id(Self)) end)]),
    io:format("fun_to_list(export) -> ~p~n", [erlang:fun_to_list(fun lists:map/2)]),
    io:format("fun_to_list(foo) -> ~p~n", [try_it(fun() -> erlang:fun_to_list(id(foo)) end)]),
    ok.

short(B) when is_list(B), length(B) > 30 -> {length, length(B)};
short(B) -> B.

%% The text with every run of digits replaced by "N".
shape(S) ->
    lists:reverse(lists:foldl(fun(C, [$N | _] = Acc) when C >= $0, C =< $9 -> Acc;
                                 (C, Acc) when C >= $0, C =< $9 -> [$N | Acc];
                                 (C, Acc) -> [C | Acc]
                              end, [], S)).

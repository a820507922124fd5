% kiln conformance: binary:encode_hex/1 and binary:decode_hex/1 (OTP 24+, upper-case hex).
-module(vm_hex).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    All = list_to_binary(lists:seq(0, 255)),
    Hex = binary:encode_hex(All),
    io:format("~p ~p~n", [byte_size(Hex), binary:part(Hex, 0, 40)]),
    io:format("round trip: ~p~n", [binary:decode_hex(Hex) =:= All]),
    io:format("lower case: ~p~n", [binary:decode_hex(string:lowercase(Hex)) =:= All]),
    Big = binary:copy(<<"kiln">>, 1000),
    io:format("big: ~p~n", [binary:decode_hex(binary:encode_hex(Big)) =:= Big]),
    [io:format("encode_hex(~p) -> ~p~n", [A, try_it(fun() -> binary:encode_hex(id(A)) end)])
     || A <- [<<>>, <<1, 2, 255>>, <<1:4>>, "ab", foo]],
    [io:format("decode_hex(~p) -> ~p~n", [A, try_it(fun() -> binary:decode_hex(id(A)) end)])
     || A <- [<<>>, <<"0102ff">>, <<"0102FF">>, <<"0102Ff">>, <<"abc">>, <<"zz">>, <<"0 ">>,
              "0102", <<1:4>>, <<"0x01">>, <<"+1">>]],
    ok.

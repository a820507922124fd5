% kiln conformance-next: binary matching in case/=, signed/little/unit segments, badmatch
-module(bin_match_case).
-export([main/1]).
-mode(compile).

main(_) ->
    B = id(<<16#FF, 16#FE, 16#01, 16#80, 16#00, 16#7F>>),
    <<A:8/signed, Bb:8/unsigned, C:16/little, D:16/big-signed>> = B,
    io:format("~p~n", [{A, Bb, C, D}]),
    <<E:12, F:12/signed, G:24/little-signed>> = B,
    io:format("~p~n", [{E, F, G}]),
    <<H:3/unit:8, I:3/unit:8-little>> = B,
    io:format("~p~n", [{H, I}]),
    <<J:48/signed>> = B,
    io:format("~p~n", [J]),
    <<K:48/little-signed>> = B,
    io:format("~p~n", [K]),
    <<L:1, M:7, _/binary>> = B,
    io:format("~p~n", [{L, M}]),
    Sz = id(2),
    case B of
        <<P:Sz/binary, Q:Sz/binary, R/binary>> -> io:format("~p~n", [{P, Q, R}])
    end,
    case B of
        <<_:4, Mid:40/bits, Tail:4>> -> io:format("~p ~p~n", [Mid, Tail])
    end,
    X = id(16#FF),
    case B of
        <<X, Y, _/binary>> -> io:format("first is X, then ~p~n", [Y]);
        _ -> io:format("no~n")
    end,
    case B of
        <<16#FE, _/binary>> -> io:format("fe~n");
        <<_, 16#FE, _/binary>> -> io:format("second fe~n")
    end,
    case id(<<"key=value;k2=v2">>) of
        <<"key=", V:5/binary, ";", Rest/binary>> -> io:format("~p ~p~n", [V, Rest])
    end,
    Big = id(<<1:1, 0:99, 5:28>>),
    <<BigInt:128>> = Big,
    io:format("~p ~p~n", [BigInt, bit_size(Big)]),
    <<NegBig:128/signed>> = Big,
    io:format("~p~n", [NegBig]),
    <<Z:0, Rest2/binary>> = id(<<9>>),
    io:format("~p ~p~n", [Z, Rest2]),
    try <<_:7/binary>> = id(B) of V2 -> io:format("~p~n", [V2])
    catch C1:R1 -> io:format("~p~n", [{C1, R1}]) end,
    try <<1, _/binary>> = id(B) of V3 -> io:format("~p~n", [V3])
    catch C2:R2 -> io:format("~p~n", [{C2, R2}]) end,
    try <<_:8/binary>> = id(not_binary) of V4 -> io:format("~p~n", [V4])
    catch C3:R3 -> io:format("~p~n", [{C3, R3}]) end,
    try case id(<<1:5>>) of <<_/binary>> -> bin end of V5 -> io:format("~p~n", [V5])
    catch C4:R4 -> io:format("~p~n", [{C4, R4}]) end,
    NS = id(-1),
    io:format("~p~n", [case B of <<_:NS>> -> yes; _ -> no end]),
    io:format("~p~n", [case B of <<_:(NS + 49)>> -> yes; _ -> no end]),
    io:format("~p~n", [[case id(T) of <<W:16/float>> -> W; _ -> nf end
                        || T <- [<<0, 0>>, <<16#3C, 0>>, <<16#C0, 0>>, <<16#7C, 1>>]]]),
    io:format("~p~n", [<<"abc">> =:= <<$a, $b, $c>>]),
    io:format("~p~n", [<<1:4>> < <<1:5>>]),
    io:format("~p~n", [lists:sort([<<2>>, <<1, 2>>, <<1>>, <<>>, <<1:1>>, <<0:1>>, <<255>>, <<1, 1:1>>])]),
    ok.

id(X) -> X.

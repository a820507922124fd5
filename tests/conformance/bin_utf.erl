% kiln conformance-next: utf8/utf16/utf32 segments in construction and matching
-module(bin_utf).
-export([main/1]).
-mode(compile).

main(_) ->
    Cps = [0, $A, 16#7F, 16#80, 16#E9, 16#7FF, 16#800, 16#20AC, 16#D7FF, 16#E000,
           16#FFFD, 16#FFFF, 16#10000, 16#1F600, 16#10FFFF],
    lists:foreach(fun(C) ->
                          U8 = <<C/utf8>>,
                          U16 = <<C/utf16>>,
                          U16L = <<C/utf16-little>>,
                          U32 = <<C/utf32>>,
                          U32L = <<C/utf32-little>>,
                          io:format("~.16B: ~w ~w ~w ~w ~w~n", [C, U8, U16, U16L, U32, U32L]),
                          <<D8/utf8>> = U8,
                          <<D16/utf16>> = U16,
                          <<D16L/utf16-little>> = U16L,
                          <<D32/utf32>> = U32,
                          <<D32L/little-utf32>> = U32L,
                          io:format("  ~p~n", [[D8, D16, D16L, D32, D32L] =:= [C, C, C, C, C]])
                  end, Cps),
    S = id("añ€😀"),
    B8 = << <<C/utf8>> || C <- S >>,
    io:format("~w ~p~n", [B8, byte_size(B8)]),
    io:format("~p~n", [[C || <<C/utf8>> <= B8]]),
    B16 = << <<C/utf16>> || C <- S >>,
    io:format("~w~n", [B16]),
    io:format("~p~n", [[C || <<C/utf16>> <= B16]]),
    io:format("~p~n", [decode8(<<"héllo"/utf8>>)]),
    io:format("~w~n", [<<"héllo"/utf8>>]),
    io:format("~w~n", [<<"hé"/utf16>>]),
    io:format("~w~n", [<<"hé"/utf32-little>>]),
    io:format("~w~n", [<<"hé">>]),
    t(surrogate8, fun() -> <<(id(16#D800))/utf8>> end),
    t(surrogate16, fun() -> <<(id(16#DFFF))/utf16>> end),
    t(too_big, fun() -> <<(id(16#110000))/utf8>> end),
    t(negative, fun() -> <<(id(-1))/utf32>> end),
    t(atom, fun() -> <<(id(a))/utf8>> end),
    [m(B) || B <- [<<16#C3, 16#A9>>, <<16#C3>>, <<16#FF>>, <<16#ED, 16#A0, 16#80>>,
                   <<16#C0, 16#80>>, <<16#F4, 16#90, 16#80, 16#80>>, <<16#E2, 16#82, 16#AC, $x>>,
                   <<16#D8, 16#3D, 16#DE, 16#00>>, <<16#DC, 16#00>>, <<0, 0, 16#11, 0>>, <<>>]],
    ok.

decode8(<<C/utf8, Rest/binary>>) -> [C | decode8(Rest)];
decode8(<<>>) -> [].

m(B) ->
    R8 = case B of <<C/utf8, R/binary>> -> {C, R}; _ -> no end,
    R16 = case B of <<C2/utf16, R2/binary>> -> {C2, R2}; _ -> no end,
    R32 = case B of <<C3/utf32, R3/binary>> -> {C3, R3}; _ -> no end,
    io:format("~w: ~w ~w ~w~n", [B, R8, R16, R32]).

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.

% kiln conformance: binary:match/matches/split/replace/compile_pattern,
% their options and their badarg cases
-module(stdlib_binary_search).
-export([main/1]).
-mode(compile).

t(F) ->
    try F() of
        V -> V
    catch
        C:R -> {C, R}
    end.

show(X) -> io:format("~p~n", [X]).

main(_) ->
    S = <<"a,b,,c,">>,
    show(t(fun() -> binary:split(S, <<",">>) end)),
    show(t(fun() -> binary:split(S, <<",">>, [global]) end)),
    show(t(fun() -> binary:split(S, <<",">>, [global, trim]) end)),
    show(t(fun() -> binary:split(S, <<",">>, [global, trim_all]) end)),
    show(t(fun() -> binary:split(S, [<<",">>, <<",,">>], [global]) end)),
    show(t(fun() -> binary:split(<<"abcabc">>, <<"a">>, [{scope, {1, 5}}]) end)),
    show(t(fun() -> binary:split(<<"abcabca">>, <<"a">>, [{scope, {1, 5}}, global, trim_all]) end)),
    show(t(fun() -> binary:split(<<",,">>, <<",">>, [trim]) end)),
    show(t(fun() -> binary:split(<<",,">>, <<",">>, [global, trim]) end)),
    show(t(fun() -> binary:split(<<",a,">>, <<",">>, [trim_all]) end)),
    show(t(fun() -> binary:split(<<>>, <<",">>, [trim]) end)),
    show(t(fun() -> binary:split(<<>>, a) end)),
    show(t(fun() -> binary:split(<<"abc">>, <<"b">>, [{scope, {0, 3}}, {scope, {2, 1}}]) end)),
    show(t(fun() -> binary:split(<<"abc">>, <<"b">>, [{scope, {3, -3}}]) end)),
    show(t(fun() -> binary:split(<<"abab">>, [<<"ab">>, <<"a">>], [global]) end)),
    show(t(fun() -> binary:split(<<"ab">>, <<"ab">>, [global, trim_all]) end)),
    show(t(fun() -> binary:split(<<"abc", 1:3>>, <<"b">>) end)),
    show(t(fun() -> binary:split(<<"abc">>, <<"b">>, [bad]) end)),
    show(t(fun() -> binary:matches(<<"abcde">>, [<<"bcde">>, <<"bc">>, <<"de">>, <<"cd">>]) end)),
    show(t(fun() -> binary:matches(<<"abcde">>, [<<"cd">>, <<"bcd">>, <<"abcdx">>, <<"e">>]) end)),
    show(t(fun() -> binary:matches(<<"aaaa">>, <<"aa">>) end)),
    show(t(fun() -> binary:matches(<<"abcabc">>, <<"bc">>, [{scope, {2, 4}}]) end)),
    show(t(fun() -> binary:matches(<<"abc">>, <<"b">>, [global]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<"b">>, [{scope, {3, 0}}]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<"b">>, [{scope, {4, 0}}]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<"b">>, [{scope, {3, -1}}]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<"b">>, [{scope, {3, -4}}]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<"b">>, [{scope, {1, 1}} | foo]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<"b">>, foo) end)),
    show(t(fun() -> binary:match(<<"abc">>, [<<"b">>, <<>>]) end)),
    show(t(fun() -> binary:match(<<"abc">>, [<<"b">> | x]) end)),
    show(t(fun() -> binary:match(<<"abc">>, <<>>) end)),
    show(t(fun() -> binary:match(<<>>, a, x) end)),
    P1 = binary:compile_pattern([<<"b">>, <<"bc">>]),
    P2 = binary:compile_pattern(<<"c">>),
    show(t(fun() -> binary:match(<<"abcabc">>, P1) end)),
    show(t(fun() -> binary:matches(<<"abcabc">>, P1) end)),
    show(t(fun() -> binary:split(<<"abcabc">>, P2, [global]) end)),
    show(t(fun() -> binary:replace(<<"abcabc">>, P2, <<"-">>, [global]) end)),
    show(t(fun() -> binary:compile_pattern(<<>>) end)),
    show(t(fun() -> binary:compile_pattern([]) end)),
    show(t(fun() -> binary:replace(S, <<",">>, <<";">>) end)),
    show(t(fun() -> binary:replace(S, <<",">>, <<";">>, [global]) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [{insert_replaced, [2, 0, 2]}]) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [{insert_replaced, 1}]) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [{insert_replaced, [3]}]) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [{insert_replaced, a}]) end)),
    show(t(fun() -> binary:replace(<<"abcb">>, <<"b">>, <<"xy">>, [global, {insert_replaced, [1]}, {scope, {2, 2}}]) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [{insert_replaced, []}]) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, <<"xy">>, [global | x]) end)),
    show(t(fun() -> binary:replace(<<>>, a, <<"x">>) end)),
    show(t(fun() -> binary:replace(<<"abc">>, <<"b">>, "xy") end)),
    Big = binary:copy(<<"the quick brown fox ">>, 500),
    show(length(binary:split(Big, <<" ">>, [global]))),
    show(length(binary:matches(Big, [<<"quick">>, <<"qu">>, <<"fox">>]))),
    show(byte_size(binary:replace(Big, <<"o">>, <<"0000">>, [global]))),
    ok.

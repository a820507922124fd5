% kiln conformance-next: binary module: split, match, matches, replace with options
-module(bin_module_split).
-export([main/1]).
-mode(compile).

main(_) ->
    S = id(<<"a,b,,c,">>),
    t(split1, fun() -> binary:split(S, <<",">>) end),
    t(split_global, fun() -> binary:split(S, <<",">>, [global]) end),
    t(split_trim, fun() -> binary:split(S, <<",">>, [global, trim]) end),
    t(split_trim_all, fun() -> binary:split(<<",a,,b,,">>, <<",">>, [global, trim_all]) end),
    t(split_multi, fun() -> binary:split(<<"a-b_c-d">>, [<<"-">>, <<"_">>], [global]) end),
    t(split_none, fun() -> binary:split(<<"abc">>, <<"x">>) end),
    t(split_empty_subject, fun() -> binary:split(<<>>, <<",">>) end),
    t(split_longest, fun() -> binary:split(<<"aXXbXc">>, [<<"X">>, <<"XX">>], [global]) end),
    t(split_scope, fun() -> binary:split(<<"a,b,c,d">>, <<",">>, [global, {scope, {2, 3}}]) end),
    t(split_empty_pattern, fun() -> binary:split(<<"abc">>, <<>>) end),
    t(match, fun() -> binary:match(<<"hello world">>, <<"o">>) end),
    t(match_multi, fun() -> binary:match(<<"hello world">>, [<<"wor">>, <<"ll">>]) end),
    t(match_overlap, fun() -> binary:match(<<"abcd">>, [<<"bcd">>, <<"bc">>]) end),
    t(match_nomatch, fun() -> binary:match(<<"hello">>, <<"z">>) end),
    t(match_scope, fun() -> binary:match(<<"hello">>, <<"l">>, [{scope, {3, 2}}]) end),
    t(match_scope_neg, fun() -> binary:match(<<"hello">>, <<"l">>, [{scope, {5, -3}}]) end),
    t(match_bad_scope, fun() -> binary:match(<<"hello">>, <<"l">>, [{scope, {3, 10}}]) end),
    t(matches, fun() -> binary:matches(<<"abababa">>, <<"aba">>) end),
    t(matches_multi, fun() -> binary:matches(<<"the cat sat on the mat">>, [<<"at">>, <<"the">>]) end),
    t(matches_none, fun() -> binary:matches(<<"abc">>, <<"d">>) end),
    t(cp, fun() -> CP = binary:compile_pattern([<<",">>, <<";">>]),
                   binary:split(<<"a,b;c">>, CP, [global]) end),
    t(replace1, fun() -> binary:replace(<<"a.b.c">>, <<".">>, <<"::">>) end),
    t(replace_global, fun() -> binary:replace(<<"a.b.c">>, <<".">>, <<"::">>, [global]) end),
    t(replace_insert, fun() -> binary:replace(<<"abcb">>, <<"b">>, <<"[]">>, [global, {insert_replaced, 1}]) end),
    t(replace_insert_list, fun() -> binary:replace(<<"xay">>, <<"a">>, <<"--">>, [{insert_replaced, [0, 1, 2]}]) end),
    t(replace_multi, fun() -> binary:replace(<<"cat dog">>, [<<"cat">>, <<"dog">>], <<"pet">>, [global]) end),
    t(replace_empty, fun() -> binary:replace(<<"aaa">>, <<"a">>, <<>>, [global]) end),
    t(replace_none, fun() -> binary:replace(<<"aaa">>, <<"b">>, <<"c">>) end),
    t(bad_subject, fun() -> binary:split("abc", <<"b">>) end),
    t(bad_pattern, fun() -> binary:split(<<"abc">>, [<<>>]) end),
    t(bad_opt, fun() -> binary:split(<<"abc">>, <<"b">>, [bogus]) end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.

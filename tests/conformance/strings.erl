% kiln conformance: strings are lists of character codes
-module(strings).
-export([main/1]).
-mode(compile).

main(_) ->
    S = "hello",
    io:format("~p ~p~n", [S =:= [104, 101, 108, 108, 111], S =:= [$h, $e, $l, $l, $o]]),
    io:format("~p ~p ~p~n", [length(S), hd(S), tl(S)]),
    io:format("~s|~p|~w~n", [S, S, S]),
    io:format("~p~n", ["abc" ++ "def"]),
    io:format("~p ~p~n", ["" =:= [], "" ++ "x"]),
    io:format("~p~n", [[72, 105]]),
    io:format("~p~n", [[1, 2, 3]]),
    io:format("~p~n", ["tab\there"]),
    io:format("~p~n", ["quote\"inside"]),
    io:format("~p~n", ["new\nline"]),
    io:format("~s~n", [upcase("Mixed Case 123")]),
    io:format("~s~n", [reverse("stressed")]),
    io:format("~p~n", [[$a, $z, $A, $Z, $0, $\s, $\n]]),
    io:format("~p~n", [palindrome("racecar")]),
    io:format("~p~n", [palindrome("kiln")]),
    io:format("~p~n", [count_char($s, "mississippi")]),
    io:format("~p~n", ["abc" < "abd"]),
    io:format("~p~n", [join(["a", "bb", "ccc"], ", ")]).

upcase([]) -> [];
upcase([C | T]) when C >= $a, C =< $z -> [C - 32 | upcase(T)];
upcase([C | T]) -> [C | upcase(T)].

reverse(S) -> reverse(S, []).
reverse([], Acc) -> Acc;
reverse([H | T], Acc) -> reverse(T, [H | Acc]).

palindrome(S) -> S =:= reverse(S).

count_char(_, []) -> 0;
count_char(C, [C | T]) -> 1 + count_char(C, T);
count_char(C, [_ | T]) -> count_char(C, T).

join([], _) -> [];
join([S], _) -> S;
join([S | T], Sep) -> S ++ Sep ++ join(T, Sep).

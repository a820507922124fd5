% kiln conformance-next: string case conversion, including Unicode and binaries
-module(str_case).
-export([main/1]).
-mode(compile).

main(_) ->
    Ss = ["hello World", <<"Hello World">>, "ÉCOLE élève", "straße", "ǆemal", "İstanbul", "123 abc!",
          "ΣΊΣΥΦΟΣ", <<"ünïcödé"/utf8>>, "", ["mi", <<"xed">>]],
    [io:format("~tp:~n  ~tp~n  ~tp~n  ~tp~n  ~tp~n", [S, string:uppercase(S), string:lowercase(S),
                                                     string:titlecase(S), string:casefold(S)]) || S <- Ss],
    io:format("~p~n", [string:to_upper("abc xyz")]),
    io:format("~p~n", [string:to_lower("ABC XYZ")]),
    io:format("~p~n", [string:to_upper($a)]),
    io:format("~p~n", [string:to_lower($Z)]),
    io:format("~p~n", [string:to_upper("äöü")]),
    io:format("~p~n", [[string:uppercase([C]) || C <- "aä"]]),
    io:format("~p~n", [unicode:characters_to_list(string:uppercase(<<"abc"/utf8>>))]),
    ok.

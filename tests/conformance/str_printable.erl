% kiln conformance-next: io_lib:printable_list/printable_unicode_list/printable_latin1_list
% (split from str_unicode; needs io_lib:printable_* in the runtime)
-module(str_printable).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [io_lib:printable_list("abc")]),
    io:format("~p~n", [io_lib:printable_list([16#3B1])]),
    io:format("~p~n", [io_lib:printable_unicode_list([16#3B1])]),
    io:format("~p~n", [io_lib:printable_latin1_list("café")]),
    ok.

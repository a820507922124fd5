% kiln diagnostics: binaries are parsed but not compiled yet
-module(unsupported_binary).
-export([main/1]).

main(_) ->
    <<1, 2, 3>>.

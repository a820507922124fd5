% kiln diagnostics: maps are parsed but not compiled yet
-module(unsupported_map).
-export([main/1]).

main(_) ->
    M = #{a => 1},
    M.

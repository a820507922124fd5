% kiln diagnostics: `=>` in a map pattern
-module(map_pattern_arrow).
-export([main/1]).

main(#{key => Value}) ->
    Value.

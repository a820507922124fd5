% kiln diagnostics: a binary segment with a type that does not exist
-module(bad_bit_type).
-export([main/1]).

main(_) ->
    X = 1,
    <<X:8/integr>>.

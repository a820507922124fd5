% kiln diagnostics: a constant expression in a pattern that raises (division by zero)
-module(pattern_division_by_zero).
-export([main/1]).

-define(SLOTS, 0).

main(N) ->
    case N of
        (1 bsl 10) div ?SLOTS -> full;
        _ -> other
    end.

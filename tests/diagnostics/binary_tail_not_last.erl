% kiln diagnostics: a size-less binary segment that is not last in a pattern
-module(binary_tail_not_last).
-export([main/1]).

main(<<Head/binary, 0>>) ->
    Head.

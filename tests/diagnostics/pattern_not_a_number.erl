% kiln diagnostics: an arithmetic expression in a pattern that is not a number
-module(pattern_not_a_number).
-export([main/1]).

main(ok + 1) -> ok;
main(_) -> error.

% kiln diagnostics: only arithmetic operators make constant expressions in patterns
-module(pattern_not_arithmetic).
-export([main/1]).

main(1 < 2) -> ok;
main(_) -> error.

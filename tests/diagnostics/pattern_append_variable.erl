% kiln diagnostics: only a literal list may precede `++` in a pattern
-module(pattern_append_variable).
-export([main/1]).

main([$a | Prefix] ++ "suffix") -> Prefix;
main(_) -> error.

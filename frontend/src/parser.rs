//! Parser: tokens to AST (lalrpop grammar in `grammar.lalrpop`).

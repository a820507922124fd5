//! Lexer: source text to tokens (logos).

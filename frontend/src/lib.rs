//! kiln's front end: Erlang source text to an AST.
//!
//! The stages are one module each: [`lexer`] (logos) turns text into
//! [`token::Token`]s, [`preprocessor`] expands macros, includes and
//! conditionals on the token stream, and [`parser`] (lalrpop, OTP 25's
//! grammar) builds the [`ast`]. Every error is a [`diagnostic::Diagnostic`]
//! with a [`span::Span`]; nothing here panics on bad input.

pub mod ast;
pub mod ast_text;
pub mod ast_vars;
pub mod diagnostic;
pub mod lexer;
pub mod parser;
pub mod preprocessor;
pub mod span;
pub mod token;

use std::path::Path;

use diagnostic::Diagnostic;
use span::SourceMap;

/// Reads, lexes, preprocesses and parses the module at `path`. The
/// [`SourceMap`] holds the file and everything it included, for rendering
/// the diagnostics.
pub fn parse_file(
    path: &Path,
    opts: &preprocessor::PreprocessOptions,
) -> (SourceMap, Result<ast::Module, Vec<Diagnostic>>) {
    let mut sources = SourceMap::new();
    let result =
        preprocessor::lex_and_preprocess(&mut sources, path, opts).and_then(|tokens| parser::parse_module(&tokens));
    (sources, result)
}

/// Like [`parse_file`] for source text held in memory (the standard
/// library embedded in the compiler, tests); `name` is what diagnostics
/// print. `-include` is resolved relative to the current directory.
pub fn parse_source(name: &str, text: &str) -> (SourceMap, Result<ast::Module, Vec<Diagnostic>>) {
    let mut sources = SourceMap::new();
    let file = sources.add(name, preprocessor::escript_header_as_comment(text.to_string()));
    let opts = preprocessor::PreprocessOptions::default();
    let result = preprocessor::preprocess(&mut sources, file, &opts).and_then(|tokens| parser::parse_module(&tokens));
    (sources, result)
}

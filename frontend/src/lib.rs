//! kiln's front end: Erlang source text to an AST.
//!
//! The stages are one module each: [`lexer`] (logos) turns text into
//! [`token::Token`]s, [`preprocessor`] expands macros, includes and
//! conditionals on the token stream, and [`parser`] (lalrpop, OTP 25's
//! grammar) builds the [`ast`]. Every error is a [`diagnostic::Diagnostic`]
//! with a [`span::Span`]; nothing here panics on bad input.

pub mod ast;
pub mod diagnostic;
pub mod span;
pub mod token;
pub mod lexer;
pub mod parser;
pub mod preprocessor;

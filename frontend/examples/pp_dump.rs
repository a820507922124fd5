//! Prints the preprocessed token stream of one file, one token per line as
//! `LINE KIND [VALUE]`, for debugging and for diffing against OTP's epp.
//!
//! ```text
//! cargo run -p kiln-frontend --example pp_dump -- FILE [-I DIR]... [-L LIBDIR]...
//! ```

use std::path::PathBuf;

use kiln_frontend::preprocessor::{lex_and_preprocess, PreprocessOptions};
use kiln_frontend::span::SourceMap;
use kiln_frontend::token::TokenKind;

fn main() {
    let mut opts = PreprocessOptions::default();
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-I" => opts.include_dirs.extend(args.next().map(PathBuf::from)),
            "-L" => opts.lib_dirs.extend(args.next().map(PathBuf::from)),
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: pp_dump FILE [-I DIR]... [-L LIBDIR]...");
        std::process::exit(2);
    };
    let mut sources = SourceMap::new();
    match lex_and_preprocess(&mut sources, &file, &opts) {
        Ok(tokens) => {
            for token in tokens {
                let line = sources.line(token.span);
                let code_points = |s: &str| s.chars().map(|c| (c as u32).to_string()).collect::<Vec<_>>().join(",");
                let text = match &token.kind {
                    TokenKind::Atom(a) => format!("atom {}", code_points(a)),
                    TokenKind::Var(v) => format!("var {v}"),
                    TokenKind::Integer(i) => format!("integer {i}"),
                    TokenKind::Float(f) => format!("float {}", f.to_bits()),
                    TokenKind::Char(c) => format!("char {c}"),
                    TokenKind::String(s) => format!("string {}", code_points(s)),
                    TokenKind::Dot => "dot".to_string(),
                    other => other.text().to_string(),
                };
                println!("{line} {text}");
            }
        }
        Err(diags) => {
            for d in diags {
                eprint!("{}", d.render(&sources));
            }
            std::process::exit(1);
        }
    }
}

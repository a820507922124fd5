//! Real-world check of the lexer and preprocessor: every installed OTP
//! source file (`<lib>/*/src/*.erl`) is lexed and preprocessed the way
//! erlc's build of OTP would see it, with include directories `<src>` and
//! `<src>/../include` and `<lib>` as library directory.
//!
//! ```text
//! cargo run -p kiln-frontend --example otp_sources [-- LIB_DIR] [--verbose]
//! ```
//!
//! Prints one line per failing file (the first diagnostic) and a summary.

use std::path::{Path, PathBuf};

use kiln_frontend::preprocessor::{lex_and_preprocess, PreprocessOptions};
use kiln_frontend::span::SourceMap;

fn main() {
    let mut lib = PathBuf::from("/usr/lib/erlang/lib");
    let mut verbose = false;
    for arg in std::env::args().skip(1) {
        if arg == "--verbose" {
            verbose = true;
        } else {
            lib = PathBuf::from(arg);
        }
    }
    let files = source_files(&lib);
    let (mut passed, mut failed, mut tokens) = (0, 0, 0usize);
    for path in &files {
        let src = path.parent().unwrap_or(Path::new("."));
        let opts = PreprocessOptions {
            include_dirs: vec![src.to_path_buf(), src.join("../include")],
            lib_dirs: vec![lib.clone()],
            defines: Vec::new(),
        };
        let mut sources = SourceMap::new();
        match lex_and_preprocess(&mut sources, path, &opts) {
            Ok(out) => {
                passed += 1;
                tokens += out.len();
            }
            Err(diags) => {
                failed += 1;
                let errors: Vec<_> =
                    diags.iter().filter(|d| d.severity == kiln_frontend::diagnostic::Severity::Error).collect();
                println!(
                    "FAIL {} ({} errors): {}: {}",
                    path.display(),
                    errors.len(),
                    sources.location(errors[0].span),
                    errors[0].message
                );
                if verbose {
                    for d in &errors {
                        print!("{}", d.render(&sources));
                    }
                }
            }
        }
    }
    println!("{} files: {passed} preprocessed ({tokens} tokens), {failed} failed", files.len());
}

fn source_files(lib: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for app in std::fs::read_dir(lib).into_iter().flatten().flatten() {
        for entry in std::fs::read_dir(app.path().join("src")).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "erl") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

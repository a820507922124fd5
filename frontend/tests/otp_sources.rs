//! Real-world check: every Erlang source file of the installed OTP
//! (`/usr/lib/erlang/lib/*/src/*.erl`, from the erlang-src package) is
//! lexed, preprocessed and parsed. Ignored by default (it takes a while and
//! needs OTP installed); run it with
//!
//! ```text
//! cargo test -p kiln-frontend --test otp_sources -- --ignored --nocapture
//! ```
//!
//! It prints the number of files that parse and each failure's first
//! diagnostic. `erlc -P` accepts 709 of OTP 25.2's 746 files; the rest
//! need generated headers or other applications' includes that are not
//! installed.

use std::path::{Path, PathBuf};

use kiln_frontend::preprocessor::PreprocessOptions;

const OTP_LIB: &str = "/usr/lib/erlang/lib";

fn otp_sources() -> Vec<PathBuf> {
    let mut files = vec![];
    let Ok(apps) = std::fs::read_dir(OTP_LIB) else { return files };
    for app in apps.flatten() {
        let Ok(srcs) = std::fs::read_dir(app.path().join("src")) else { continue };
        files.extend(srcs.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "erl")));
    }
    files.sort();
    files
}

/// Parses one file as `erlc -I <src> -I <src>/../include` would see it;
/// `Err` holds the first diagnostic, rendered.
fn check(path: &Path) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let opts = PreprocessOptions {
        include_dirs: vec![dir.to_path_buf(), dir.join("../include")],
        lib_dirs: vec![PathBuf::from(OTP_LIB)],
        defines: vec![],
    };
    let (sources, result) = kiln_frontend::parse_file(path, &opts);
    result.map(|_| ()).map_err(|errs| {
        let first = &errs[0];
        format!("{}: {} ({} errors)", sources.location(first.span), first.message, errs.len())
    })
}

#[test]
#[ignore = "slow; needs /usr/lib/erlang/lib/*/src"]
fn otp_sources_parse() {
    let files = otp_sources();
    // Large generated modules nest deeply (long list literals); give the
    // AST's recursive drop room.
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let mut failures = vec![];
        for f in &files {
            if let Err(e) = check(f) {
                failures.push(format!("{}: {e}", f.display()));
            }
        }
        (files.len(), failures)
    });
    let (total, failures) = worker.expect("spawn").join().expect("no panic");
    for f in &failures {
        println!("FAIL {f}");
    }
    println!("parsed {} of {total} OTP source files", total - failures.len());
    assert!(total > 0, "no OTP sources found under {OTP_LIB}");
}

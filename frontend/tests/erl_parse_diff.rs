//! Differential check against OTP's parser: the test fixtures and every
//! OTP source file that kiln parses are written out in OTP's abstract
//! format and compared, form by form, with what `epp:parse_file/2` returns
//! (by `tests/erl_parse_diff.escript`). Ignored by default: it needs OTP's
//! sources and `escript`. Run it with
//!
//! ```text
//! cargo test -p kiln-frontend --test erl_parse_diff -- --ignored --nocapture
//! ```

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

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

fn opts_for(path: &Path) -> PreprocessOptions {
    let dir = path.parent().unwrap_or(Path::new("."));
    PreprocessOptions {
        include_dirs: vec![dir.to_path_buf(), dir.join("../include")],
        lib_dirs: vec![PathBuf::from(OTP_LIB)],
        defines: vec![],
    }
}

#[test]
#[ignore = "slow; needs /usr/lib/erlang/lib/*/src and escript"]
fn erl_parse_agrees_on_otp_sources() {
    let out_dir = std::env::temp_dir().join(format!("kiln-erl-parse-diff-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let dir = out_dir.clone();
    // Deeply nested ASTs (long list literals) recurse when written and dropped.
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let mut list = String::new();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(fixtures).expect("fixtures").flatten().map(|e| e.path()).collect();
        files.sort();
        files.extend(otp_sources());
        for (i, src) in files.iter().enumerate() {
            let (_, result) = kiln_frontend::parse_file(src, &opts_for(src));
            if let Ok(module) = result {
                let terms = dir.join(format!("{i}.terms"));
                std::fs::write(&terms, common::abstract_format::module_terms(&module)).expect("write terms");
                list.push_str(&format!("{}\t{}\n", src.display(), terms.display()));
            }
        }
        list
    });
    let list = worker.expect("spawn").join().expect("no panic");
    let list_file = out_dir.join("files.txt");
    std::fs::write(&list_file, list).expect("write list");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/erl_parse_diff.escript");
    let output = match Command::new("escript").arg(&script).arg(&list_file).output() {
        Ok(o) => o,
        Err(e) => {
            println!("escript not available ({e}); skipped");
            return;
        }
    };
    let _ = std::fs::remove_dir_all(&out_dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "escript failed");
    assert!(!stdout.contains("DIFF "), "kiln and erl_parse disagree");
}

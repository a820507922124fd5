//! Random-term differential test: `tests/differential/terms.erl` holds 3000
//! pseudo-random terms as literals and prints, for each, its `~p`, its `~w`
//! and its `term_to_binary` bytes; `terms.expected` is what real OTP printed
//! (see `tests/differential/README.md`). kiln's build of the program, native
//! and wasm32, must print the same bytes. A failure names each differing
//! term (up to a limit) with OTP's and kiln's lines, so one wrong printer
//! shows up as a handful of readable examples rather than a 6 MB diff.

use kiln_tests::{
    build_timeout, excerpt, kiln_binary, one_suite_at_a_time, out_dir, report, run_timeout, run_with_timeout, selected,
    tests_dir, Exit, Expected,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const NAME: &str = "terms";
/// How many differing terms a failure shows.
const SHOWN: usize = 8;

/// The output split per term: `term I` starts a record.
fn records(stdout: &[u8]) -> BTreeMap<u32, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut current: Option<(u32, Vec<u8>)> = None;
    for line in stdout.split_inclusive(|b| *b == b'\n') {
        if let Some(rest) = line.strip_prefix(b"term ") {
            if let Some(i) = std::str::from_utf8(rest).ok().and_then(|s| s.trim().parse().ok()) {
                out.extend(current.take());
                current = Some((i, Vec::new()));
                continue;
            }
        }
        if let Some((_, body)) = current.as_mut() {
            body.extend_from_slice(line);
        }
    }
    out.extend(current);
    out
}

fn check(target: &str, build_args: &[&str], program: &str, run: impl Fn(&Path) -> Command) {
    if !selected(NAME) {
        report(&format!("differential [{target}]: skipped by KILN_TEST_FILTER"));
        return;
    }
    let _turn = one_suite_at_a_time();
    let dir = tests_dir().join("differential");
    let expected = Expected::read(&dir.join(format!("{NAME}.expected"))).unwrap_or_else(|e| panic!("{e}"));
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let out = out_dir(&format!("differential-{target}"));
    let exe = out.join(program);
    let _ = std::fs::remove_file(&exe);
    let mut build = Command::new(&kiln);
    build.arg("build").args(build_args).arg(format!("{NAME}.erl")).arg("-o").arg(&exe).current_dir(&dir);
    let built = run_with_timeout(&mut build, build_timeout() * 4).unwrap_or_else(|e| panic!("cannot run kiln: {e}"));
    assert_eq!(built.exit, Exit::Code(0), "kiln build of {NAME}.erl failed:\n{}", excerpt(&built.stderr, 30));
    let mut cmd = run(&exe);
    cmd.current_dir(&dir);
    let ran =
        run_with_timeout(&mut cmd, run_timeout() * 4).unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));

    let (want, got) = (records(&expected.stdout), records(&ran.stdout));
    let differing: Vec<u32> = want.iter().filter(|(i, w)| got.get(*i) != Some(*w)).map(|(i, _)| *i).collect();
    for i in differing.iter().take(SHOWN) {
        report(&format!(
            "\n---- term {i} ----\n  OTP:\n{}\n  kiln:\n{}",
            String::from_utf8_lossy(&want[i]),
            got.get(i).map(|g| String::from_utf8_lossy(g).into_owned()).unwrap_or_else(|| "<missing>".into())
        ));
    }
    report(&format!("differential [{target}]: {} of {} terms identical", want.len() - differing.len(), want.len()));
    assert!(
        differing.is_empty(),
        "differential [{target}]: {} terms differ (first: {:?})",
        differing.len(),
        differing.first()
    );
    assert_eq!(
        ran.stdout, expected.stdout,
        "the per-term records agree but the output does not (extra or missing lines)"
    );
    assert_eq!(ran.exit, Exit::Code(expected.status), "exit status; stderr:\n{}", excerpt(&ran.stderr, 20));
}

#[test]
fn native() {
    check("native", &[], NAME, |exe| Command::new(exe));
}

#[test]
fn wasm32_wasip1() {
    check("wasm32-wasip1", &["--target", "wasm32-wasip1"], "terms.wasm", |exe| {
        let mut cmd = Command::new("node");
        cmd.arg(tests_dir().join("wasi-run.mjs")).arg(exe);
        cmd
    });
}

//! Conformance: every `tests/conformance/NAME.erl` is built with kiln for each target,
//! run with the arguments `a b c` (cwd `tests/conformance`, stdin /dev/null), and its
//! stdout and exit status must equal `NAME.expected`, which real OTP produced
//! (`tests/gen-expected.sh`). stderr is not compared; it is shown when a program fails.
//!
//! Targets: `native`, `wasm32_wasip1` (run under Node.js with `tests/wasi-run.mjs`)
//! and `wasm32_kiln_run` (the same wasm32 builds run by `kiln run X.wasm a b c`,
//! kiln's own wasmtime host).
//!
//! One `#[test]` per target; each runs all programs (two at a time by default),
//! prints one report per failure and a `N passed, M failed` line, then asserts.
//! See `kiln_tests` for the environment variables (`KILN`, `KILN_TEST_FILTER`, ...).

use kiln_tests::{
    build_timeout, describe_difference, excerpt, jobs, kiln_binary, mask_run_details, one_suite_at_a_time, out_dir,
    parallel_map, programs_in, report, run_timeout, run_with_timeout, selected, summary_line, tests_dir, Exit,
    Expected, Outcome, PROGRAM_ARGS,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Native,
    /// wasm32-wasip1 programs run under Node.js (`tests/wasi-run.mjs`).
    Wasm32Wasip1,
    /// The same wasm32-wasip1 builds run under kiln's own host (`kiln run X.wasm`).
    Wasm32KilnRun,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Native => "native",
            Target::Wasm32Wasip1 => "wasm32-wasip1",
            Target::Wasm32KilnRun => "wasm32-kiln-run",
        }
    }

    /// Extra `kiln build` arguments selecting the target.
    fn build_args(self) -> &'static [&'static str] {
        match self {
            Target::Native => &[],
            Target::Wasm32Wasip1 | Target::Wasm32KilnRun => &["--target", "wasm32-wasip1"],
        }
    }

    fn output_file(self, dir: &Path, name: &str) -> PathBuf {
        match self {
            Target::Native => dir.join(name),
            Target::Wasm32Wasip1 | Target::Wasm32KilnRun => dir.join(format!("{name}.wasm")),
        }
    }

    /// The command that runs a built program with the standard arguments.
    fn run_command(self, kiln: &Path, program: &Path) -> Command {
        match self {
            Target::Native => {
                let mut cmd = Command::new(program);
                cmd.args(PROGRAM_ARGS);
                cmd
            }
            Target::Wasm32Wasip1 => {
                let mut cmd = Command::new(node());
                cmd.arg(tests_dir().join("wasi-run.mjs")).arg(program).args(PROGRAM_ARGS);
                cmd
            }
            Target::Wasm32KilnRun => {
                let mut cmd = Command::new(kiln);
                cmd.arg("run").arg(program).args(PROGRAM_ARGS);
                cmd
            }
        }
    }
}

fn conformance_dir() -> PathBuf {
    tests_dir().join("conformance")
}

fn node() -> String {
    std::env::var("KILN_TEST_NODE").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "node".into())
}

/// Fails unless `node` is version 20 or newer (earlier versions need a flag for WASI).
fn require_node() {
    let out = Command::new(node()).arg("--version").output().unwrap_or_else(|e| {
        panic!("cannot run `{}` (needed for wasm32-wasip1 programs): {e}; install Node.js 20 or newer", node())
    });
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let major: u32 = version.trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    assert!(
        out.status.success() && major >= 20,
        "Node.js 20 or newer is needed to run wasm32-wasip1 programs; `{} --version` says {version:?}",
        node()
    );
}

/// Builds `NAME.erl` for `target` into `out`, returning the program's path.
fn build(kiln: &Path, target: Target, name: &str, out: &Path) -> Result<PathBuf, String> {
    let program = target.output_file(out, name);
    // A stale program from an earlier run must never pass for a fresh one.
    let _ = std::fs::remove_file(&program);
    let mut cmd = Command::new(kiln);
    cmd.arg("build")
        .args(target.build_args())
        .arg(format!("{name}.erl"))
        .arg("-o")
        .arg(&program)
        .current_dir(conformance_dir());
    let shown = format!(
        "kiln build {}{name}.erl -o {}",
        target.build_args().iter().map(|a| format!("{a} ")).collect::<String>(),
        program.display()
    );
    let outcome = run_with_timeout(&mut cmd, build_timeout()).map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if outcome.exit != Exit::Code(0) {
        return Err(format!("`{shown}` failed: {}\n  kiln stderr:\n{}", outcome.exit, excerpt(&outcome.stderr, 30)));
    }
    if !program.is_file() {
        return Err(format!("`{shown}` exited 0 but did not write {}", program.display()));
    }
    Ok(program)
}

/// Runs a built program the way the expectations were made.
fn run(kiln: &Path, target: Target, program: &Path) -> Result<Outcome, String> {
    let mut cmd = target.run_command(kiln, program);
    cmd.current_dir(conformance_dir());
    run_with_timeout(&mut cmd, run_timeout()).map_err(|e| format!("cannot start {}: {e}", program.display()))
}

/// Builds, runs and compares one program; `Ok` carries the run time.
fn check(kiln: &Path, target: Target, out: &Path, name: &str) -> Result<Duration, String> {
    let expected_path = conformance_dir().join(format!("{name}.expected"));
    if !expected_path.is_file() {
        return Err(format!(
            "{} is missing; generate it with `tests/gen-expected.sh {name}` (never by hand)",
            expected_path.display()
        ));
    }
    let mut expected = Expected::read(&expected_path)?;
    let program = build(kiln, target, name, out)?;
    let mut outcome = run(kiln, target, &program)?;
    if first_line_says(name, "(MASKED)") {
        expected.stdout = mask_run_details(&expected.stdout);
        outcome.stdout = mask_run_details(&outcome.stdout);
    }
    let mut problems = Vec::new();
    if let Some(diff) = describe_difference("stdout", &expected.stdout, &outcome.stdout) {
        problems.push(diff);
    }
    if outcome.exit != Exit::Code(expected.status) {
        problems.push(format!("exit: expected exit status {}, got {}", expected.status, outcome.exit));
    }
    if problems.is_empty() {
        Ok(outcome.elapsed)
    } else {
        Err(format!("{}\n  program stderr:\n{}", problems.join("\n"), excerpt(&outcome.stderr, 20)))
    }
}

/// The programs of `names` that run on `target`, and how many were left
/// out: a program whose first line says `(NATIVE ONLY)` (it starts OS
/// processes through ports, which wasm32-wasip1 has not) runs natively only.
fn runnable_on(target: Target, names: Vec<String>) -> (Vec<String>, usize) {
    if target == Target::Native {
        return (names, 0);
    }
    let before = names.len();
    let kept: Vec<String> = names.into_iter().filter(|n| !native_only(n)).collect();
    let skipped = before - kept.len();
    (kept, skipped)
}

fn native_only(name: &str) -> bool {
    first_line_says(name, "(NATIVE ONLY)")
}

/// Whether program `name`'s first line holds `marker`.
fn first_line_says(name: &str, marker: &str) -> bool {
    let path = conformance_dir().join(format!("{name}.erl"));
    std::fs::read_to_string(path).ok().and_then(|s| s.lines().next().map(|l| l.contains(marker))).unwrap_or(false)
}

fn run_suite(target: Target) {
    let _turn = one_suite_at_a_time();
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    if target == Target::Wasm32Wasip1 {
        require_node();
    }
    let (names, skipped) = runnable_on(target, programs_in(&conformance_dir(), "erl"));
    if names.is_empty() {
        report(&format!(
            "conformance [{}]: no programs selected (KILN_TEST_FILTER?), {skipped} native-only skipped",
            target.name()
        ));
        return;
    }
    let out = out_dir(target.name());
    report(&format!(
        "conformance [{}]: {} programs, {} at a time, kiln = {}",
        target.name(),
        names.len(),
        jobs(),
        kiln.display()
    ));
    let results = parallel_map(
        &names,
        jobs(),
        |name| check(&kiln, target, &out, name),
        |name, result| match result {
            Ok(elapsed) => report(&format!("  ok    {name} ({:.2} s)", elapsed.as_secs_f64())),
            Err(_) => report(&format!("  FAIL  {name}")),
        },
    );
    let failures: Vec<(&String, &String)> =
        names.iter().zip(&results).filter_map(|(name, r)| r.as_ref().err().map(|e| (name, e))).collect();
    for (name, why) in &failures {
        report(&format!("\n---- {} / {name} ----\n{why}", target.name()));
    }
    let summary = summary_line(names.len() - failures.len(), failures.len(), skipped);
    report(&format!("\nconformance [{}]:", target.name()));
    report(&summary);
    assert!(
        failures.is_empty(),
        "conformance [{}]: {summary}: {}",
        target.name(),
        failures.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")
    );
}

#[test]
fn native() {
    run_suite(Target::Native);
}

#[test]
fn wasm32_wasip1() {
    run_suite(Target::Wasm32Wasip1);
}

#[test]
fn wasm32_kiln_run() {
    run_suite(Target::Wasm32KilnRun);
}

/// `alloc_loop` allocates about 1 GB in total but keeps little alive; a working
/// collector keeps the native program's peak RSS (GNU time's `%M`) under 100 MB.
#[test]
fn alloc_loop_peak_rss_under_100mb() {
    const NAME: &str = "alloc_loop";
    const LIMIT_KB: u64 = 100 * 1024;
    if !selected(NAME) {
        report("alloc_loop peak RSS: skipped by KILN_TEST_FILTER");
        return;
    }
    let _turn = one_suite_at_a_time();
    let time = Path::new("/usr/bin/time");
    assert!(
        time.is_file(),
        "/usr/bin/time (GNU time) is needed to measure peak RSS; install it with `make setup` (Debian package `time`)"
    );
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let out = out_dir("rss");
    let program = build(&kiln, Target::Native, NAME, &out).unwrap_or_else(|e| panic!("{e}"));
    let rss_file = out.join(format!("{NAME}.maxrss"));
    let _ = std::fs::remove_file(&rss_file);
    let mut cmd = Command::new(time);
    cmd.args(["-f", "%M", "-o"]).arg(&rss_file).arg(&program).args(PROGRAM_ARGS).current_dir(conformance_dir());
    let outcome =
        run_with_timeout(&mut cmd, run_timeout()).unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert_eq!(
        outcome.exit,
        Exit::Code(0),
        "{NAME} did not succeed under /usr/bin/time; stderr:\n{}",
        excerpt(&outcome.stderr, 20)
    );
    let text = std::fs::read_to_string(&rss_file).unwrap_or_else(|e| panic!("cannot read {}: {e}", rss_file.display()));
    let kb: u64 = text
        .lines()
        .rev()
        .find_map(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS number in {}: {text:?}", rss_file.display()));
    report(&format!("alloc_loop peak RSS: {:.1} MB (limit 100 MB)", kb as f64 / 1024.0));
    assert!(
        kb < LIMIT_KB,
        "{NAME}: peak RSS {kb} KB is not under {LIMIT_KB} KB (100 MB): memory is not being reclaimed"
    );
}

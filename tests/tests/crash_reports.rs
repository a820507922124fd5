//! Crash reports: a kiln program whose `main/1` raises must print on stderr what
//! `escript` prints for the same file, and exit 127 as it does.
//!
//! The conformance suite compares stdout only, so this suite is where the report is
//! checked. For every `tests/crash_reports/NAME.erl` it runs, in that directory and
//! with the arguments `a b c`,
//!
//! 1. `escript NAME.erl a b c` (real OTP, at test time: nothing is recorded by hand);
//! 2. `kiln build NAME.erl`, then the executable;
//!
//! and compares stderr byte for byte and the exit status. The one thing taken out
//! of escript's report is what only escript has: the frames of its own runner
//! below `main` (`escript:run/2`, `escript:start/1`, `init:start_em/1`,
//! `init:do_boot/3`), which a kiln program does not have (its `main` is the bottom
//! of the stack). The programs start with `#!/usr/bin/env escript`: with a `%`
//! first line, escript numbers the lines one too low.
//!
//! The programs fail on values computed from their arguments, so that OTP's
//! compiler cannot prove a call never returns: it then drops the caller's frame,
//! which kiln's compiler does not do.

use kiln_tests::{
    build_timeout, describe_difference, excerpt, jobs, kiln_binary, one_suite_at_a_time, out_dir, parallel_map,
    programs_in, report, run_timeout, run_with_timeout, summary_line, tests_dir, Exit, Outcome, PROGRAM_ARGS,
};
use std::path::{Path, PathBuf};
use std::process::Command;

fn programs_dir() -> PathBuf {
    tests_dir().join("crash_reports")
}

/// escript's report with its runner's frames removed (see the module docs).
fn without_escript_frames(stderr: &[u8]) -> Vec<u8> {
    const RUNNER: [&[u8]; 4] =
        [b"  in call from escript:", b"  in call from init:", b"  in function  escript:", b"  in function  init:"];
    let mut out = Vec::new();
    for line in stderr.split_inclusive(|&b| b == b'\n') {
        if !RUNNER.iter().any(|prefix| line.starts_with(prefix)) {
            out.extend_from_slice(line);
        }
    }
    out
}

fn run_escript(name: &str) -> Result<Outcome, String> {
    let mut cmd = Command::new("escript");
    cmd.arg(format!("{name}.erl")).args(PROGRAM_ARGS).env("ERL_CRASH_DUMP_SECONDS", "0").current_dir(programs_dir());
    run_with_timeout(&mut cmd, run_timeout())
        .map_err(|e| format!("cannot run `escript {name}.erl` (is OTP installed?): {e}"))
}

fn run_kiln(kiln: &Path, name: &str) -> Result<Outcome, String> {
    let exe = out_dir("crash_reports").join(name);
    let mut build = Command::new(kiln);
    build.arg("build").arg(format!("{name}.erl")).arg("-o").arg(&exe).current_dir(programs_dir());
    let built = run_with_timeout(&mut build, build_timeout())
        .map_err(|e| format!("cannot start `kiln build {name}.erl`: {e}"))?;
    if built.exit != Exit::Code(0) {
        return Err(format!("kiln build failed ({}):\n{}", built.exit, excerpt(&built.stderr, 30)));
    }
    let mut cmd = Command::new(&exe);
    cmd.args(PROGRAM_ARGS).current_dir(programs_dir());
    run_with_timeout(&mut cmd, run_timeout()).map_err(|e| format!("cannot run {}: {e}", exe.display()))
}

fn check(kiln: &Path, name: &str) -> Result<(), String> {
    let escript = run_escript(name)?;
    let expected = without_escript_frames(&escript.stderr);
    let actual = run_kiln(kiln, name)?;
    let mut problems = Vec::new();
    if let Some(diff) = describe_difference("stderr", &expected, &actual.stderr) {
        problems.push(format!(
            "{diff}\n  escript's report (runner frames removed):\n{}\n  kiln's report:\n{}",
            excerpt(&expected, 30),
            excerpt(&actual.stderr, 30)
        ));
    }
    if actual.exit != escript.exit {
        problems.push(format!("exit: escript gave {}, kiln {}", escript.exit, actual.exit));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn uncaught_exceptions_are_reported_as_escript_reports_them() {
    let _turn = one_suite_at_a_time();
    let names = programs_in(&programs_dir(), "erl");
    if names.is_empty() {
        report(&format!("crash reports:\n{}", summary_line(0, 0, 0)));
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let results = parallel_map(
        &names,
        jobs(),
        |name| check(&kiln, name),
        |name, result| report(&format!("  {}  {name}", if result.is_ok() { "ok  " } else { "FAIL" })),
    );
    let failures: Vec<(&String, &String)> =
        names.iter().zip(&results).filter_map(|(name, r)| r.as_ref().err().map(|e| (name, e))).collect();
    for (name, why) in &failures {
        report(&format!("\n---- crash reports / {name} ----\n{why}"));
    }
    let summary = summary_line(names.len() - failures.len(), failures.len(), 0);
    report(&format!("\ncrash reports:\n{summary}"));
    assert!(
        failures.is_empty(),
        "crash reports: {summary}: {}",
        failures.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")
    );
}

#[test]
fn only_escript_runner_frames_are_removed() {
    let report = b"escript: exception throw: x\n  in function  m:main/1 (m.erl, line 4)\n  in call from escript:run/2 (escript.erl, line 750)\n  in call from init:do_boot/3 \n";
    assert_eq!(
        without_escript_frames(report),
        b"escript: exception throw: x\n  in function  m:main/1 (m.erl, line 4)\n".to_vec()
    );
}

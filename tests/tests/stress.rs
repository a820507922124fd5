//! Runtime stress: every `tests/stress/NAME.erl` is built once (native) and run with
//! `KILN_SCHEDULERS=1`, `2` and `8` (arguments `a b c`, cwd `tests/stress`, stdin
//! /dev/null); each run's stdout and exit status must equal `NAME.expected`, which
//! real OTP produced (`tests/gen-expected.sh --dir stress NAME`).
//!
//! The programs hammer the concurrent parts of the runtime and check themselves,
//! printing only counts and verdicts that do not depend on scheduling:
//!
//! | program         | what it does |
//! |-----------------|--------------|
//! | `fan_in`        | 10 senders x 100,000 messages to one receiver: exact counts, per-sender order |
//! | `all_to_all`    | 100 processes each send 10 rounds to all 99 others |
//! | `spawn_storm`   | 10 spawners start 100,000 short-lived processes (half monitored), then 20,000 linked ones |
//! | `links_dying`   | linked pairs die at once; observers linked to and monitoring both sides of a pair that dies; a ring of linked trapping processes that all exit: every 'EXIT' and 'DOWN' accounted for |
//! | `timers_cancel` | 16,000 timers cancelled around their deadline (each is cancelled xor delivered), timers cancelled by another process, timers of processes that exit |
//!
//! Each run should take a few seconds at most; one that outlives
//! `KILN_STRESS_TIMEOUT` seconds (default 30) fails. `KILN_STRESS_REPEAT=N` runs
//! every (program, scheduler count) N times (default 1) to shake out rare races.
//! `KILN_TEST_FILTER` and `KILN_TEST_JOBS` work as for the conformance suite.

use kiln_tests::{
    build_timeout, describe_difference, env_number, excerpt, jobs, kiln_binary, one_suite_at_a_time, out_dir,
    parallel_map, programs_in, report, run_with_timeout, summary_line, tests_dir, Exit, Expected, PROGRAM_ARGS,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The scheduler counts every program runs with.
const SCHEDULERS: [u32; 3] = [1, 2, 8];

fn stress_dir() -> PathBuf {
    tests_dir().join("stress")
}

fn stress_timeout() -> Duration {
    Duration::from_secs(env_number("KILN_STRESS_TIMEOUT", 30))
}

/// Builds `NAME.erl` natively; the executable's path or a failure report.
fn build(kiln: &Path, name: &str, dir: &Path) -> Result<PathBuf, String> {
    let exe = dir.join(name);
    let _ = std::fs::remove_file(&exe);
    let mut cmd = Command::new(kiln);
    cmd.arg("build").arg(format!("{name}.erl")).arg("-o").arg(&exe).current_dir(stress_dir());
    let out = run_with_timeout(&mut cmd, build_timeout()).map_err(|e| format!("cannot run {}: {e}", kiln.display()))?;
    if out.exit != Exit::Code(0) || !exe.is_file() {
        return Err(format!("kiln build {name}.erl: {}\n  stderr:\n{}", out.exit, excerpt(&out.stderr, 20)));
    }
    Ok(exe)
}

/// One run with `KILN_SCHEDULERS=schedulers`: `Ok(seconds)` or a failure report.
fn run_once(exe: &Path, expected: &Expected, schedulers: u32) -> Result<f64, String> {
    let mut cmd = Command::new(exe);
    cmd.args(PROGRAM_ARGS).env("KILN_SCHEDULERS", schedulers.to_string()).current_dir(stress_dir());
    let out = run_with_timeout(&mut cmd, stress_timeout()).map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let mut problems = Vec::new();
    if let Some(diff) = describe_difference("stdout", &expected.stdout, &out.stdout) {
        problems.push(diff);
    }
    if out.exit != Exit::Code(expected.status) {
        problems.push(format!("exit: expected exit status {}, got {}", expected.status, out.exit));
    }
    if problems.is_empty() {
        Ok(out.elapsed.as_secs_f64())
    } else {
        Err(format!("{}\n  program stderr:\n{}", problems.join("\n"), excerpt(&out.stderr, 15)))
    }
}

#[test]
fn native_schedulers_1_2_8() {
    let _turn = one_suite_at_a_time();
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let names = programs_in(&stress_dir(), "erl");
    if names.is_empty() {
        report("stress: no programs selected");
        return;
    }
    let dir = out_dir("stress");
    let repeat = env_number("KILN_STRESS_REPEAT", 1);
    report(&format!(
        "stress [native]: {} programs x KILN_SCHEDULERS={:?} x {repeat}, {} at a time, kiln = {}",
        names.len(),
        SCHEDULERS,
        jobs(),
        kiln.display()
    ));

    // Build every program once.
    let builds = parallel_map(
        &names,
        jobs(),
        |name| {
            let expected = Expected::read(&stress_dir().join(format!("{name}.expected")))?;
            let exe = build(&kiln, name, &dir)?;
            Ok::<_, String>((exe, expected))
        },
        |name, result| {
            if let Err(e) = result {
                report(&format!("  FAIL  {name} (build)\n{e}"));
            }
        },
    );

    // Then every (program, scheduler count, repetition).
    let mut runs = Vec::new();
    for (name, built) in names.iter().zip(&builds) {
        if let Ok((exe, expected)) = built {
            for &s in &SCHEDULERS {
                for _ in 0..repeat {
                    runs.push((name.clone(), exe.clone(), expected.clone(), s));
                }
            }
        }
    }
    let results = parallel_map(
        &runs,
        jobs(),
        |(_, exe, expected, s)| run_once(exe, expected, *s),
        |(name, _, _, s), result| match result {
            Ok(secs) => report(&format!("  ok    {name} KILN_SCHEDULERS={s} ({secs:.2} s)")),
            Err(_) => report(&format!("  FAIL  {name} KILN_SCHEDULERS={s}")),
        },
    );

    let mut failed: Vec<String> = Vec::new();
    for (name, built) in names.iter().zip(&builds) {
        if built.is_err() {
            failed.push(format!("{name} (build)"));
        }
    }
    for ((name, _, _, s), result) in runs.iter().zip(&results) {
        if let Err(e) = result {
            report(&format!("\n---- {name} with KILN_SCHEDULERS={s} ----\n{e}"));
            failed.push(format!("{name}@{s}"));
        }
    }
    let passed = results.iter().filter(|r| r.is_ok()).count();
    let line = summary_line(passed, failed.len(), 0);
    report(&format!("\nstress [native]: {line}"));
    assert!(failed.is_empty(), "stress [native]: {line}: {}", failed.join(", "));
}

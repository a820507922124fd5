//! Diagnostics: for every `tests/diagnostics/NAME.erl` (a program with one mistake),
//! `kiln check NAME.erl`, run in `tests/diagnostics`, must exit non-zero and write
//! exactly `NAME.stderr` to stderr. These are kiln's own messages, so `NAME.stderr`
//! is written by hand (once the message is settled). A case without `NAME.stderr` is
//! skipped and listed; if every case is skipped, kiln is not needed at all.

use kiln_tests::{
    build_timeout, describe_difference, excerpt, jobs, kiln_binary, one_suite_at_a_time, parallel_map, programs_in,
    report, run_with_timeout, summary_line, tests_dir, Exit,
};
use std::path::{Path, PathBuf};
use std::process::Command;

fn diagnostics_dir() -> PathBuf {
    tests_dir().join("diagnostics")
}

fn check(kiln: &Path, name: &str) -> Result<(), String> {
    let dir = diagnostics_dir();
    let expected_path = dir.join(format!("{name}.stderr"));
    let expected =
        std::fs::read(&expected_path).map_err(|e| format!("cannot read {}: {e}", expected_path.display()))?;
    let mut cmd = Command::new(kiln);
    cmd.arg("check").arg(format!("{name}.erl")).current_dir(&dir);
    let outcome = run_with_timeout(&mut cmd, build_timeout())
        .map_err(|e| format!("cannot start `kiln check {name}.erl`: {e}"))?;
    let mut problems = Vec::new();
    if let Some(diff) = describe_difference("stderr", &expected, &outcome.stderr) {
        problems.push(format!("{diff}\n  actual stderr:\n{}", excerpt(&outcome.stderr, 30)));
    }
    match outcome.exit {
        Exit::Code(c) if c != 0 => {}
        other => problems.push(format!("exit: expected a non-zero exit status, got {other}")),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn kiln_check_messages() {
    let _turn = one_suite_at_a_time();
    let dir = diagnostics_dir();
    let all = programs_in(&dir, "erl");
    let (cases, skipped): (Vec<String>, Vec<String>) =
        all.into_iter().partition(|name| dir.join(format!("{name}.stderr")).is_file());
    for name in &skipped {
        report(&format!("  skip  {name} (no {name}.stderr yet)"));
    }
    if cases.is_empty() {
        report(&format!("diagnostics:\n{}", summary_line(0, 0, skipped.len())));
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let results = parallel_map(
        &cases,
        jobs(),
        |name| check(&kiln, name),
        |name, result| report(&format!("  {}  {name}", if result.is_ok() { "ok  " } else { "FAIL" })),
    );
    let failures: Vec<(&String, &String)> =
        cases.iter().zip(&results).filter_map(|(name, r)| r.as_ref().err().map(|e| (name, e))).collect();
    for (name, why) in &failures {
        report(&format!("\n---- diagnostics / {name} ----\n{why}"));
    }
    let summary = summary_line(cases.len() - failures.len(), failures.len(), skipped.len());
    report(&format!("\ndiagnostics:\n{summary}"));
    assert!(
        failures.is_empty(),
        "diagnostics: {summary}: {}",
        failures.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")
    );
}

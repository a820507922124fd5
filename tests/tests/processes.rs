//! Multi-core scheduling and process memory, end to end (native): the
//! programs in `tests/processes/` are built with kiln and run with several
//! scheduler counts (`KILN_SCHEDULERS`).
//!
//! - `spin`: endless loops (`loop() -> loop().`) next to all-to-all message
//!   traffic; the main process's end ends the program (exit 0) although the
//!   loops never stop; with 1, 2 and 8 schedulers (8 oversubscribes a small
//!   machine).
//! - `million` (heavy: about 5 s and 1.6 GB on a 2-core machine): one
//!   million processes wait in `receive`, then each gets a message and
//!   replies; the peak RSS per process must stay under BEAM's ~2.6 KB for a
//!   fresh process. Skip it with `KILN_TEST_FILTER` (any filter that does
//!   not name `million`).

use kiln_tests::{
    build_timeout, excerpt, kiln_binary, one_suite_at_a_time, out_dir, report, run_with_timeout, selected, tests_dir,
    Exit,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn build(kiln: &Path, name: &str, out: &Path) -> PathBuf {
    let program = out.join(name);
    let _ = std::fs::remove_file(&program);
    let mut cmd = Command::new(kiln);
    cmd.arg("build").arg(format!("{name}.erl")).arg("-o").arg(&program).current_dir(tests_dir().join("processes"));
    let outcome = run_with_timeout(&mut cmd, build_timeout()).unwrap_or_else(|e| panic!("cannot run kiln: {e}"));
    assert_eq!(outcome.exit, Exit::Code(0), "kiln build {name}.erl failed:\n{}", excerpt(&outcome.stderr, 30));
    program
}

#[test]
fn endless_loops_and_all_to_all_with_1_2_8_schedulers() {
    if !selected("spin") {
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let program = build(&kiln, "spin", &out_dir("processes"));
    for n in ["1", "2", "8"] {
        let mut cmd = Command::new(&program);
        cmd.env("KILN_SCHEDULERS", n);
        let outcome = run_with_timeout(&mut cmd, Duration::from_secs(60)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outcome.exit, Exit::Code(0), "spin with {n} schedulers:\n{}", excerpt(&outcome.stderr, 20));
        assert_eq!(String::from_utf8_lossy(&outcome.stdout), "8016843460\n40\n", "spin with {n} schedulers");
    }
}

/// Heavy (see the module docs).
#[test]
fn million_waiting_processes_stay_small() {
    const N: u64 = 1_000_000;
    /// BEAM (OTP 25): `process_info(P, memory)` of a fresh process.
    const BEAM_BYTES: u64 = 2600;
    if !selected("million") {
        report("million processes: skipped by KILN_TEST_FILTER");
        return;
    }
    let _turn = one_suite_at_a_time();
    let time = Path::new("/usr/bin/time");
    assert!(time.is_file(), "/usr/bin/time (GNU time) is needed to measure peak RSS; `make setup` installs it");
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let out = out_dir("processes");
    let program = build(&kiln, "million", &out);
    let rss_file = out.join("million.maxrss");
    let _ = std::fs::remove_file(&rss_file);
    let mut cmd = Command::new(time);
    cmd.args(["-f", "%M", "-o"]).arg(&rss_file).arg(&program);
    let outcome = run_with_timeout(&mut cmd, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcome.exit, Exit::Code(0), "million:\n{}", excerpt(&outcome.stderr, 20));
    assert_eq!(String::from_utf8_lossy(&outcome.stdout), format!("ok {N}\n"));
    let text = std::fs::read_to_string(&rss_file).unwrap_or_default();
    let kb: u64 = text.lines().rev().find_map(|l| l.trim().parse().ok()).expect("a peak RSS number");
    let per_process = kb * 1024 / N;
    report(&format!(
        "million processes: {:.1} s, peak RSS {:.0} MB = {per_process} bytes per process (BEAM: ~{BEAM_BYTES})",
        outcome.elapsed.as_secs_f64(),
        kb as f64 / 1024.0
    ));
    assert!(per_process < BEAM_BYTES, "{per_process} bytes per process is not under {BEAM_BYTES}");
    assert!(outcome.elapsed < Duration::from_secs(60), "took {:?}", outcome.elapsed);
}

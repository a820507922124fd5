//! kiln's Wasm process host running unmodified lunatic guests, end to end.
//!
//! The guests in `tests/lunatic-guests/` (Rust programs using the `lunatic`
//! 0.14 crate) are built for `wasm32-wasip1` with cargo, then each case of
//! `cases.txt` runs under `kiln run` and its stdout and exit status are
//! compared with `expected/`, which the real lunatic runtime 0.13.2 produced
//! (except the cases where lunatic is wrong and kiln is specified to differ:
//! see that directory's README). stderr is not compared.
//!
//! `KILN_TEST_FILTER` selects cases by name.

use kiln_tests::{
    build_lunatic_guests, describe_difference, excerpt, jobs, kiln_binary, out_dir, parallel_map, report,
    run_with_timeout, selected, summary_line, tests_dir, Exit,
};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// One line of `cases.txt`.
#[derive(Debug, Clone)]
struct Case {
    name: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    dirs: Vec<String>,
    /// `None`: any non-zero status.
    exit: Option<i32>,
}

fn words(field: &str) -> Vec<String> {
    if field == "-" {
        Vec::new()
    } else {
        field.split_whitespace().map(str::to_string).collect()
    }
}

fn parse_cases(text: &str) -> Vec<Case> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('|').map(str::trim).collect();
            assert_eq!(f.len(), 6, "cases.txt: bad line {l:?}");
            Case {
                name: f[0].to_string(),
                args: words(f[1]),
                env: words(f[2])
                    .into_iter()
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or_else(|| panic!("cases.txt: bad env {kv:?}"));
                        (k.to_string(), v.to_string())
                    })
                    .collect(),
                dirs: words(f[3]),
                exit: if f[4] == "nonzero" {
                    None
                } else {
                    Some(f[4].parse().unwrap_or_else(|_| panic!("cases.txt: bad exit {:?}", f[4])))
                },
            }
        })
        .collect()
}

fn run_case(kiln: &Path, wasm_dir: &Path, case: &Case) -> Result<(), String> {
    let guests = tests_dir().join("lunatic-guests");
    let expected_out = std::fs::read(guests.join("expected").join(format!("{}.stdout", case.name)))
        .map_err(|e| format!("{}: no expected output: {e}", case.name))?;
    let tmp = out_dir("lunatic-guests-tmp").join(&case.name);
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let tmp = std::fs::canonicalize(&tmp).map_err(|e| e.to_string())?;
    let subst = |s: &str| s.replace("{tmp}", &tmp.to_string_lossy());
    let mut cmd = Command::new(kiln);
    cmd.arg("run");
    for d in &case.dirs {
        cmd.arg("--dir").arg(subst(d));
    }
    cmd.arg(wasm_dir.join(format!("{}.wasm", case.name)));
    cmd.args(case.args.iter().map(|a| subst(a)));
    for (k, v) in &case.env {
        cmd.env(k, subst(v));
    }
    cmd.current_dir(&tmp).stdin(Stdio::null());
    let outcome = run_with_timeout(&mut cmd, Duration::from_secs(120)).map_err(|e| format!("{}: {e}", case.name))?;
    let _ = std::fs::remove_dir_all(&tmp);
    let status_ok = match (case.exit, &outcome.exit) {
        (Some(want), Exit::Code(got)) => want == *got,
        (None, Exit::Code(got)) => *got != 0,
        _ => false,
    };
    let mut problems = Vec::new();
    if !status_ok {
        problems.push(format!("exit: expected {:?} (None = non-zero), got {}", case.exit, outcome.exit));
    }
    if let Some(d) = describe_difference("stdout", &expected_out, &outcome.stdout) {
        problems.push(d);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n{}\nstderr:\n{}", case.name, problems.join("\n"), excerpt(&outcome.stderr, 15)))
    }
}

#[test]
fn lunatic_guests_behave_as_under_lunatic() {
    let cases: Vec<Case> =
        parse_cases(&std::fs::read_to_string(tests_dir().join("lunatic-guests").join("cases.txt")).expect("cases.txt"))
            .into_iter()
            .filter(|c| selected(&c.name))
            .collect();
    if cases.is_empty() {
        report("lunatic guests: none selected");
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let wasm_dir = build_lunatic_guests();
    let results = parallel_map(&cases, jobs(), |c| run_case(&kiln, &wasm_dir, c), |_, _| {});
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    report(&format!("lunatic guests: {}", summary_line(results.len() - failures.len(), failures.len(), 0)));
    assert!(
        failures.is_empty(),
        "{} of {} lunatic guest cases failed:\n\n{}",
        failures.len(),
        results.len(),
        failures.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n\n")
    );
}

//! `cargo test` for lunatic projects: running a test binary.
//!
//! The `lunatic` crate's `#[lunatic::test]` turns each test into an export
//! named `#lunatic_test_[#ignore_][#panic_MESSAGE#]NAME` (a test binary has
//! no useful `_start`). With `runner = "kiln run"`, cargo hands such a
//! binary to `kiln run` with libtest's arguments; kiln then runs every
//! selected test as a process of its own — with its output captured unless
//! `--nocapture` — and reports in libtest's format, exiting 101 when a test
//! failed, as the lunatic runtime does.
//!
//! Tests run one after the other (lunatic runs them concurrently; the
//! report lists results in completion order either way), each until its
//! process ends; processes a test leaves behind keep running.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use wasmtime::{ExternType, Result};

use super::config::Capture;
use super::process::{Entry, GuestProcess};
use super::{first_config, GuestModule, RunOptions};

/// Whether the module is a test binary (exports lunatic tests).
pub fn is_test_binary(module: &GuestModule) -> bool {
    module.pre.module().exports().any(|e| e.name().starts_with(PREFIX))
}

const PREFIX: &str = "#lunatic_test_";

/// One test of the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Test {
    export: String,
    name: String,
    ignored: bool,
    /// `#[should_panic(expected = ...)]`: `Some("")` for any panic.
    panic: Option<String>,
}

/// Decodes a test export's name.
fn parse_export(export: &str) -> Option<Test> {
    let mut rest = export.strip_prefix(PREFIX)?;
    let ignored = rest.starts_with("#ignore_");
    if ignored {
        rest = &rest["#ignore_".len()..];
    }
    let mut panic = None;
    if let Some(p) = rest.strip_prefix("#panic_") {
        // The message ends at the first `#` not escaped as `\#`.
        let bytes = p.as_bytes();
        let end = (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1] != b'\\'))?;
        panic = Some(p[..end].replace("\\#", "#"));
        rest = &p[end + 1..];
    }
    Some(Test { export: export.to_string(), name: rest.to_string(), ignored, panic })
}

/// libtest's arguments that matter here; others (`--test-threads`,
/// `--color`, ...) are accepted and ignored.
#[derive(Debug, Default, PartialEq, Eq)]
struct Args {
    filter: Option<String>,
    ignored: bool,
    include_ignored: bool,
    nocapture: bool,
    show_output: bool,
    list: bool,
    exact: bool,
    skip: Vec<String>,
}

fn parse_args(args: &[String]) -> Args {
    let mut a = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--ignored" => a.ignored = true,
            "--include-ignored" => a.include_ignored = true,
            "--nocapture" | "--no-capture" => a.nocapture = true,
            "--show-output" => a.show_output = true,
            "--list" => a.list = true,
            "--exact" => a.exact = true,
            "--skip" => a.skip.extend(it.next().cloned()),
            // Options that take a value as the next argument.
            "--format" | "--test-threads" | "--color" | "--logfile" => {
                it.next();
            }
            s if s.starts_with('-') => {}
            s => a.filter = Some(s.to_string()),
        }
    }
    a
}

enum Outcome {
    Ok,
    Failed(String),
    Ignored,
}

/// Runs the tests of `module` (a test binary at `path`); returns the exit
/// status (0, or 101 when a test failed).
pub fn run_tests(path: &Path, module: Arc<GuestModule>, opts: &RunOptions) -> Result<i32> {
    let args = parse_args(&opts.args);
    let mut tests: Vec<Test> = module
        .pre
        .module()
        .exports()
        .filter(|e| matches!(e.ty(), ExternType::Func(_)))
        .filter_map(|e| parse_export(e.name()))
        .collect();
    tests.sort_by(|a, b| a.name.cmp(&b.name));
    let total = tests.len();
    tests.retain(|t| match &args.filter {
        Some(f) if args.exact => &t.name == f,
        Some(f) => t.name.contains(f.as_str()),
        None => true,
    });
    tests.retain(|t| !args.skip.iter().any(|s| t.name.contains(s.as_str())));
    if args.ignored {
        tests.retain(|t| t.ignored);
    }
    let filtered_out = total - tests.len();
    if args.list {
        for t in &tests {
            println!("{}: test", t.name);
        }
        return Ok(0);
    }
    let started = Instant::now();
    println!("\nrunning {} test{}", tests.len(), if tests.len() == 1 { "" } else { "s" });
    let argv0 = super::file_name(path);
    let (mut passed, mut failed, mut ignored) = (0, Vec::new(), 0);
    for t in &tests {
        let outcome = if t.ignored && !args.ignored && !args.include_ignored {
            Outcome::Ignored
        } else {
            run_one(&argv0, &module, opts, t, args.nocapture)?
        };
        let label = if t.panic.is_some() { format!("{} - should panic", t.name) } else { t.name.clone() };
        match outcome {
            Outcome::Ok => {
                passed += 1;
                println!("test {label} ... ok");
            }
            Outcome::Ignored => {
                ignored += 1;
                println!("test {label} ... ignored");
            }
            Outcome::Failed(output) => {
                println!("test {label} ... FAILED");
                failed.push((t.name.clone(), output));
            }
        }
    }
    if !failed.is_empty() {
        println!("\nfailures:\n");
        for (name, output) in &failed {
            println!("---- {name} stdout ----\n{output}");
        }
        println!("\nfailures:");
        for (name, _) in &failed {
            println!("    {name}");
        }
    }
    let status = if failed.is_empty() { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {status}. {passed} passed; {} failed; {ignored} ignored; 0 measured; {filtered_out} filtered out; finished in {:.2}s\n",
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(if failed.is_empty() { 0 } else { 101 })
}

/// Runs one test as the main process of a scheduler run.
fn run_one(argv0: &str, module: &Arc<GuestModule>, opts: &RunOptions, t: &Test, nocapture: bool) -> Result<Outcome> {
    let mut config = first_config(argv0.to_string(), opts);
    config.args = vec![argv0.to_string()];
    let capture = (!nocapture).then(Capture::new);
    config.capture = capture.clone();
    let entry =
        Entry { module: module.clone(), config: Arc::new(config), function: t.export.clone(), params: Vec::new() };
    let code = super::run_process(GuestProcess::new(entry), opts.schedulers);
    let output = capture.map(|c| c.text()).unwrap_or_default();
    Ok(match (code, &t.panic) {
        (Ok(0), None) => Outcome::Ok,
        (Ok(0), Some(_)) => Outcome::Failed(format!("{output}note: test did not panic as expected\n")),
        (_, Some(expected)) if output.contains("panicked") && output.contains(expected.as_str()) => Outcome::Ok,
        (_, Some(expected)) => Outcome::Failed(format!(
            "{output}note: panic did not contain expected string\n expected substring: `{expected:?}`\n"
        )),
        (Ok(_), None) => Outcome::Failed(output),
        (Err(e), None) => Outcome::Failed(format!("{output}note: {}\n", super::process::describe(&e))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_exports_decode() {
        assert_eq!(
            parse_export("#lunatic_test_adds").unwrap(),
            Test { export: "#lunatic_test_adds".into(), name: "adds".into(), ignored: false, panic: None }
        );
        let t = parse_export("#lunatic_test_#ignore_#panic_bad \\# input#tests::fails").unwrap();
        assert!(t.ignored);
        assert_eq!(t.panic.as_deref(), Some("bad # input"));
        assert_eq!(t.name, "tests::fails");
        assert!(parse_export("_start").is_none());
    }

    #[test]
    fn libtest_arguments() {
        let args: Vec<String> = ["adds", "--nocapture", "--test-threads", "1", "--exact"].map(String::from).into();
        let a = parse_args(&args);
        assert_eq!(a.filter.as_deref(), Some("adds"));
        assert!(a.nocapture && a.exact && !a.list);
    }
}

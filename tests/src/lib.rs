//! End-to-end test support for kiln; the tests themselves live in `tests/tests/`.
//!
//! * [`conformance`]-style checks build `tests/conformance/NAME.erl` with the `kiln`
//!   binary, run the result and compare stdout and exit status with `NAME.expected`,
//!   which real OTP (`escript`) produced (see `tests/gen-expected.sh` and
//!   [`Expected::parse`] for the file format).
//! * Diagnostics checks compare `kiln check` stderr with hand-written `NAME.stderr`.
//!
//! Everything here uses only `std`: child processes get a wall-clock timeout, run in
//! their own process group (so a timed-out `kiln` takes its linker down with it), and
//! a small worker pool runs at most [`jobs`] of them at once.
//!
//! Environment variables (all optional):
//!
//! | variable                  | meaning                                              | default |
//! |---------------------------|------------------------------------------------------|---------|
//! | `KILN`                    | path of the `kiln` binary to test                    | `<target>/{release,debug}/kiln` |
//! | `CARGO_TARGET_DIR`        | cargo's target directory (used to find `kiln`)       | `<workspace>/target` |
//! | `KILN_TEST_FILTER`        | comma-separated substrings; run only matching names  | all     |
//! | `KILN_TEST_JOBS`          | programs run in parallel                             | 2       |
//! | `KILN_TEST_TIMEOUT`       | seconds allowed for one program run                  | 60      |
//! | `KILN_TEST_BUILD_TIMEOUT` | seconds allowed for one `kiln build`/`kiln check`    | 300     |
//! | `KILN_TEST_NODE`          | the node binary used for wasm32-wasip1 programs      | `node`  |

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// The arguments every conformance program receives (the expectations were made with them).
pub const PROGRAM_ARGS: [&str; 3] = ["a", "b", "c"];

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent directory").to_path_buf()
}

/// `tests/` itself.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// cargo's target directory: `$CARGO_TARGET_DIR` (relative to the workspace root if
/// relative) or `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        _ => workspace_root().join("target"),
    }
}

/// Where the tests put what they build: `<target>/kiln-tests/<sub>`, created on demand.
pub fn out_dir(sub: &str) -> PathBuf {
    let dir = target_dir().join("kiln-tests").join(sub);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// The cargo profile these tests were built with, which is also the one whose `kiln`
/// they test: `make test` builds everything with `--release`.
pub fn profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// The `kiln` binary under test: `$KILN`, or `<target>/<profile>/kiln`.
pub fn kiln_binary() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("KILN").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() { Ok(path) } else { Err(format!("KILN={} does not name a file", path.display())) };
    }
    let path = target_dir().join(profile()).join("kiln");
    if path.is_file() {
        Ok(path)
    } else {
        let flag = if profile() == "release" { " --release" } else { "" };
        Err(format!(
            "the kiln binary is missing: {} does not exist.\n\
             Build it first with `cargo build{flag} -p kiln` (or `make build`), \
             or point KILN at a kiln binary.",
            path.display()
        ))
    }
}

/// Reads a positive integer from the environment, falling back to `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => match v.trim().parse::<u64>() {
            Ok(n) if n > 0 => n,
            _ => panic!("{name}={v:?} is not a positive integer"),
        },
        _ => default,
    }
}

/// Programs run at once (`KILN_TEST_JOBS`, default 2: the CI machine has two cores).
pub fn jobs() -> usize {
    env_number("KILN_TEST_JOBS", 2) as usize
}

/// Time allowed for one program run (`KILN_TEST_TIMEOUT`, default 60 s).
pub fn run_timeout() -> Duration {
    Duration::from_secs(env_number("KILN_TEST_TIMEOUT", 60))
}

/// Time allowed for one `kiln build` or `kiln check` (`KILN_TEST_BUILD_TIMEOUT`, default 300 s).
pub fn build_timeout() -> Duration {
    Duration::from_secs(env_number("KILN_TEST_BUILD_TIMEOUT", 300))
}

/// Whether `name` passes `KILN_TEST_FILTER` (comma-separated substrings; empty = all).
pub fn selected(name: &str) -> bool {
    match std::env::var("KILN_TEST_FILTER") {
        Ok(filter) if !filter.trim().is_empty() => {
            filter.split(',').map(str::trim).filter(|f| !f.is_empty()).any(|f| name.contains(f))
        }
        _ => true,
    }
}

/// The `NAME`s of `dir/NAME.<ext>`, sorted, restricted by `KILN_TEST_FILTER`.
pub fn programs_in(dir: &Path, ext: &str) -> Vec<String> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension() != Some(OsStr::new(ext)) || !path.is_file() {
                return None;
            }
            Some(path.file_stem()?.to_str()?.to_string())
        })
        .filter(|name| selected(name))
        .collect();
    names.sort();
    names
}

/// Tests in one test binary take turns, so that no more than [`jobs`] programs run at
/// once even though libtest runs `#[test]` functions on parallel threads.
pub fn one_suite_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes straight to the test binary's stderr, bypassing libtest's output capture, so
/// progress and summaries show up in CI logs whether the test passes or not.
pub fn report(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = err.write_all(b"\n");
    }
    let _ = err.flush();
}

/// How a child process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Exited normally with this status.
    Code(i32),
    /// Killed by this signal.
    Signal(i32),
    /// Still running when its time ran out; it was killed.
    TimedOut(Duration),
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(c) => write!(f, "exit status {c}"),
            Exit::Signal(s) => write!(f, "killed by signal {s}{}", signal_name(*s)),
            Exit::TimedOut(d) => write!(f, "timed out after {} s (killed)", d.as_secs()),
        }
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        4 => " (SIGILL)",
        6 => " (SIGABRT)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        _ => "",
    }
}

/// Everything a finished child left behind.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub exit: Exit,
    pub elapsed: Duration,
}

/// Runs `cmd` with stdin from /dev/null, capturing stdout and stderr, and kills its
/// whole process group if it outlives `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> std::io::Result<Outcome> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let exit = wait_with_timeout(&mut child, timeout)?;
    let elapsed = start.elapsed();
    Ok(Outcome {
        stdout: stdout.join().expect("stdout reader thread"),
        stderr: stderr.join().expect("stderr reader thread"),
        exit,
        elapsed,
    })
}

fn drain<R: Read + Send + 'static>(mut pipe: R) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> std::io::Result<Exit> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(match (status.code(), status.signal()) {
                (Some(code), _) => Exit::Code(code),
                (None, Some(sig)) => Exit::Signal(sig),
                (None, None) => Exit::Signal(0),
            });
        }
        if Instant::now() >= deadline {
            kill_group(child);
            return Ok(Exit::TimedOut(timeout));
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// Kills the child's process group (it was started as a group leader), then the child.
fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill")
        .args(["-KILL", "--", &group])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// Applies `f` to every item on up to `jobs` threads; results keep the input order.
/// `done` is called (on the worker thread) as each item finishes.
pub fn parallel_map<T, R, F, D>(items: &[T], jobs: usize, f: F, done: D) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
    D: Fn(&T, &R) + Sync,
{
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(item) = items.get(i) else { break };
                let result = f(item);
                done(item, &result);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

/// A parsed `NAME.expected` file.
///
/// Format: the exact bytes escript wrote to stdout, followed by the trailer
/// `"\n--- exit status: N\n"`, always, even if stdout was empty or ended in a newline.
/// So a program printing `hi\n` and returning gives `"hi\n\n--- exit status: 0\n"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub stdout: Vec<u8>,
    pub status: i32,
}

impl Expected {
    pub const TRAILER: &'static [u8] = b"\n--- exit status: ";

    pub fn parse(bytes: &[u8]) -> Result<Expected, String> {
        let body = bytes.strip_suffix(b"\n").ok_or("does not end with the trailer line \"--- exit status: N\"")?;
        let at =
            find_last(body, Self::TRAILER).ok_or("has no trailer line \"--- exit status: N\" preceded by a newline")?;
        let digits = &body[at + Self::TRAILER.len()..];
        let status = std::str::from_utf8(digits)
            .ok()
            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<i32>().ok())
            .ok_or_else(|| format!("has a malformed exit status {:?}", String::from_utf8_lossy(digits)))?;
        Ok(Expected { stdout: body[..at].to_vec(), status })
    }

    pub fn read(path: &Path) -> Result<Expected, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Expected::parse(&bytes).map_err(|e| format!("{} {e}", path.display()))
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).rev().find(|&i| &haystack[i..i + needle.len()] == needle)
}

/// Explains how `actual` differs from `expected`, naming the first differing line;
/// `None` if they are equal.
pub fn describe_difference(what: &str, expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let exp: Vec<&[u8]> = split_lines(expected);
    let act: Vec<&[u8]> = split_lines(actual);
    let mut out = String::new();
    let i = (0..exp.len().max(act.len())).find(|&i| exp.get(i) != act.get(i)).unwrap_or(0);
    let _ = writeln!(out, "{what} differs at line {}:", i + 1);
    let show = |line: Option<&&[u8]>| match line {
        Some(l) => format!("{:?}", String::from_utf8_lossy(l)),
        None => "(end of output)".to_string(),
    };
    if i > 0 {
        let _ = writeln!(out, "  previous: {}", show(exp.get(i - 1)));
    }
    let _ = writeln!(out, "  expected: {}", show(exp.get(i)));
    let _ = writeln!(out, "  actual:   {}", show(act.get(i)));
    let _ = write!(
        out,
        "  ({} lines / {} bytes expected, {} lines / {} bytes actual)",
        exp.len(),
        expected.len(),
        act.len(),
        actual.len()
    );
    Some(out)
}

/// Lines including their terminators, so a missing final newline is a difference
/// that shows (`"x"` vs `"x\n"`), as is `"\r\n"` vs `"\n"`.
fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// The first `max_lines` lines of some captured output, indented, for failure reports.
pub fn excerpt(bytes: &[u8], max_lines: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for line in lines.iter().take(max_lines) {
        let _ = writeln!(out, "    | {line}");
    }
    if lines.len() > max_lines {
        let _ = writeln!(out, "    | ... ({} more lines)", lines.len() - max_lines);
    }
    if lines.is_empty() {
        out.push_str("    | (empty)\n");
    }
    out
}

/// The standard end-of-suite line: `N passed, M failed` (plus skips if any).
pub fn summary_line(passed: usize, failed: usize, skipped: usize) -> String {
    if skipped > 0 {
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    } else {
        format!("{passed} passed, {failed} failed")
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn expected_format_round_trips() {
        let e = Expected::parse(b"hi\n\n--- exit status: 0\n").unwrap();
        assert_eq!(e, Expected { stdout: b"hi\n".to_vec(), status: 0 });
        let e = Expected::parse(b"partial\n--- exit status: 3\n").unwrap();
        assert_eq!(e, Expected { stdout: b"partial".to_vec(), status: 3 });
        let e = Expected::parse(b"\n--- exit status: 127\n").unwrap();
        assert_eq!(e, Expected { stdout: Vec::new(), status: 127 });
        let e = Expected::parse(b"--- exit status: 1\n\n--- exit status: 2\n").unwrap();
        assert_eq!(e, Expected { stdout: b"--- exit status: 1\n".to_vec(), status: 2 });
    }

    #[test]
    fn expected_format_rejects_garbage() {
        assert!(Expected::parse(b"hi\n").is_err());
        assert!(Expected::parse(b"hi\n--- exit status: x\n").is_err());
        assert!(Expected::parse(b"hi\n--- exit status: 0").is_err());
        assert!(Expected::parse(b"--- exit status: 0\n").is_err());
    }

    #[test]
    fn difference_names_first_line() {
        assert!(describe_difference("stdout", b"a\nb\n", b"a\nb\n").is_none());
        let d = describe_difference("stdout", b"a\nb\nc\n", b"a\nx\n").unwrap();
        assert!(d.starts_with("stdout differs at line 2:"), "{d}");
        assert!(d.contains("expected: \"b\\n\""), "{d}");
        assert!(d.contains("actual:   \"x\\n\""), "{d}");
        let d = describe_difference("stdout", b"a\r\n", b"a\n").unwrap();
        assert!(d.contains("line 1"), "{d}");
        let d = describe_difference("stdout", b"a\n", b"a\nmore\n").unwrap();
        assert!(d.contains("line 2") && d.contains("(end of output)"), "{d}");
    }

    #[test]
    fn timeout_kills() {
        let out =
            run_with_timeout(Command::new("sh").args(["-c", "echo started; sleep 30"]), Duration::from_millis(300))
                .unwrap();
        assert!(matches!(out.exit, Exit::TimedOut(_)), "{:?}", out.exit);
        assert_eq!(out.stdout, b"started\n");
        let out = run_with_timeout(Command::new("sh").args(["-c", "exit 7"]), Duration::from_secs(10)).unwrap();
        assert_eq!(out.exit, Exit::Code(7));
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<u32> = (0..50).collect();
        let out = parallel_map(&items, 3, |x| x * 2, |_, _| {});
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }
}

/// Builds the lunatic test guests (`tests/lunatic-guests/`, Rust programs
/// using the `lunatic` 0.14 crate) for `wasm32-wasip1`, into
/// `<target>/kiln-tests/lunatic-guests-target`; returns the directory
/// holding the `.wasm` files.
pub fn build_lunatic_guests() -> PathBuf {
    let _turn = one_suite_at_a_time();
    let target = out_dir("lunatic-guests-target");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--release", "--locked", "--target", "wasm32-wasip1"])
        .current_dir(tests_dir().join("lunatic-guests"))
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS");
    let outcome =
        run_with_timeout(&mut cmd, Duration::from_secs(900)).unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert_eq!(outcome.exit, Exit::Code(0), "building the lunatic guests failed:\n{}", excerpt(&outcome.stderr, 40));
    target.join("wasm32-wasip1").join("release")
}

/// What differs between two runs of the same crash report, replaced by
/// placeholders in both the expected and the actual output of a program
/// whose first line says `(MASKED)`: report time stamps, pids, the heap,
/// stack and reduction counts of `proc_lib` crash reports (the two VMs
/// allocate and count differently), and the names escript gives compiled
/// script modules (`NAME_erl__escript__1__2__3__4`).
pub fn mask_run_details(bytes: &[u8]) -> Vec<u8> {
    use std::sync::OnceLock;
    static RULES: OnceLock<Vec<(regex::bytes::Regex, &'static str)>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (r"REPORT==== \d+-\w+-\d+::\d+:\d+:\d+\.\d+ ===", "REPORT==== <TIME> ==="),
            (r"<\d+\.\d+\.\d+>", "<PID>"),
            (r"(heap_size|stack_size|reductions): \d+", "$1: <N>"),
            (r"([a-z][a-zA-Z0-9_]*)_erl__escript__\d+__\d+__\d+__\d+", "$1"),
        ]
        .into_iter()
        .map(|(re, with)| (regex::bytes::Regex::new(re).expect("a valid mask"), with))
        .collect()
    });
    let mut out = bytes.to_vec();
    for (re, with) in rules {
        out = re.replace_all(&out, with.as_bytes()).into_owned();
    }
    out
}

#[cfg(test)]
mod mask_tests {
    #[test]
    fn masks_what_varies() {
        let text = b"=ERROR REPORT==== 7-Dec-2026::22:14:20.224134 ===\npid: <0.80.0>\n    heap_size: 4185\n gs2_erl__escript__1796__681660__437810__2:init/1";
        let masked = String::from_utf8(super::mask_run_details(text)).unwrap();
        assert_eq!(masked, "=ERROR REPORT==== <TIME> ===\npid: <PID>\n    heap_size: <N>\n gs2:init/1");
    }
}

//! Shared helpers for the test guests in `src/bin/`.
//!
//! Every guest prints deterministic lines to stdout: no process ids, addresses,
//! ports or timings. See README.md.

use std::time::Duration;

/// argv[n] (argv[0] is the module's file name under lunatic), or `default`.
pub fn arg(n: usize, default: &str) -> String {
    std::env::args()
        .nth(n)
        .unwrap_or_else(|| default.to_string())
}

/// argv[1] parsed as a count, or `default`.
pub fn count_arg(default: u64) -> u64 {
    std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The scratch directory the runner created for this run: `$KILN_GUEST_TMP`
/// (absolute, and preopened for the main process by the runner).
pub fn tmp_dir() -> String {
    std::env::var("KILN_GUEST_TMP").expect("KILN_GUEST_TMP is not set (the runner passes it)")
}

/// `ProcessConfig::preopen_dir` only exists for Rust < 1.67 in lunatic 0.14
/// (`#[rustversion::before(1.67)]`), so guests built with a current toolchain
/// call the host function `lunatic::wasi::config_preopen_dir` directly, exactly
/// as the crate would.
pub fn preopen_dir(config: &lunatic::ProcessConfig, dir: &str) {
    unsafe {
        lunatic::host::api::wasi::config_preopen_dir(config.id() as u64, dir.as_ptr(), dir.len())
    }
}

/// A short pause used only where a guest must give the host time to *not* do
/// something (e.g. to show that no notification arrives).
pub const QUIET: Duration = Duration::from_millis(300);

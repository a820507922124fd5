//! Erlang processes and lunatic guests in one program: `kiln:spawn_wasm`
//! (tests/wasm_host/spawn_wasm.erl spawning the guest
//! tests/lunatic-guests/src/bin/erlang_peer.rs), messages both ways, links
//! and monitors in both directions, a trap, a kill, load errors.
//!
//! There is no OTP counterpart, so `spawn_wasm.expected` is kiln's
//! specification (see docs/wasm-host.md), not generated output.

use kiln_tests::{
    build_lunatic_guests, build_timeout, describe_difference, excerpt, kiln_binary, out_dir, run_with_timeout,
    selected, tests_dir, Exit,
};
use std::process::Command;
use std::time::Duration;

#[test]
fn erlang_spawns_and_talks_to_lunatic_guests() {
    if !selected("spawn_wasm") {
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let guests = build_lunatic_guests();
    let dir = tests_dir().join("wasm_host");
    let program = out_dir("wasm_host").join("spawn_wasm");
    let _ = std::fs::remove_file(&program);
    let mut build = Command::new(&kiln);
    build.arg("build").arg("spawn_wasm.erl").arg("-o").arg(&program).current_dir(&dir);
    let built = run_with_timeout(&mut build, build_timeout()).unwrap_or_else(|e| panic!("cannot run kiln: {e}"));
    assert_eq!(built.exit, Exit::Code(0), "kiln build spawn_wasm.erl failed:\n{}", excerpt(&built.stderr, 30));

    let mut run = Command::new(&program);
    run.arg(guests.join("erlang_peer.wasm"));
    let outcome = run_with_timeout(&mut run, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{e}"));
    let expected = std::fs::read(dir.join("spawn_wasm.expected")).expect("spawn_wasm.expected");
    assert_eq!(outcome.exit, Exit::Code(0), "spawn_wasm exited badly:\n{}", excerpt(&outcome.stderr, 30));
    if let Some(d) = describe_difference("stdout", &expected, &outcome.stdout) {
        panic!("{d}\nstderr:\n{}", excerpt(&outcome.stderr, 30));
    }
}

#[test]
fn spawn_wasm_is_refused_for_wasm32_with_a_clear_error() {
    if !selected("spawn_wasm") {
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let out = out_dir("wasm_host").join("spawn_wasm.wasm");
    let mut build = Command::new(&kiln);
    build
        .args(["build", "--target", "wasm32-wasip1", "spawn_wasm.erl", "-o"])
        .arg(&out)
        .current_dir(tests_dir().join("wasm_host"));
    let built = run_with_timeout(&mut build, build_timeout()).unwrap_or_else(|e| panic!("cannot run kiln: {e}"));
    assert_ne!(built.exit, Exit::Code(0));
    let err = String::from_utf8_lossy(&built.stderr);
    assert!(err.contains("kiln:spawn_wasm needs kiln's Wasm host"), "{err}");
}

/// `kiln run`'s limit flags reach the first process of a lunatic guest: each
/// run fails with a message naming the limit.
#[test]
fn kiln_run_limits_the_first_guest_process() {
    if !selected("kiln_run_limits") {
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let guests = build_lunatic_guests();
    for (flags, guest, message) in [
        (&["--deny-net"][..], "tcp_echo", "network access is denied to this process"),
        (&["--max-fuel", "5"][..], "many_procs", "all fuel consumed"),
        (&["--max-memory", "1000000"][..], "spawn_capture", "memory limit exceeded"),
        // A spawn beyond the limit is an error for the spawner (this guest
        // unwraps it and panics, printing the reason).
        (&["--max-processes", "50"][..], "bench_idle", "the limit of 50 guest processes alive at once"),
    ] {
        let mut cmd = Command::new(&kiln);
        // bench_idle: 200 processes that wait for ever (the others ignore it).
        cmd.arg("run").args(flags).arg(guests.join(format!("{guest}.wasm"))).arg("200");
        let outcome = run_with_timeout(&mut cmd, Duration::from_secs(60)).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(outcome.exit, Exit::Code(c) if c != 0), "{flags:?} {guest}: {}", outcome.exit);
        let err = String::from_utf8_lossy(&outcome.stderr);
        assert!(err.contains(message), "{flags:?} {guest}: stderr lacks {message:?}:\n{err}");
    }
}

/// `runner = "kiln run"`: `cargo run` and `cargo test` of a lunatic project
/// (tests/lunatic-guests) run on kiln; a failing `#[lunatic::test]` fails
/// `cargo test`, reported in libtest's format.
#[test]
fn cargo_run_and_cargo_test_of_a_lunatic_project() {
    if !selected("cargo_runner") {
        return;
    }
    let kiln = kiln_binary().unwrap_or_else(|e| panic!("{e}"));
    let guests_dir = tests_dir().join("lunatic-guests");
    // Shares the target directory of `build_lunatic_guests`.
    let _ = build_lunatic_guests();
    let cargo = |args: &[&str]| {
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.args(["--quiet"])
            .args(args)
            .current_dir(&guests_dir)
            .env("CARGO_TARGET_DIR", out_dir("lunatic-guests-target"))
            .env("CARGO_TARGET_WASM32_WASIP1_RUNNER", format!("{} run", kiln.display()))
            .env("KILN_GUEST_GREETING", "hello-runner")
            .env_remove("RUSTFLAGS");
        run_with_timeout(&mut cmd, Duration::from_secs(600)).unwrap_or_else(|e| panic!("cannot run cargo: {e}"))
    };
    let common = ["--release", "--locked", "--target", "wasm32-wasip1"];

    let run = cargo(&[&["run"][..], &common, &["--bin", "env_args", "--", "alpha", "beta", "gamma=1"]].concat());
    assert_eq!(run.exit, Exit::Code(0), "cargo run:\n{}", excerpt(&run.stderr, 30));
    let expected = std::fs::read(guests_dir.join("expected/env_args.stdout")).unwrap();
    if let Some(d) = describe_difference("cargo run stdout", &expected, &run.stdout) {
        panic!("{d}");
    }

    let test =
        cargo(&[&["test"][..], &common, &["--test", "lunatic_tests", "--", "--skip", "fails_on_purpose"]].concat());
    let out = String::from_utf8_lossy(&test.stdout);
    assert_eq!(test.exit, Exit::Code(0), "cargo test:\n{out}\n{}", excerpt(&test.stderr, 30));
    assert!(out.contains("test lunatic_tests::panics_as_expected - should panic ... ok"), "{out}");
    assert!(out.contains("test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 1 filtered out"), "{out}");
    assert!(!out.contains("captured unless --nocapture"), "{out}");

    let failing = cargo(&[&["test"][..], &common, &["--test", "lunatic_tests", "--", "fails_on_purpose"]].concat());
    let out = String::from_utf8_lossy(&failing.stdout);
    assert_eq!(failing.exit, Exit::Code(101), "{out}");
    assert!(out.contains("test lunatic_tests::fails_on_purpose ... FAILED"), "{out}");
    assert!(out.contains("one is not two"), "the failure shows the captured output:\n{out}");
}

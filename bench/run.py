#!/usr/bin/env python3
"""Runs every bench/NAME.erl under kiln and under erl (BEAM JIT), side by side.

For each program: build it with kiln (release binary) into target/kiln-bench/, compile
it with erlc into a temporary directory, run both versions RUNS times (best wall time
wins), check that both print the same output, and print a table:

    program        kiln s     erl s   kiln/erl

erl times include the VM's start-up (shown separately on the last line). There are
no timing assertions; the exit status is non-zero only if something failed to build
or run, or kiln's output differs from erl's.

Usage: python3 bench/run.py [--runs N] [--timeout S] [NAME ...]
Environment: KILN (kiln binary), CARGO_TARGET_DIR.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def target_dir() -> Path:
    d = os.environ.get("CARGO_TARGET_DIR")
    if not d:
        return ROOT / "target"
    p = Path(d)
    return p if p.is_absolute() else ROOT / p


def kiln_binary() -> Path:
    env = os.environ.get("KILN")
    return Path(env) if env else target_dir() / "release" / "kiln"


# A failing erl must not leave erl_crash.dump files behind.
ENV = dict(os.environ, ERL_CRASH_DUMP_SECONDS="0")


def timed(cmd, timeout):
    """Runs cmd; returns (seconds, stdout bytes) or raises RuntimeError."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, env=ENV
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"timed out after {timeout} s: {' '.join(map(str, cmd))}")
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[:10]
        raise RuntimeError(
            f"exit status {proc.returncode}: {' '.join(map(str, cmd))}\n    " + "\n    ".join(err)
        )
    return elapsed, proc.stdout


def best_of(cmd, runs, timeout):
    best, out = None, None
    for _ in range(runs):
        t, o = timed(cmd, timeout)
        if out is not None and o != out:
            raise RuntimeError(f"output changed between runs: {' '.join(map(str, cmd))}")
        out = o
        best = t if best is None else min(best, t)
    return best, out


def erl_command(name, beam_dir):
    return ["erl", "-noshell", "-pa", str(beam_dir), "-eval", f"{name}:main([]), halt()."]


def fmt_time(t):
    return f"{t:.3f}" if t is not None else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all bench/*.erl)")
    ap.add_argument("--runs", type=int, default=3, help="runs per program; the best counts (default 3)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per run (default 300)")
    args = ap.parse_args()

    names = args.names or sorted(p.stem for p in BENCH.glob("*.erl"))
    for n in names:
        if not (BENCH / f"{n}.erl").is_file():
            sys.exit(f"bench: no such benchmark: bench/{n}.erl")
    for tool in ("erl", "erlc"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} not found (run 'make setup')")

    kiln = kiln_binary()
    kiln_ok = kiln.is_file()
    problems = []
    if not kiln_ok:
        problems.append(f"kiln binary {kiln} is missing (run 'make build'); showing erl only")
    out_dir = target_dir() / "kiln-bench"
    out_dir.mkdir(parents=True, exist_ok=True)

    rows = []
    with tempfile.TemporaryDirectory(prefix="kiln-bench-") as beam_dir:
        startup, _ = best_of(["erl", "-noshell", "-eval", "halt()."], args.runs, args.timeout)
        for name in names:
            src = BENCH / f"{name}.erl"
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            erl_t = kiln_t = None
            erl_out = kiln_out = None
            try:
                subprocess.run(["erlc", "-o", beam_dir, str(src)], check=True, stdin=subprocess.DEVNULL)
                erl_t, erl_out = best_of(erl_command(name, beam_dir), args.runs, args.timeout)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                problems.append(f"{name}: erl: {e}")
            if kiln_ok:
                exe = out_dir / name
                try:
                    if exe.exists():
                        exe.unlink()
                    timed([str(kiln), "build", str(src), "-o", str(exe)], args.timeout)
                    kiln_t, kiln_out = best_of([str(exe)], args.runs, args.timeout)
                except RuntimeError as e:
                    problems.append(f"{name}: kiln: {e}")
            if erl_out is not None and kiln_out is not None and erl_out != kiln_out:
                problems.append(
                    f"{name}: output differs: kiln printed {kiln_out[:200]!r}, erl printed {erl_out[:200]!r}"
                )
                kiln_t = None
            rows.append((name, kiln_t, erl_t))

    print()
    print(f"{'program':<16} {'kiln s':>9} {'erl s':>9} {'kiln/erl':>9}")
    for name, k, e in rows:
        ratio = f"{k / e:.2f}" if k is not None and e else "-"
        print(f"{name:<16} {fmt_time(k):>9} {fmt_time(e):>9} {ratio:>9}")
    print(f"\nbest of {args.runs} wall-clock runs; erl times include VM start-up ({startup:.3f} s)")
    if problems:
        print(file=sys.stderr)
        for p in problems:
            print(f"bench: {p}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

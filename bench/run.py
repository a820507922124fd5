#!/usr/bin/env python3
"""Runs every bench/NAME.erl under kiln and under erl (BEAM JIT), side by side.

For each program: build it with kiln (release binary) into target/kiln-bench/, compile
it with erlc into a temporary directory, run both versions RUNS times (best wall time
wins), check that both print the same output, and print a table:

    program        kiln s     erl s   kiln/erl

erl times include the VM's start-up (shown separately on the last line). There are
no timing assertions; the exit status is non-zero only if something failed to build
or run, or kiln's output differs from erl's. A program that fails under one of them
is reported on its own line (status column and the notes at the end); the others
still run.

Concurrency benchmarks get more:

* memory (`spawn_many`): one extra run of each version under `/usr/bin/time -f %M`
  with 1,000,000 processes and one with 0 (the program takes the count as its first
  argument); the table shows both peaks and (peak - baseline) / 1,000,000 as bytes
  per process;
* scaling (`parallel`, `ring`): kiln with `KILN_SCHEDULERS=N` and erl with `+S N`
  for N = 1, 2, 4, ... up to every core (and every core itself); best of RUNS each;
  shows both times, each side's speed-up over its own N = 1, and kiln's throughput
  relative to erl's at the same N (erl time / kiln time: above 1 means kiln is faster).

Usage: python3 bench/run.py [--runs N] [--timeout S] [--schedulers 1,2,4]
                            [--no-scaling] [--no-memory] [NAME ...]
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

# Extra erl emulator flags per benchmark (erl's default process limit is 262,144).
ERL_FLAGS = {"spawn_many": ["+P", "2000000"]}

# Benchmarks whose peak RSS per process is reported: name -> (processes in a normal
# run, arguments of the baseline run that spawns none).
MEMORY = {"spawn_many": (1_000_000, ["0"])}

# Benchmarks run again with 1, 2, 4, ... schedulers.
SCALING = ["parallel", "ring"]

TIME = "/usr/bin/time"


def timed(cmd, timeout, env=None):
    """Runs cmd; returns (seconds, stdout bytes) or raises RuntimeError."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
            env=env if env is not None else ENV
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


def best_of(cmd, runs, timeout, env=None):
    best, out = None, None
    for _ in range(runs):
        t, o = timed(cmd, timeout, env)
        if out is not None and o != out:
            raise RuntimeError(f"output changed between runs: {' '.join(map(str, cmd))}")
        out = o
        best = t if best is None else min(best, t)
    return best, out


def erl_command(name, beam_dir, args=(), flags=()):
    arg_list = ", ".join('"' + a + '"' for a in args)
    return (["erl"] + list(ERL_FLAGS.get(name, [])) + list(flags)
            + ["-noshell", "-pa", str(beam_dir), "-eval", f"{name}:main([{arg_list}]), halt()."])


def fmt_time(t):
    return f"{t:.3f}" if t is not None else "-"


def peak_rss_kb(cmd, timeout, env=None):
    """Runs cmd once under /usr/bin/time -f %M; returns its peak RSS in KiB."""
    with tempfile.NamedTemporaryFile(prefix="kiln-bench-rss-", mode="r") as f:
        timed([TIME, "-f", "%M", "-o", f.name] + [str(c) for c in cmd], timeout, env)
        text = f.read().strip().splitlines()
    try:
        return int(text[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"cannot read the peak RSS of {' '.join(map(str, cmd))}: {text!r}")


def scheduler_counts(spec):
    """1, 2, 4, ... up to the number of cores, and that number itself (or --schedulers)."""
    if spec:
        return [int(x) for x in spec.split(",") if x.strip()]
    cores = os.cpu_count() or 1
    counts, n = [], 1
    while n < cores:
        counts.append(n)
        n *= 2
    counts.append(cores)
    return counts


def memory_rows(name, exe, beam_dir, timeout, problems):
    """[(who, peak KiB, baseline KiB)] for kiln (if built) and erl."""
    count, base_args = MEMORY[name]
    rows = []
    runs = [("erl", erl_command(name, beam_dir), erl_command(name, beam_dir, base_args))]
    if exe is not None:
        runs.insert(0, ("kiln", [exe], [exe] + base_args))
    for who, full, base in runs:
        try:
            rows.append((who, peak_rss_kb(full, timeout), peak_rss_kb(base, timeout)))
        except RuntimeError as e:
            problems.append(f"{name}: {who}: memory: {e}")
    return count, rows


def scaling_rows(name, exe, beam_dir, counts, runs, timeout, problems):
    """[(N, kiln s or None, erl s or None)] with N schedulers on each side."""
    rows = []
    for n in counts:
        kiln_t = erl_t = None
        try:
            erl_t, _ = best_of(erl_command(name, beam_dir, flags=["+S", str(n)]), runs, timeout)
        except RuntimeError as e:
            problems.append(f"{name}: erl +S {n}: {e}")
        if exe is not None:
            try:
                env = dict(ENV, KILN_SCHEDULERS=str(n))
                kiln_t, _ = best_of([str(exe)], runs, timeout, env)
            except RuntimeError as e:
                problems.append(f"{name}: kiln KILN_SCHEDULERS={n}: {e}")
        rows.append((n, kiln_t, erl_t))
    return rows


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all bench/*.erl)")
    ap.add_argument("--runs", type=int, default=3, help="runs per program; the best counts (default 3)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per run (default 300)")
    ap.add_argument("--schedulers", default="",
                    help="comma-separated scheduler counts for the scaling table "
                         "(default 1, 2, 4, ... and every core)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling table")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-RSS measurement")
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
    memory = []   # (name, count, [(who, peak KiB, baseline KiB)])
    scaling = []  # (name, [(N, kiln s, erl s)])
    counts = scheduler_counts(args.schedulers)
    if not args.no_memory and shutil.which(TIME) is None and any(n in MEMORY for n in names):
        problems.append(f"{TIME} not found: no memory figures")
        args.no_memory = True
    with tempfile.TemporaryDirectory(prefix="kiln-bench-") as beam_dir:
        startup, _ = best_of(["erl", "-noshell", "-eval", "halt()."], args.runs, args.timeout)
        for name in names:
            src = BENCH / f"{name}.erl"
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            erl_t = kiln_t = None
            erl_out = kiln_out = None
            erl_built = False
            status = []
            try:
                subprocess.run(["erlc", "-o", beam_dir, str(src)], check=True, stdin=subprocess.DEVNULL)
                erl_built = True
                erl_t, erl_out = best_of(erl_command(name, beam_dir), args.runs, args.timeout)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                problems.append(f"{name}: erl: {e}")
                status.append("erl failed")
            exe = None
            if kiln_ok:
                exe = out_dir / name
                try:
                    if exe.exists():
                        exe.unlink()
                    timed([str(kiln), "build", str(src), "-o", str(exe)], args.timeout)
                except RuntimeError as e:
                    problems.append(f"{name}: kiln build: {e}")
                    status.append("kiln build failed")
                    exe = None
                if exe is not None:
                    try:
                        kiln_t, kiln_out = best_of([str(exe)], args.runs, args.timeout)
                    except RuntimeError as e:
                        problems.append(f"{name}: kiln: {e}")
                        status.append("kiln failed")
            if erl_out is not None and kiln_out is not None and erl_out != kiln_out:
                problems.append(
                    f"{name}: output differs: kiln printed {kiln_out[:200]!r}, erl printed {erl_out[:200]!r}"
                )
                status.append("output differs")
                kiln_t = None
            rows.append((name, kiln_t, erl_t, ", ".join(status) or "ok"))
            # The extra measurements use a kiln build only when its output was right.
            good_exe = exe if kiln_t is not None else None
            if name in MEMORY and not args.no_memory and erl_built:
                print(f"bench: {name}: peak RSS ...", file=sys.stderr, flush=True)
                count, mem = memory_rows(name, good_exe, beam_dir, args.timeout, problems)
                memory.append((name, count, mem))
            if name in SCALING and not args.no_scaling and erl_built:
                print(f"bench: {name}: scaling over {counts} schedulers ...", file=sys.stderr, flush=True)
                scaling.append((name, scaling_rows(name, good_exe, beam_dir, counts, args.runs,
                                                   args.timeout, problems)))

    print()
    print(f"{'program':<16} {'kiln s':>9} {'erl s':>9} {'kiln/erl':>9}  status")
    for name, k, e, st in rows:
        print(f"{name:<16} {fmt_time(k):>9} {fmt_time(e):>9} {ratio(k, e):>9}  {st}")
    print(f"\nbest of {args.runs} wall-clock runs; erl times include VM start-up ({startup:.3f} s)")
    for name, count, mem in memory:
        print(f"\n{name}: peak RSS (/usr/bin/time %M), {count:,} processes vs a run with none")
        print(f"{'':<6} {'peak MiB':>10} {'base MiB':>10} {'bytes/process':>14}")
        for who, peak, base in mem:
            per = (peak - base) * 1024 / count
            print(f"{who:<6} {peak / 1024:>10.1f} {base / 1024:>10.1f} {per:>14.0f}")
        by = dict((w, (p - b)) for w, p, b in mem)
        if "kiln" in by and by.get("erl"):
            print(f"kiln/erl memory per process: {by['kiln'] / by['erl']:.2f}")
    for name, srows in scaling:
        print(f"\n{name}: scaling (kiln KILN_SCHEDULERS=N, erl +S N; best of {args.runs})")
        print(f"{'N':>4} {'kiln s':>9} {'kiln x':>7} {'erl s':>9} {'erl x':>7} {'kiln/erl thr':>13}")
        k1 = srows[0][1] if srows else None
        e1 = srows[0][2] if srows else None
        for n, k, e in srows:
            print(f"{n:>4} {fmt_time(k):>9} {ratio(k1, k):>7} {fmt_time(e):>9} {ratio(e1, e):>7} {ratio(e, k):>13}")
        print("x: speed-up over the same side's first row; "
              "kiln/erl thr: erl time / kiln time (throughput ratio, above 1 = kiln faster)")
    if problems:
        print(file=sys.stderr)
        for p in problems:
            print(f"bench: {p}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

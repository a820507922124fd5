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

Wasm host (the name `lunatic`): kiln's lunatic-compatible process host (`kiln run
guest.wasm`) against the real lunatic runtime 0.13.2 (`lunatic run guest.wasm`), side by
side, on the unmodified guests tests/lunatic-guests/src/bin/bench_*.rs (built here with
cargo, for wasm32-wasip1; quick when up to date). If lunatic is not installed, only
kiln's numbers are shown (tests/lunatic-guests/README.md says how to install it).

* spawn + reply and ping-pong: timed inside the guest with std::time::Instant (WASI
  clock_time_get), so the runtime's start-up and module compilation are excluded; the
  guests write `kiln-bench: KEY MICROSECONDS` lines to stderr (stdout stays the
  deterministic text the test suite compares). bench_spawn: spawn N processes that each
  reply once, then collect the N replies ("batch"), and N times spawn one and wait for
  its reply ("one at a time"); bench_pingpong: N round trips between two processes.
  Both after an untimed warm-up; best of RUNS runs.
* idle memory: bench_idle spawns N processes parked in `receive`, prints "spawned N"
  and sleeps; the harness then reads VmRSS from /proc/PID/status of the runtime and
  kills it. Per process = (VmRSS with N - VmRSS of the same guest with 0) / N.
* concurrency: bench_idle with N = 1,000, 5,000, 10,000, 15,000, 20,000, 50,000, 100,000
  (at most 30 s each); the first failure (error, crash, or no "spawned N" in time: a
  child that fails to start leaves the main process waiting forever) ends the search for
  that runtime, and N is then bisected between the last success and the failure (to
  within 10 %). A failure there is a finding, not an error of the benchmark. The detail
  table also shows the memory mappings each process adds (/proc/PID/maps), since
  vm.max_map_count bounds the number of processes.

The summary shows kiln's advantage as a factor, above 1 = kiln better: lunatic time /
kiln time, lunatic memory / kiln memory, kiln's largest N / lunatic's.

Usage: python3 bench/run.py [--runs N] [--timeout S] [--schedulers 1,2,4]
                            [--no-scaling] [--no-memory] [NAME ...]
NAME: a bench/NAME.erl program, or `lunatic` for the Wasm host section (default: all).
Environment: KILN (kiln binary), LUNATIC (lunatic binary; default: PATH, then
~/.cargo/bin/lunatic), CARGO (cargo), CARGO_TARGET_DIR.
"""

import argparse
import os
import re
import selectors
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


# ---------------------------------------------------------------------------------------
# Wasm host: kiln run vs lunatic run on the same unmodified lunatic 0.14 guests.

WASM_SECTION = "lunatic"
GUESTS = ROOT / "tests" / "lunatic-guests"
GUEST_BINS = ["bench_spawn", "bench_pingpong", "bench_idle"]
WASM_SPAWN_N = 2_000        # processes per bench_spawn phase
WASM_PINGPONG_N = 20_000    # round trips per bench_pingpong run
WASM_MEM_N = 5_000          # idle processes for the memory figure (one of the steps below)
WASM_STEPS = [1_000, 5_000, 10_000, 15_000, 20_000, 50_000, 100_000]
WASM_TRY_S = 30             # seconds allowed per concurrency try (a hang = a failure)
WASM_SETTLE_S = 0.3         # pause between "spawned N" and reading /proc/PID/status
WASM_BISECT = 250           # bisect a failure down to this many processes (or 10 %)
LUNATIC_VERSION = "0.13.2"
METRIC = re.compile(rb"^kiln-bench: (\w+) ([0-9.]+)\s*$", re.M)


def cargo_binary():
    for c in (os.environ.get("CARGO"), shutil.which("cargo"), Path.home() / ".cargo" / "bin" / "cargo"):
        if c and Path(c).is_file():
            return str(c)
    return None


def lunatic_binary():
    """(path, version text) of the lunatic runtime, or (None, None) when absent."""
    for c in (os.environ.get("LUNATIC"), shutil.which("lunatic"), Path.home() / ".cargo" / "bin" / "lunatic"):
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            try:
                v = subprocess.run([str(c), "--version"], capture_output=True, timeout=30,
                                   stdin=subprocess.DEVNULL).stdout.decode(errors="replace").strip()
            except (OSError, subprocess.TimeoutExpired):
                v = ""
            return str(c), (v.split()[-1] if v else "unknown version")
    return None, None


def build_guests(timeout):
    """Builds the bench guests (cargo, release, wasm32-wasip1); returns the .wasm directory."""
    cargo = cargo_binary()
    if cargo is None:
        raise RuntimeError("cargo not found: cannot build tests/lunatic-guests")
    target = GUESTS / "target"
    env = dict(ENV, CARGO_TARGET_DIR=str(target))
    env.pop("RUSTFLAGS", None)
    cmd = [cargo, "build", "--release", "--locked", "--target", "wasm32-wasip1"]
    for b in GUEST_BINS:
        cmd += ["--bin", b]
    try:
        proc = subprocess.run(cmd, cwd=GUESTS, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"building the guests timed out after {timeout} s")
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-15:]
        raise RuntimeError("building the guests failed:\n    " + "\n    ".join(err))
    return target / "wasm32-wasip1" / "release"


def guest_timings(cmd, expect, runs, timeout):
    """Runs a timing guest RUNS times; checks its stdout; returns {metric: best µs}."""
    best = {}
    for _ in range(runs):
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout, env=ENV)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"timed out after {timeout} s: {' '.join(cmd)}")
        out = proc.stdout.decode(errors="replace")
        if proc.returncode != 0 or out.strip() != expect:
            err = proc.stderr.decode(errors="replace").strip().splitlines()[-8:]
            raise RuntimeError(
                f"exit status {proc.returncode}, stdout {out[:200]!r} (expected {expect!r}): "
                f"{' '.join(cmd)}\n    " + "\n    ".join(err))
        found = {k.decode(): float(v) for k, v in METRIC.findall(proc.stderr)}
        if not found:
            raise RuntimeError(f"no 'kiln-bench:' timings on stderr: {' '.join(cmd)}")
        for k, v in found.items():
            best[k] = min(best.get(k, v), v)
    return best


def proc_status_kib(pid):
    """{'VmRSS': KiB, 'VmHWM': KiB, 'maps': memory mappings} of a running process
    (keys missing when unreadable)."""
    got = {}
    try:
        with open(f"/proc/{pid}/maps", "rb") as f:
            got["maps"] = sum(1 for _ in f)
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    got[key] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return got


def max_map_count():
    try:
        return Path("/proc/sys/vm/max_map_count").read_text().strip()
    except OSError:
        return "unknown"


def failure_reason(stderr_text, fallback):
    """The most telling line of a failed run's stderr."""
    lines = [l.strip() for l in stderr_text.splitlines() if l.strip()]
    for pat in ("Cannot allocate", "Err` value", "panicked", "error", "Error", "failed", "trapped"):
        for l in lines:
            if pat in l:
                return l[:160]
    return lines[-1][:160] if lines else fallback


def idle_run(runtime_cmd, wasm, n, timeout):
    """bench_idle with N processes: waits for "spawned N", reads the runtime's memory, kills it.

    Returns {'ok': bool, 'rss': KiB, 'hwm': KiB, 'maps': count, 'spawn_us': µs, 'reason': str}."""
    cmd = runtime_cmd + [str(wasm), str(n), str((timeout + 30) * 1000)]
    want = f"spawned {n}".encode()
    res = {"ok": False, "rss": None, "hwm": None, "maps": None, "spawn_us": None, "reason": ""}
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=err, env=ENV)
        buf, seen, fd = b"", False, proc.stdout.fileno()
        try:
            with selectors.DefaultSelector() as sel:
                sel.register(fd, selectors.EVENT_READ)
                while not seen:
                    left = start + timeout - time.monotonic()
                    if left <= 0:
                        res["reason"] = f"no 'spawned {n}' within {timeout} s"
                        break
                    if not sel.select(left):
                        continue
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        break
                    buf += chunk
                    seen = want in buf.splitlines()
            if seen:
                time.sleep(WASM_SETTLE_S)
                st = proc_status_kib(proc.pid)
                if proc.poll() is None and "VmRSS" in st:
                    res.update(ok=True, rss=st["VmRSS"], hwm=st.get("VmHWM"), maps=st.get("maps"))
                else:
                    res["reason"] = "ended before its memory could be read"
        finally:
            if proc.poll() is None:
                proc.kill()
            status = proc.wait()
            proc.stdout.close()
        err.seek(0)
        text = err.read()
    m = dict((k.decode(), float(v)) for k, v in METRIC.findall(text))
    res["spawn_us"] = m.get("idle_spawn_us")
    if not res["ok"] and not res["reason"]:
        res["reason"] = failure_reason(text.decode(errors="replace"), f"exit status {status}")
        if status not in (0, -9):
            res["reason"] = f"exit {status}: {res['reason']}"
    return res


def concurrency_search(runtime_cmd, wasm, label):
    """Runs bench_idle at 0 and at each step (then bisects the first failure).

    Returns (runs {N: result}, largest N that worked (0 if none), first N that failed or None)."""
    runs = {}
    for n in [0] + WASM_STEPS:
        print(f"bench: lunatic: {label}: {n:,} idle processes ...", file=sys.stderr, flush=True)
        runs[n] = idle_run(runtime_cmd, wasm, n, WASM_TRY_S)
        if not runs[n]["ok"]:
            break
    ok = [n for n, r in runs.items() if r["ok"] and n > 0]
    failed = [n for n, r in runs.items() if not r["ok"]]
    lo, hi = (max(ok) if ok else 0), (min(failed) if failed else None)
    while hi is not None and hi > 0 and hi - lo > max(WASM_BISECT, lo // 10):
        mid = (lo + hi) // 2 // 50 * 50 or (lo + hi) // 2
        if mid in (lo, hi):
            break
        print(f"bench: lunatic: {label}: {mid:,} idle processes (bisecting) ...", file=sys.stderr, flush=True)
        r = idle_run(runtime_cmd, wasm, mid, WASM_TRY_S)
        runs[mid] = r
        if r["ok"]:
            lo = mid
        else:
            hi = mid
    return runs, lo, hi


def wasm_section(kiln, kiln_ok, runs, timeout, problems):
    """Measures kiln run and lunatic run side by side; returns the lines to print."""
    out = []
    lunatic, lversion = lunatic_binary()
    runtimes = []
    if kiln_ok:
        runtimes.append(("kiln", [str(kiln), "run"]))
    else:
        problems.append(f"{WASM_SECTION}: kiln binary {kiln} is missing (run 'make build')")
    if lunatic:
        runtimes.append(("lunatic", [lunatic, "run"]))
    if not runtimes:
        return ["", "Wasm host: neither kiln nor lunatic is available; nothing measured"]
    print("bench: lunatic: building tests/lunatic-guests bench_* ...", file=sys.stderr, flush=True)
    try:
        wasm_dir = build_guests(max(timeout, 900))
    except RuntimeError as e:
        problems.append(f"{WASM_SECTION}: {e}")
        return ["", "Wasm host: the guests did not build; nothing measured"]

    timing = {}   # who -> {metric: µs}
    search = {}   # who -> (runs, largest ok, first failure)
    for who, cmd in runtimes:
        t = {}
        print(f"bench: lunatic: {who}: spawn + reply, ping-pong ...", file=sys.stderr, flush=True)
        n = WASM_SPAWN_N
        try:
            t.update(guest_timings(cmd + [str(wasm_dir / "bench_spawn.wasm"), str(n)],
                                   f"spawned {n}, total {n * (n - 1) // 2}", runs, timeout))
        except RuntimeError as e:
            problems.append(f"{WASM_SECTION}: {who}: bench_spawn: {e}")
        n = WASM_PINGPONG_N
        try:
            t.update(guest_timings(cmd + [str(wasm_dir / "bench_pingpong.wasm"), str(n)],
                                   f"round trips {n}, last value {n}", runs, timeout))
        except RuntimeError as e:
            problems.append(f"{WASM_SECTION}: {who}: bench_pingpong: {e}")
        timing[who] = t
        search[who] = concurrency_search(cmd, wasm_dir / "bench_idle.wasm", who)

    def mem_per_proc(who, n):
        r = search[who][0]
        if n in r and r[n]["ok"] and r.get(0, {}).get("ok"):
            return (r[n]["rss"] - r[0]["rss"]) / n   # KiB
        return None

    whos = [w for w, _ in runtimes]
    both = "kiln" in whos and "lunatic" in whos
    head = f"lunatic {lversion}" if lunatic else "lunatic (not installed)"
    out.append("")
    out.append(f"Wasm host: kiln run vs {head}, unmodified lunatic 0.14 guests "
               f"(tests/lunatic-guests bench_*)")
    if lunatic and lversion != LUNATIC_VERSION:
        out.append(f"note: the lunatic found ({lunatic}) is {lversion}, not {LUNATIC_VERSION}")

    def num(v, digits=1):
        return "-" if v is None else f"{v:,.{digits}f}"

    def procs(who):
        if who not in search:
            return "-"
        _, lo, hi = search[who]
        if hi is None:
            return f"{lo:,}+"   # the search stopped at its cap
        return f"{lo:,}" if lo else f"<{hi:,}"

    rows = [
        # label, kiln value, lunatic value, advantage, goal text, goal met
        ("spawn + reply, batch of %s (µs/proc)" % f"{WASM_SPAWN_N:,}", "spawn_reply_batch_us", "time", ">=10x"),
        ("spawn + reply, one at a time (µs)", "spawn_reply_seq_us", "time", ">=10x"),
        ("ping-pong round trip (µs)", "roundtrip_us", "time", ">=10x"),
    ]
    table = []
    for label, key, kind, goal in rows:
        k = timing.get("kiln", {}).get(key)
        l = timing.get("lunatic", {}).get(key)
        adv = l / k if (k and l) else None
        met = "-" if adv is None else ("yes" if adv >= 10 else "no")
        table.append((label, num(k, 2), num(l, 2), "-" if adv is None else f"{adv:.2f}x", goal, met))
    km = mem_per_proc("kiln", WASM_MEM_N) if "kiln" in search else None
    lm = mem_per_proc("lunatic", WASM_MEM_N) if "lunatic" in search else None
    adv = lm / km if (km and lm) else None
    table.append((f"RSS per idle process, {WASM_MEM_N:,} (KiB)", num(km), num(lm),
                  "-" if adv is None else f"{adv:.2f}x", "<30 KB",
                  "-" if km is None else ("yes" if km * 1024 < 30_000 else "no")))
    kmax = search["kiln"][1] if "kiln" in search else None
    lmax = search["lunatic"][1] if "lunatic" in search else None
    adv = kmax / lmax if (kmax is not None and lmax) else None
    table.append(("concurrent idle processes (max)", procs("kiln"), procs("lunatic"),
                  "-" if adv is None else f"{adv:.2f}x", f"{WASM_STEPS[-1]:,}",
                  "-" if kmax is None else ("yes" if kmax >= WASM_STEPS[-1] else "no")))
    out.append(f"{'measure':<40} {'kiln':>10} {'lunatic':>10} {'kiln adv.':>10} {'goal':>8} {'met':>4}")
    for r in table:
        out.append(f"{r[0]:<40} {r[1]:>10} {r[2]:>10} {r[3]:>10} {r[4]:>8} {r[5]:>4}")
    out.append(f"times: measured inside the guest (Instant = WASI clock_time_get; runtime start-up "
               f"excluded), best of {runs}; ping-pong {WASM_PINGPONG_N:,} round trips")
    out.append("kiln adv.: lunatic/kiln for times and memory, kiln/lunatic for processes "
               "(above 1 = kiln better)")
    out.append("memory: (VmRSS of the runtime with N idle processes - VmRSS with 0) / N, "
               "read from /proc/PID/status while the guest sleeps")
    if not lunatic:
        out.append("lunatic is not installed: kiln only (see tests/lunatic-guests/README.md "
                   "to install lunatic 0.13.2)")

    # Concurrency detail: every try, both runtimes.
    ns = sorted(set().union(*(set(search[w][0]) for w in whos)))
    out.append("")
    out.append(f"Wasm host: idle processes (bench_idle; {WASM_TRY_S} s per try; the first failure "
               f"ends the search, then it is bisected)")
    hdr = f"{'processes':>10}"
    for w in whos:
        hdr += f" {w + ' RSS MiB':>16} {'KiB/proc':>9} {'maps/proc':>9} {'µs/spawn':>9}"
    out.append(hdr)
    for n in ns:
        line = f"{n:>10,}"
        for w in whos:
            r = search[w][0].get(n)
            if r is None:
                line += f" {'':>16} {'':>9} {'':>9} {'':>9}"
            elif not r["ok"]:
                line += f" {'failed':>16} {'':>9} {'':>9} {'':>9}"
            else:
                per = mem_per_proc(w, n) if n else None
                base = search[w][0].get(0, {})
                maps = ((r["maps"] - base["maps"]) / n
                        if n and r["maps"] is not None and base.get("maps") is not None else None)
                line += (f" {r['rss'] / 1024:>16.1f} {num(per):>9} {num(maps, 2):>9} "
                         f"{num(r['spawn_us'], 1) if n else '-':>9}")
        out.append(line)
    for w in whos:
        runs_w, lo, hi = search[w]
        if hi is None:
            out.append(f"{w}: all {lo:,} processes ran (the search stops there)")
        else:
            out.append(f"{w}: largest that worked {lo:,}; failed at {hi:,}: {runs_w[hi]['reason']}")
    out.append("maps/proc: memory mappings (/proc/PID/maps lines) added per process; "
               "vm.max_map_count here is " + max_map_count())
    out.append("µs/spawn: spawning the N processes and collecting their first replies, per process "
               "(timed in the guest)")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*",
                    help=f"benchmarks to run: bench/NAME.erl programs and/or {WASM_SECTION!r} "
                         f"(the Wasm host section); default: all")
    ap.add_argument("--runs", type=int, default=3, help="runs per program; the best counts (default 3)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per run (default 300)")
    ap.add_argument("--schedulers", default="",
                    help="comma-separated scheduler counts for the scaling table "
                         "(default 1, 2, 4, ... and every core)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling table")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-RSS measurement")
    args = ap.parse_args()

    names = args.names or sorted(p.stem for p in BENCH.glob("*.erl")) + [WASM_SECTION]
    want_wasm = WASM_SECTION in names
    names = [n for n in names if n != WASM_SECTION]
    for n in names:
        if not (BENCH / f"{n}.erl").is_file():
            sys.exit(f"bench: no such benchmark: bench/{n}.erl")
    for tool in ("erl", "erlc") if names else ():
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} not found (run 'make setup')")

    kiln = kiln_binary()
    kiln_ok = kiln.is_file()
    problems = []
    if not kiln_ok and names:
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
        startup = best_of(["erl", "-noshell", "-eval", "halt()."], args.runs, args.timeout)[0] if names else 0
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

    if names:
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
    if want_wasm:
        for line in wasm_section(kiln, kiln_ok, args.runs, args.timeout, problems):
            print(line)
    if problems:
        print(file=sys.stderr)
        for p in problems:
            print(f"bench: {p}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

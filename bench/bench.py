#!/usr/bin/env python3
"""Time whole commands over several runs; report median wall time and peak RSS.

Usage: bench/bench.py [--runs N] [--warmup N] [--per N] NAME=COMMAND [NAME=COMMAND ...]

Each command runs in a fresh process (cold, as a user would run it). The commands take turns,
one run each per round, so a noisy moment on the machine hits them all alike rather than one.
Peak RSS comes from wait4(), so it covers the command's own process. `--per N` adds a column
with the median divided by N (per profile, per resource). Results print as a Markdown table
that can be pasted into BENCHMARKS.md.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, code


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--per", type=int, default=0)
    ap.add_argument("commands", nargs="+", help="NAME=COMMAND")
    args = ap.parse_args()
    specs = []
    for spec in args.commands:
        name, _, cmd = spec.partition("=")
        specs.append((name, cmd, shlex.split(cmd)))
    for _ in range(args.warmup):
        for _, _, argv in specs:
            run_once(argv)
    results = {name: ([], [], set()) for name, _, _ in specs}
    for _ in range(args.runs):
        for name, _, argv in specs:
            t, r, c = run_once(argv)
            times, rss, codes = results[name]
            times.append(t)
            rss.append(r)
            codes.add(c)
    per = f" | median / {args.per}" if args.per else ""
    print(f"| command | runs | median | min | max | peak RSS | exit{per} |")
    print("|---|---|---|---|---|---|---|" + ("---|" if args.per else ""))
    for name, cmd, _ in specs:
        times, rss, codes = results[name]
        med = statistics.median(times)
        print(f"{name}: median {med*1000:.1f} ms, peak RSS {max(rss):.1f} MB", file=sys.stderr)
        extra = f" | {med*1000/args.per:.2f} ms" if args.per else ""
        print(
            f"| `{cmd}` | {args.runs} | {med*1000:.1f} ms | {min(times)*1000:.1f} ms "
            f"| {max(times)*1000:.1f} ms | {max(rss):.1f} MB | {','.join(map(str, sorted(codes)))}{extra} |"
        )


if __name__ == "__main__":
    main()

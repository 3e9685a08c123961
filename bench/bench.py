#!/usr/bin/env python3
"""Time whole commands over several runs; report median wall time and peak RSS.

Usage: bench/bench.py [--runs N] [--warmup N] NAME=COMMAND [NAME=COMMAND ...]

Each command runs in a fresh process (cold, as a user would run it). Peak RSS comes from
wait4(), so it covers the command's own process. Results print as a Markdown table that can
be pasted into BENCHMARKS.md.
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
    ap.add_argument("commands", nargs="+", help="NAME=COMMAND")
    args = ap.parse_args()
    rows = []
    for spec in args.commands:
        name, _, cmd = spec.partition("=")
        argv = shlex.split(cmd)
        for _ in range(args.warmup):
            run_once(argv)
        times, rss, codes = [], [], set()
        for _ in range(args.runs):
            t, r, c = run_once(argv)
            times.append(t)
            rss.append(r)
            codes.add(c)
        rows.append((name, cmd, statistics.median(times), min(times), max(times), max(rss), sorted(codes)))
        print(f"{name}: median {statistics.median(times)*1000:.1f} ms, peak RSS {max(rss):.1f} MB", file=sys.stderr)
    print(f"| command | runs | median | min | max | peak RSS | exit |")
    print(f"|---|---|---|---|---|---|---|")
    for name, cmd, med, lo, hi, rss, codes in rows:
        print(f"| `{cmd}` | {args.runs} | {med*1000:.1f} ms | {lo*1000:.1f} ms | {hi*1000:.1f} ms | {rss:.1f} MB | {','.join(map(str, codes))} |")


if __name__ == "__main__":
    main()

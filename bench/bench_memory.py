"""Benchmark: peak memory of ``refq load`` as the corpus grows; it should stay flat.

    .venv/bin/python bench/bench_memory.py [--sizes 2000 5000 10000 20000] [--jobs 2] [--long]

Generates the largest corpus once (distinct articles from ``corpus_gen``: the short ones by
default, ``--long`` for the 2.3 KB ones), then for each size loads that many of them into a
new database with ``refq load FOLDER --jobs J`` as a whole process and prints its peak RSS:
the loader process's own (``ru_maxrss`` from ``wait4``) and, sampled every 50 ms from
``/proc``, the largest total of the loader and its worker processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import article, long_article


def refq_command() -> list[str]:
    script = Path(sys.executable).with_name("refq")
    return [str(script)] if script.exists() else [sys.executable, "-m", "refq"]


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def tree_rss_kb(pid: int) -> int:
    return rss_kb(pid) + sum(tree_rss_kb(child) for child in children(pid))


def measure(folder: Path, db: Path, jobs: int) -> tuple[float, int, int]:
    """Seconds, the loader's own peak RSS and the sampled peak of its process tree (KB)."""
    command = [*refq_command(), "load", str(folder), "--jobs", str(jobs), "--db", str(db)]
    # stderr to a file: a pipe nobody reads could fill up and stall the loader.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        peak_tree = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                break
            peak_tree = max(peak_tree, tree_rss_kb(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"refq load failed:\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss, max(peak_tree, usage.ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 10000, 20000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--long", action="store_true", help="the 2.3 KB articles")
    args = parser.parse_args()
    make = long_article if args.long else article
    work = Path(tempfile.mkdtemp(prefix="refq-bench-memory-"))
    try:
        everything = work / "all"
        everything.mkdir()
        for index in range(max(args.sizes)):
            (everything / f"{index:06d}.txt").write_text(make(index), encoding="utf-8")
        kind = "long" if args.long else "short"
        print(f"refq load --jobs {args.jobs}, {kind} generated articles, a new database each:")
        header = ("articles", "seconds", "art/s", "loader peak RSS", "with workers")
        print("{:>9} {:>8} {:>7} {:>16} {:>13}".format(*header))
        for size in sorted(args.sizes):
            folder = work / f"n{size}"
            folder.mkdir()
            for index in range(size):
                name = f"{index:06d}.txt"
                os.link(everything / name, folder / name)
            seconds, own, tree = measure(folder, work / f"n{size}.db", args.jobs)
            print(
                f"{size:>9} {seconds:>8.1f} {size / seconds:>7.0f} {own / 1024:>13.1f} MB"
                f" {tree / 1024:>10.1f} MB"
            )
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

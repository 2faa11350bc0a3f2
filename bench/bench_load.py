"""Benchmark: ``refq load`` throughput on generated articles, each load a whole process.

    .venv/bin/python bench/bench_load.py [--articles 2000] [--jobs 1 2] [--repeat 1] [--profile]

Writes ``--articles`` distinct generated articles (``corpus_gen.long_article``, about 2.3 KB
each) to a temporary folder, then for each ``--jobs`` value runs
``refq load FOLDER --jobs J --db NEW.db`` as a fresh process (interpreter start-up included,
a new database each time) and prints articles per second; then loads the same folder again
into the last database, where every article is unchanged. ``--profile`` also runs the same
load in this process under cProfile with one job and prints where the time goes: reading,
extraction (by pipeline stage) and storing.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import write_corpus

# Pipeline stages of ``refq.extract.extract_article`` (module suffix, function), in order.
STAGES = (
    ("extract/lexicon.py", "compile_lexicon"),
    ("extract/text.py", "segment"),
    ("extract/text.py", "chrome_blocks"),
    ("extract/sources.py", "read_source"),
    ("extract/regions.py", "find_regions"),
    ("extract/people.py", "find_people"),
    ("extract/dates.py", "find_dates"),
    ("extract/results.py", "find_results"),
    ("extract/quotes.py", "find_statements"),
    ("extract/__init__.py", "_officials"),
    ("extract/claims.py", "find_citations"),
    ("extract/claims.py", "find_claims"),
)
PARTS = (
    ("reader.py", "read_article", "reading files"),
    ("extract/__init__.py", "extract_article", "extraction"),
    ("store/load.py", "write", "storing (one transaction per batch)"),
)


def refq_command() -> list[str]:
    script = Path(sys.executable).with_name("refq")
    return [str(script)] if script.exists() else [sys.executable, "-m", "refq"]


def time_load(folder: Path, db: Path, jobs: int, *, fresh: bool = True) -> float:
    for suffix in ("", "-wal", "-shm"):
        if fresh:
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [*refq_command(), "load", str(folder), "--jobs", str(jobs), "--db", str(db)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"refq load failed ({done.returncode}):\n{done.stderr}")
    return seconds


def profile(folder: Path, db: Path) -> None:
    from refq.ingest import ingest

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    profiler = cProfile.Profile()
    profiler.runcall(ingest, [folder], db, jobs=1)
    stats = pstats.Stats(profiler)
    table = stats.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in table.values())

    def cumulative(module: str, function: str) -> float:
        return sum(
            entry[3]
            for (file, _, name), entry in table.items()
            if name == function and file.replace(os.sep, "/").endswith(module)
        )

    print(f"\nProfile of one in-process load, --jobs 1 (cProfile, {total:.2f} s in all):")
    for module, function, label in PARTS:
        seconds = cumulative(module, function)
        print(f"  {label:<38} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    extraction = cumulative("extract/__init__.py", "extract_article")
    print("  Extraction by stage (share of extraction):")
    for module, function in STAGES:
        seconds = cumulative(module, function)
        print(
            f"    {function:<20} {module:<22} {seconds:7.2f} s  {100 * seconds / extraction:5.1f} %"
        )
    print("  Top functions by own time:")
    stats.sort_stats("tottime").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="loads per --jobs value (median)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="refq-bench-load-"))
    try:
        folder = work / "corpus"
        paths = write_corpus(folder, args.articles)
        size = sum(path.stat().st_size for path in paths)
        print(
            f"Corpus: {len(paths)} distinct articles, {size / len(paths) / 1024:.1f} KB each"
            f" on average; {os.cpu_count()} CPUs; {' '.join(refq_command())}"
        )
        for jobs in args.jobs:
            runs = [time_load(folder, work / "bench.db", jobs) for _ in range(args.repeat)]
            seconds = statistics.median(runs)
            print(
                f"refq load --jobs {jobs}: {seconds:6.2f} s for {len(paths)} articles"
                f" = {len(paths) / seconds:7.0f} articles/s (whole process, new database)"
            )
        # The same folder again into the database just filled: every input is unchanged, found
        # so from its input key without extraction.
        again = time_load(folder, work / "bench.db", args.jobs[-1], fresh=False)
        print(
            f"refq load --jobs {args.jobs[-1]} again: {again:6.2f} s for {len(paths)} unchanged"
            f" articles = {len(paths) / again:7.0f} articles/s"
        )
        if args.profile:
            profile(folder, work / "profile.db")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark: `compare_sources` over many sources on one event.

    .venv/bin/python bench/bench_compare.py [--sources 1000]

Prints extraction time, comparison time, findings by verdict and peak memory. The comparison
groups records by normalised keys (blocking), so its time should grow roughly linearly.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import articles
from refq.compare import SourceRecords, compare_sources
from refq.extract import extract_article
from refq.models import Article, SourceMeta


def build(count: int) -> list[SourceRecords]:
    records: list[SourceRecords] = []
    for index, text in enumerate(articles(count)):
        meta = SourceMeta(outlet=f"Outlet {index % 37}", published="2024-05-12")
        digest = hashlib.sha256(text.encode()).hexdigest()
        parsed = extract_article(Article(f"gen/{index}.txt", text, digest, meta))
        records.append(SourceRecords.from_parse(str(index + 1), parsed))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    args = parser.parse_args()
    started = time.perf_counter()
    records = build(args.sources)
    extracted = time.perf_counter()
    comparison = compare_sources(records)
    compared = time.perf_counter()
    verdicts = Counter(f.verdict for f in comparison.findings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sources            {args.sources}")
    rate = args.sources / (extracted - started)
    print(f"extract            {extracted - started:.2f} s ({rate:.0f} articles/s)")
    print(f"compare            {compared - extracted:.2f} s")
    counts = ", ".join(f"{v} {verdicts[v]}" for v in ("conflict", "agree", "only_in"))
    print(f"findings           {len(comparison.findings)} ({counts})")
    print(f"peak RSS           {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

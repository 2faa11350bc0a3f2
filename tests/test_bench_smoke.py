"""Each benchmark script runs, at a tiny size, and prints its figures. No timing is asserted:
the figures depend on the machine; the README records them with the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize(
    ("script", "args", "printed"),
    [
        ("bench_load.py", ["--articles", "12", "--jobs", "1", "2"], "articles/s"),
        ("bench_startup.py", ["--runs", "2"], "ratio "),
        ("bench_memory.py", ["--sizes", "5", "10", "--jobs", "1"], "MB"),
    ],
)
def test_bench_script_runs_small(script: str, args: list[str], printed: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REFQ_DB"}
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert printed in done.stdout


def test_bench_compare_runs_small() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_compare.py"), "--sources", "5"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "findings" in done.stdout

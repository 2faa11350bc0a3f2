"""Benchmark: start-up of a query command, against bare ``python -c "import typer"``.

    .venv/bin/python bench/bench_startup.py [--runs 30]

Builds a database from the bundled seeds in a temporary folder, then runs, interleaved,
``refq results --region Kherson --db DB`` (default table format, output to a pipe) and
``python -c "import typer"`` with the same interpreter, each ``--runs`` times as a whole
process, and prints both medians and their ratio (the goal is at most 1.3).

Both sides run from bytecode: an installed wheel has ``.pyc`` files, but an editable
install's ``src/`` gets none while ``PYTHONDONTWRITEBYTECODE`` is set, so the script compiles
the refq package first (``compileall``) and says how refq is installed.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("pydantic", "sqlite_utils", "rich", "anyascii", "refq.extract", "refq.store.load")


def refq_command() -> list[str]:
    script = Path(sys.executable).with_name("refq")
    return [str(script)] if script.exists() else [sys.executable, "-m", "refq"]


def installation() -> str:
    """How refq is installed (editable or not) and where its package is."""
    import refq

    package = Path(refq.__file__).resolve().parent
    try:
        direct = importlib.metadata.distribution("refq").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return f"not installed, imported from {package}"
    editable = bool(direct and json.loads(direct).get("dir_info", {}).get("editable"))
    return f"{'editable install' if editable else 'installed wheel'}, package at {package}"


def ensure_bytecode() -> str:
    import refq

    package = Path(refq.__file__).resolve().parent
    compileall.compile_dir(package, quiet=1)
    return f"bytecode compiled for {package}"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def imported_by_query(db: Path, env: dict[str, str]) -> list[str]:
    script = (
        "import sys, io, contextlib\nfrom refq.cli import main\n"
        f"sys.argv = ['refq', 'results', '--region', 'Kherson', '--db', {str(db)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return list(json.loads(done.stdout.strip().replace("'", '"')))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("REFQ_DB", None)
    work = Path(tempfile.mkdtemp(prefix="refq-bench-startup-"))
    try:
        db = work / "refq.db"
        subprocess.run(
            [*refq_command(), "load", "--db", str(db)], env=env, check=True, capture_output=True
        )
        print(f"refq: {installation()}; {ensure_bytecode()}")
        base = [*refq_command(), "results", "--region", "Kherson", "--db", str(db)]
        queries = {"table (Rich)": base, "--format json": [*base, "--format", "json"]}
        baseline = [sys.executable, "-c", "import typer"]
        for command in (*queries.values(), baseline):  # warm the file cache
            timed(command, env)
        times: dict[str, list[float]] = {name: [] for name in (*queries, "typer")}
        for _ in range(args.runs):
            for name, command in queries.items():
                times[name].append(timed(command, env))
            times["typer"].append(timed(baseline, env))
        typer_median = statistics.median(times["typer"])
        print(f"modules the query imports, of {', '.join(HEAVY)}: {imported_by_query(db, env)}")
        print(
            f"{args.runs} runs each, interleaved; python -c 'import typer': "
            f"median {1000 * typer_median:6.1f} ms"
        )
        for name in queries:
            median = statistics.median(times[name])
            print(
                f"  refq results --region Kherson, {name:14} median {1000 * median:6.1f} ms,"
                f" ratio {median / typer_median:.2f} (goal <= 1.3)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Concurrent loads, readers during a load, and a load killed halfway: real ``refq``
processes on one real SQLite file.

The loads run with small batches (``--batch-size``) so that they take many transactions and
interleave. ``REFQ_TEST_PAUSE_AFTER_WRITES`` (see ``refq.store.load``) makes a load stop inside
an open transaction at a known point, so a query can run against it and ``SIGKILL`` can land
exactly there.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import GAZETTEER, dw_result, rferl_result
from refq.errors import DatabaseError
from refq.store.load import PAUSE_ENV, Writer

REGIONS = ("Kherson", "Zaporizhzhia", "Donetsk", "Luhansk")
TABLES = ("sources", "results", "statements", "officials", "region_mentions", "roles")


def refq_command() -> list[str]:
    script = Path(sys.executable).with_name("refq")
    return [str(script)] if script.exists() else [sys.executable, "-m", "refq"]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REFQ_DB", PAUSE_ENV)}
    return {**env, "COLUMNS": "120", **extra}


def corpus(folder: Path, count: int, tag: str) -> Path:
    """``count`` short, distinct news-style articles."""
    folder.mkdir(parents=True)
    for index in range(count):
        region = REGIONS[index % len(REGIONS)]
        (folder / f"{tag}{index:04d}.txt").write_text(
            f"Election officials in {region} said {50 + index % 49} percent of voters backed"
            f" the proposal in report {tag}-{index}.\n\n"
            f'"The count was fair," Governor Anna Bondar said of ballot {index}.\n',
            encoding="utf-8",
        )
    return folder


def load(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*refq_command(), "load", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or environment(),
    )


def finish(process: subprocess.Popen[str]) -> str:
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    return stderr


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
        }


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("corpora")
    return corpus(base / "a", 120, "a"), corpus(base / "b", 120, "b")


@pytest.fixture(scope="module")
def reference(folders: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both corpora loaded one after the other by one process: what concurrent loads must
    add up to."""
    db = tmp_path_factory.mktemp("reference") / "refq.db"
    finish(load(*folders, "--db", db))
    return db


def test_two_loads_at_once_lose_no_writes(
    folders: tuple[Path, Path], reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "refq.db"  # new: both processes race to create it, too
    first = load(folders[0], "--batch-size", "5", "--db", db)
    second = load(folders[1], "--batch-size", "5", "--db", db)
    for process in (first, second):
        assert finish(process).splitlines()[-1].startswith("Loaded 120 files, 0 unchanged")
    assert counts(db) == counts(reference)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_loads_of_the_same_files_store_each_once(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "refq.db"
    runs = [load(folders[0], "--batch-size", "7", "--db", db) for _ in range(2)]
    summaries = [finish(process).splitlines()[-1] for process in runs]
    stored = sum(int(line.split()[1]) for line in summaries)
    unchanged = sum(int(line.split(", ")[1].split()[0]) for line in summaries)
    assert (stored, unchanged) == (120, 120), summaries
    assert counts(db)["sources"] == 120


def wait_for_pause(process: subprocess.Popen[str], timeout: float = 60) -> None:
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], deadline - time.monotonic())
        if ready:
            line = process.stderr.readline()
            if line.startswith("refq: paused after"):
                return
            assert line, f"the load ended without pausing (exit {process.poll()})"
    raise AssertionError("the load did not pause in time")


def test_a_query_is_not_blocked_by_a_load_and_a_killed_load_keeps_earlier_batches(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "refq.db"
    finish(load(folders[0], "--db", db))
    # Batches of 10: after 15 writes the first batch is committed and the second is half
    # written inside its open transaction. Two workers extract, so killing the loader must
    # not leave them behind.
    loader = load(
        folders[1],
        *("--batch-size", "10", "--jobs", "2", "--db", db),
        env=environment(**{PAUSE_ENV: "15"}),
    )
    try:
        wait_for_pause(loader)
        # The loader holds its write transaction open (paused) for a minute: a reader that
        # the load blocked would give up after the busy timeout with "database is locked".
        # Succeeding at all is the proof; no timing is asserted.
        query = subprocess.run(
            [*refq_command(), "sources", "--format", "json", "--db", str(db)],
            capture_output=True,
            text=True,
            env=environment(),
            timeout=60,
        )
        assert query.returncode == 0, query.stderr
        assert len(json.loads(query.stdout)) == 130  # 120 + the committed batch, nothing more
        committed = dump(db)
    finally:
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=30)
    assert loader.returncode == -signal.SIGKILL
    assert_no_process_left_using(db)
    assert dump(db) == committed  # the half-written batch left no trace
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rerun = finish(load(folders[1], "--batch-size", "10", "--db", db))
    assert rerun.splitlines()[-1].startswith("Loaded 110 files, 10 unchanged, 0 failed")
    assert counts(db)["sources"] == 240


def assert_no_process_left_using(db: Path, timeout: float = 10) -> None:
    """No process (such as an orphaned extraction worker) still has ``db`` on its command line."""
    deadline = time.monotonic() + timeout
    while True:
        left = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and str(db).encode() in (entry / "cmdline").read_bytes():
                    left.append(entry.name)
            except OSError:
                continue  # gone meanwhile
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert left == [], f"processes left behind: {left}"


def test_jobs_give_the_same_database_as_one_process(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    finish(load(folders[0], "--jobs", "1", "--db", one))
    finish(load(folders[0], "--jobs", "2", "--batch-size", "16", "--db", two))
    rows = (
        'SELECT s.id, s.path, s.sha256, r.percent, r.start, r."end" FROM sources AS s'
        " LEFT JOIN results AS r ON r.source_id = s.id ORDER BY s.id, r.id"
    )
    with sqlite3.connect(one) as a, sqlite3.connect(two) as b:
        assert a.execute(rows).fetchall() == b.execute(rows).fetchall()
    assert counts(one) == counts(two)


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """A refq database whose write lock another connection holds."""
    db = tmp_path / "refq.db"
    with Writer(db, gazetteer=GAZETTEER):
        pass
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    yield db, holder
    if holder.in_transaction:
        holder.rollback()
    holder.close()


def test_a_writer_retries_while_another_holds_the_lock(
    locked: tuple[Path, sqlite3.Connection],
) -> None:
    db, holder = locked
    release = threading.Timer(0.5, holder.rollback)
    release.start()
    try:
        with Writer(
            db, gazetteer=GAZETTEER, busy_timeout_ms=50, retry_delays=(0.1, 0.2, 0.4, 0.8)
        ) as writer:
            done = writer.write([rferl_result(), dw_result()])
    finally:
        release.join()
    assert len(done.stored) == 2 and counts(db)["sources"] == 2


def test_a_writer_that_never_gets_the_lock_says_so_and_writes_nothing(
    locked: tuple[Path, sqlite3.Connection],
) -> None:
    db, _ = locked
    writer = Writer(db, gazetteer=GAZETTEER, busy_timeout_ms=20, retry_delays=(0.01, 0.02))
    with writer, pytest.raises(DatabaseError, match="database is locked") as caught:
        writer.write([rferl_result()])
    assert "nothing was written" in str(caught.value)


def test_a_progress_bar_only_at_a_terminal(folders: tuple[Path, Path], tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*refq_command(), "load", str(folders[0]), "--db", str(tmp_path / "refq.db")],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=environment(TERM="xterm"),
    )
    # The terminal stays open here until the process has exited and its output is drained:
    # Linux may drop what a pty holds when its last slave descriptor closes (a flaky read).
    shown = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        exited = process.poll() is not None
        while select.select([controller], [], [], 0 if exited else 0.1)[0]:
            chunk = os.read(controller, 65536)
            if not chunk:
                break
            shown += chunk
        if exited:
            break
    os.close(terminal)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    text = shown.decode("utf-8", errors="replace")
    assert "Loading articles" in text
    assert "Loaded 120 files, 0 unchanged, 0 failed" in text
    quiet = finish(load(folders[0], "--force", "--db", tmp_path / "refq.db"))
    assert quiet.splitlines() == [quiet.strip()]  # not a terminal: the summary alone

"""Loading many articles: inputs -> read and extract (in worker processes with ``jobs > 1``)
-> one writer storing them in batches, one transaction per batch.

The corpus is streamed, never held: only the list of input paths, the articles being
extracted (a bounded window) and the batch being written are in memory at any time. Results
come back in input order whatever the number of workers, so source ids are the same for
``--jobs 1`` and ``--jobs 8``.

A file that cannot be read or extracted is reported (one line naming it and the reason) and
skipped; nothing from it is stored and the other files still load. A bad manifest stops the
load before anything is read, because loading its articles without their metadata would store
wrong outlets and titles.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from refq.errors import InputError, RefqError
from refq.reader import MAX_PAGE_BYTES, STDIN, STDIN_NAME

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from refq.models import ParseResult, SourceMeta
    from refq.store.load import LoadSummary, Writer

# Articles handed to a worker at a time, and how many such chunks each worker may have queued:
# enough to keep every worker busy, few enough that memory stays flat.
CHUNK_SIZE = 16
CHUNKS_PER_WORKER = 4
# Below this many files a worker pool costs more than it saves.
MIN_FILES_PER_WORKER = 50
PARENT_CHECK_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file path (as given) and its manifest metadata, or stdin's bytes."""

    name: str
    meta: SourceMeta | None = None
    data: bytes | None = None
    resolved: str | None = None  # the file's resolved path, which it is stored under
    stored_key: str | None = None  # the input key stored for this path, if any


@dataclass(frozen=True, slots=True)
class Parsed:
    """What reading and extracting one input gave: a result, or the reason it failed."""

    name: str
    result: ParseResult | None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    unchanged: str | None = None  # the stored path, when its input key shows nothing changed


@dataclass(frozen=True, slots=True)
class IngestReport:
    summary: LoadSummary
    failed: int
    seconds: float

    def summary_line(self) -> str:
        summary = self.summary
        counts = summary.records
        kinds = ("results", "statements", "officials", "roles", "region_mentions", "dates")
        records = ", ".join(f"{counts.get(k, 0)} {k.replace('_', ' ')}" for k in kinds)
        replaced = f" ({len(summary.replaced)} replaced)" if summary.replaced else ""
        files = "file" if len(summary.stored) == 1 else "files"
        return (
            f"Loaded {len(summary.stored)} {files}{replaced}, {len(summary.unchanged)} unchanged,"
            f" {self.failed} failed: {records} in {self.seconds:.2f} s"
        )


class Reporter:
    """Where a load says what it is doing; the CLI passes one that draws a progress bar."""

    def start(self, total: int) -> None:
        """The load has ``total`` inputs."""

    def advance(self) -> None:
        """One more input is done (stored, unchanged or failed)."""

    def message(self, line: str) -> None:
        """An ``Error: ...`` or ``Warning: ...`` line about one input."""
        print(line, file=sys.stderr)


def auto_jobs(inputs: int) -> int:
    """How many worker processes ``--jobs 0`` means: none (extract in this process) for small
    loads, else one per CPU, but never more than the inputs can keep busy."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, inputs // MIN_FILES_PER_WORKER))


def ingest(
    args: Sequence[Path],
    db_path: Path,
    *,
    force: bool = False,
    jobs: int = 0,
    batch_size: int | None = None,
    stdin: BinaryIO | None = None,
    reporter: Reporter | None = None,
) -> IngestReport:
    """Read, extract and store articles; a file that fails is reported and skipped.

    ``jobs``: worker processes for extraction (1: extract in this process; 0: ``auto_jobs``).
    ``batch_size``: articles per transaction (default ``store.load.BATCH_SIZE``).
    Raises ``InputError`` when there is nothing to load or a manifest is bad, and
    ``DatabaseError`` when the database cannot be written (batches already committed stay).
    """
    from refq.metadata import ManifestIndex
    from refq.reader import iter_inputs
    from refq.store.load import BATCH_SIZE, Writer

    started = time.perf_counter()
    report = reporter or Reporter()
    inputs = iter_inputs(args)
    if not inputs:
        raise InputError(f"no article files in {', '.join(map(str, args))}")
    manifests = ManifestIndex()
    tasks: list[Task] = []
    for path, resolved in inputs:
        if path == STDIN:
            tasks.append(Task(STDIN_NAME, data=_read_stdin(stdin)))
        else:
            # Every manifest is read (and validated) before any article is.
            tasks.append(Task(path, manifests.meta_for(path, resolved), resolved=resolved))
    del inputs
    workers = auto_jobs(len(tasks)) if jobs <= 0 else jobs
    report.start(len(tasks))
    failed = 0
    size = batch_size or BATCH_SIZE
    with Writer(db_path, isolate=True, force=force) as writer:
        if not force:
            tasks = _with_stored_keys(tasks, writer.input_keys())
        batch: list[ParseResult] = []
        for parsed in _parse_all(tasks, workers):
            for warning in parsed.warnings:
                report.message(f"Warning: {parsed.name}: {warning}")
            report.advance()
            if parsed.unchanged is not None:
                writer.note_unchanged(parsed.unchanged)
                continue
            if parsed.result is None:
                report.message(f"Error: {parsed.error}")
                failed += 1
                continue
            batch.append(parsed.result)
            if len(batch) >= size:
                failed += _write(writer, batch, report)
                batch = []
        if batch:
            failed += _write(writer, batch, report)
        summary = writer.summary()
    return IngestReport(summary, failed, time.perf_counter() - started)


def _with_stored_keys(tasks: list[Task], stored: dict[str, str]) -> list[Task]:
    """Tasks that carry the input key stored for their path, so a worker can tell an
    unchanged input from its key alone and skip extraction."""
    if not stored:
        return tasks
    keyed: list[Task] = []
    for task in tasks:
        if task.data is None:
            path = task.resolved or str(Path(task.name).resolve())
            task = replace(task, stored_key=stored.get(path))
        keyed.append(task)
    return keyed


def _write(writer: Writer, batch: list[ParseResult], report: Reporter) -> int:
    """Store one batch; report (and count) the articles the database refused."""
    done = writer.write(batch)
    for path, reason in done.refused:
        report.message(f"Error: {path}: {reason}")
    return len(done.refused)


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    if stream.isatty():
        print("Reading an article from standard input; end it with Ctrl-D.", file=sys.stderr)
    return stream.read(MAX_PAGE_BYTES + 1)


def parse_task(task: Task) -> Parsed:
    """Read and extract one input. Never raises for a bad input or an extractor bug: the
    failure is the ``Parsed.error`` line, naming the input."""
    from refq.extract import extract_article
    from refq.knowledge import load_knowledge
    from refq.models import input_key
    from refq.reader import read_article, read_stdin

    try:
        if task.data is not None:
            read = read_stdin(task.data, task.meta)
        else:
            resolved = Path(task.resolved) if task.resolved else None
            read = read_article(Path(task.name), task.meta, resolved=resolved)
    except RefqError as exc:
        return Parsed(task.name, None, str(exc))
    knowledge = load_knowledge()
    if task.stored_key is not None and task.stored_key == input_key(
        read.article, knowledge.fingerprint
    ):
        return Parsed(task.name, None, None, read.warnings, unchanged=read.article.path)
    try:
        result = extract_article(read.article, knowledge)
    except Exception as exc:  # an extractor bug must not sink the other files
        reason = f"extraction failed ({type(exc).__name__}: {exc})"
        return Parsed(task.name, None, f"{task.name}: {reason}", read.warnings)
    # Sentences are not stored; leaving them out halves what a worker sends back.
    result = replace(result, sentences=(), warnings=read.warnings + result.warnings)
    return Parsed(task.name, result, None, read.warnings)


def _parse_chunk(tasks: list[Task]) -> list[Parsed]:
    return [parse_task(task) for task in tasks]


def _parse_all(tasks: Sequence[Task], workers: int) -> Iterator[Parsed]:
    """Every task's ``Parsed``, in task order, extracted by ``workers`` processes."""
    from refq.extract.lexicon import compile_lexicon
    from refq.knowledge import load_knowledge

    # Read once here: forked workers inherit the compiled reference data.
    compile_lexicon(load_knowledge())
    if workers <= 1:
        yield from map(parse_task, tasks)
        return
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker)
    window: deque[Future[list[Parsed]]] = deque()
    try:
        for chunk in _chunks(tasks, CHUNK_SIZE):
            window.append(pool.submit(_parse_chunk, chunk))
            if len(window) >= workers * CHUNKS_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    except BrokenProcessPool as exc:
        # A worker killed from outside (e.g. out of memory): batches already stored stay.
        raise RefqError(f"an extraction worker process died ({exc}); load stopped") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable[Task], size: int) -> Iterator[list[Task]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context() -> BaseContext:
    """Fork where it is safe and cheap (Linux): workers start at once with the reference data
    already loaded. Elsewhere spawn, where each worker imports refq itself."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker() -> None:
    """In each worker: leave Ctrl-C to the main process, and exit if it dies.

    Ctrl-C goes to the whole process group; the main process alone handles it (it stops the
    pool), so workers do not each print a traceback. A main process killed outright
    (``SIGKILL``) cannot stop its pool, and a worker waiting for work would wait forever, so
    each worker watches for its parent to go away.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="refq-parent-watch", daemon=True).start()

"""Writing parse results: one transaction per batch of articles, all or nothing.

A source is identified by its path. Loading the same path again with the same text and the
same source facts changes nothing (not even ``loaded_at``); anything else replaces the old
source row, and the cascade removes every record read from it, inside the same transaction.
Officials are global: they are merged across sources by ``Official.key``.

Concurrency: a batch starts with ``BEGIN IMMEDIATE``, so it holds SQLite's one write lock from
its first statement and never has to upgrade a read lock (which fails at once, whatever the
busy timeout). Another writer waits ``BUSY_TIMEOUT_MS`` for the lock; past that the whole batch
is retried after a growing, jittered pause (``RETRY_DELAYS``). Under WAL, readers are never
blocked, and a process killed mid-batch leaves the database as it was before that batch.

Test hook: with ``REFQ_TEST_PAUSE_AFTER_WRITES=<n>`` in the environment, the writer prints
``refq: paused after <n> writes`` to stderr after storing its n-th article, inside the open
transaction, and sleeps ``PAUSE_SECONDS``. The concurrency tests use it to run a query during
a load and to kill a load at a known point. Nothing else reads it.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

from refq.errors import DatabaseError
from refq.knowledge import Region, load_knowledge
from refq.models import (
    DatedPhrase,
    Evidence,
    Official,
    ParseResult,
    Result,
    Statement,
    input_key,
)
from refq.store.schema import open_for_writing

BATCH_SIZE = 200  # articles per transaction when loading many
# Pauses before retrying a batch that could not get the write lock within the busy timeout.
RETRY_DELAYS = (0.1, 0.2, 0.4, 0.8, 1.6, 3.2)
PAUSE_ENV = "REFQ_TEST_PAUSE_AFTER_WRITES"
PAUSE_SECONDS = 60.0
_SQLITE_BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED (and extended codes & 0xFF)

# Source columns that decide whether a stored source is still what a new parse says it is.
_COMPARED_SOURCE_COLUMNS = (
    "sha256",
    "outlet",
    "title",
    "published",
    "dateline",
    "wires",
    "url",
    "warnings",
    "input_key",
)


@dataclass(frozen=True, slots=True)
class LoadSummary:
    stored: tuple[str, ...]  # paths written, new or replacing an older version
    replaced: tuple[str, ...]  # the subset of ``stored`` that replaced an older version
    unchanged: tuple[str, ...]  # paths skipped because nothing changed
    records: dict[str, int]  # records written, by table
    # (path, reason) for articles the database refused; the rest of their batch was stored
    refused: tuple[tuple[str, str], ...] = ()


@dataclass
class _Tally:
    stored: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    records: Counter[str] = field(default_factory=Counter)

    def add(self, other: _Tally) -> None:
        self.stored += other.stored
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.refused += other.refused
        self.records.update(other.records)

    def summary(self) -> LoadSummary:
        return LoadSummary(
            stored=tuple(self.stored),
            replaced=tuple(self.replaced),
            unchanged=tuple(self.unchanged),
            records=dict(self.records),
            refused=tuple(self.refused),
        )


def load_parse_results(
    db_path: Path,
    results: Iterable[ParseResult],
    *,
    gazetteer: Sequence[Region] | None = None,
    force: bool = False,
) -> LoadSummary:
    """Store parse results as one batch in one transaction; nothing is written if any part
    fails (``DatabaseError``, or whatever the iterable raises).

    ``gazetteer`` defaults to the bundled knowledge; it fills the ``regions`` table.
    ``force`` replaces sources even when they are unchanged (e.g. after the extractor changed).
    """
    with Writer(db_path, gazetteer=gazetteer, force=force) as writer:
        writer.write(results)
    return writer.summary()


class Writer:
    """The one writer of a load: stores batches of parse results, one transaction each.

    ``isolate=True`` gives each article its own savepoint: an article the schema refuses is
    left out and reported in ``LoadSummary.refused`` while the rest of its batch is stored.
    Without it, any refusal rolls back the whole batch.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        gazetteer: Sequence[Region] | None = None,
        force: bool = False,
        isolate: bool = False,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        busy_timeout_ms: int | None = None,
    ) -> None:
        self.path = db_path
        self._regions = load_knowledge().regions if gazetteer is None else gazetteer
        self._force = force
        self._isolate = isolate
        self._tally = _Tally()
        self._regions_synced = False
        self._written = 0
        self._pause_after = int(os.environ.get(PAUSE_ENV) or 0)
        self._retry_delays = tuple(retry_delays)
        db = open_for_writing(db_path)
        self._conn = db.conn
        # Transactions are ours: BEGIN IMMEDIATE ... COMMIT, nothing implicit.
        self._conn.isolation_level = None
        # Under WAL, NORMAL loses no committed batch when the process dies (only, at worst,
        # the last batches on a power cut) and saves an fsync per transaction.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        if busy_timeout_ms is not None:
            self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def summary(self) -> LoadSummary:
        """Everything committed so far."""
        return self._tally.summary()

    def input_keys(self) -> dict[str, str]:
        """Each stored source's input key, by path: an input whose key is the same needs no
        extraction (``Parsed.unchanged``)."""
        rows = self._conn.execute("SELECT path, input_key FROM sources WHERE input_key IS NOT NULL")
        return dict(rows.fetchall())

    def note_unchanged(self, path: str) -> None:
        """Count an input found unchanged before extraction (nothing to write)."""
        self._tally.unchanged.append(path)

    def write(self, results: Iterable[ParseResult]) -> LoadSummary:
        """Store one batch in one transaction, retrying it while another writer holds the lock.
        Returns what this batch did."""
        batch = list(results)  # an iterable that fails, fails before anything is written
        for delay in (*self._retry_delays, None):
            try:
                tally = self._write_once(batch)
            except sqlite3.Error as exc:
                if delay is not None and _is_busy(exc):
                    time.sleep(delay * random.uniform(0.5, 1.5))
                    continue
                raise DatabaseError(
                    f"{self.path}: storing failed ({exc}); this batch of {len(batch)}"
                    " articles was not written, earlier batches were"
                    if self._tally.stored or self._tally.unchanged
                    else f"{self.path}: nothing was written; storing failed ({exc})"
                ) from None
            self._tally.add(tally)
            self._regions_synced = True
            return tally.summary()
        raise AssertionError("unreachable: the last attempt either returns or raises")

    def _write_once(self, batch: Sequence[ParseResult]) -> _Tally:
        conn = self._conn
        tally = _Tally()
        conn.execute("BEGIN IMMEDIATE")
        try:
            if not self._regions_synced:
                sync_regions(conn, self._regions)
            known_regions = {code for (code,) in conn.execute("SELECT code FROM regions")}
            for result in batch:
                if self._isolate:
                    self._store_isolated(result, tally, known_regions)
                else:
                    _store_source(conn, result, tally, known_regions, force=self._force)
                self._written += 1
                if self._written == self._pause_after:
                    _pause(self._written)
            if tally.replaced:
                _prune_unmentioned_officials(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        return tally

    def _store_isolated(self, result: ParseResult, tally: _Tally, known: set[str]) -> None:
        conn = self._conn
        mine = _Tally()
        before = set(known)
        conn.execute("SAVEPOINT article")
        try:
            _store_source(conn, result, mine, known, force=self._force)
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK TO article")
            known.intersection_update(before)
            tally.refused.append((result.article.path, f"the database refused it ({exc})"))
        else:
            tally.add(mine)
        finally:
            conn.execute("RELEASE article")


def _pause(written: int) -> None:
    print(f"refq: paused after {written} writes", file=sys.stderr, flush=True)
    time.sleep(PAUSE_SECONDS)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _SQLITE_BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)


def region_keys(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """(folded name, code) for every name the stored regions go by: what ``region_keys``
    should hold."""
    from refq.query import fold

    names = [
        (code, name)
        for code, *found in conn.execute("SELECT code, name, short FROM regions")
        for name in (code, *found)
    ]
    names += list(conn.execute("SELECT code, alias FROM region_aliases"))
    return {(key, code) for code, name in names if (key := fold(name))}


def _sync_region_keys(conn: sqlite3.Connection) -> None:
    wanted = region_keys(conn)
    present = set(conn.execute("SELECT key, code FROM region_keys"))
    conn.executemany("DELETE FROM region_keys WHERE key = ? AND code = ?", sorted(present - wanted))
    conn.executemany("INSERT INTO region_keys (key, code) VALUES (?, ?)", sorted(wanted - present))


def sync_regions(conn: sqlite3.Connection, regions: Sequence[Region]) -> None:
    """Make the regions tables match the gazetteer, writing only rows that differ."""
    stored = {
        row[0]: tuple(row[1:])
        for row in conn.execute("SELECT code, name, short, level, country FROM regions")
    }
    changed = [
        (r.code, r.name, r.short, r.level, r.country)
        for r in regions
        if stored.get(r.code) != (r.name, r.short, r.level, r.country)
    ]
    conn.executemany(
        "INSERT INTO regions (code, name, short, level, country) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (code) DO UPDATE SET name = excluded.name, short = excluded.short,"
        " level = excluded.level, country = excluded.country",
        changed,
    )
    # Places go with the aliases: `--region Saskatoon` finds what was reported for CA-SK.
    wanted = {
        (region.code, alias) for region in regions for alias in (*region.aliases, *region.places)
    }
    codes = {region.code for region in regions}
    present = set(conn.execute("SELECT code, alias FROM region_aliases"))
    gone = sorted(pair for pair in present - wanted if pair[0] in codes)
    added = sorted(wanted - present)
    conn.executemany("DELETE FROM region_aliases WHERE code = ? AND alias = ?", gone)
    conn.executemany("INSERT INTO region_aliases (code, alias) VALUES (?, ?)", added)
    # Folding every name (~20,000 with places) costs a few tenths of a second inside the
    # write lock: only when a name changed, or the keys were never written.
    if changed or gone or added or not conn.execute("SELECT 1 FROM region_keys LIMIT 1").fetchone():
        _sync_region_keys(conn)


def _store_source(
    conn: sqlite3.Connection,
    result: ParseResult,
    tally: _Tally,
    known_regions: set[str],
    *,
    force: bool,
) -> None:
    row = _source_row(result)
    path = row["path"]
    columns = ", ".join(_COMPARED_SOURCE_COLUMNS)
    existing = conn.execute(f"SELECT id, {columns} FROM sources WHERE path = ?", [path]).fetchone()
    if existing is not None:
        if not force and tuple(existing[1:]) == tuple(row[c] for c in _COMPARED_SOURCE_COLUMNS):
            tally.unchanged.append(path)
            return
        conn.execute("DELETE FROM sources WHERE id = ?", [existing[0]])
        # The new row takes the old id: a source keeps its number (``--source 2``) for life.
        row["id"] = existing[0]
        tally.replaced.append(path)
    row["loaded_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    source_id = _insert(conn, "sources", row)
    _store_records(conn, source_id, result, tally, known_regions)
    tally.stored.append(path)


def _source_row(result: ParseResult) -> dict[str, Any]:
    article, source = result.article, result.source
    return {
        "path": article.path,
        "sha256": article.sha256,
        "input_key": input_key(article, result.extractor),
        "outlet": source.outlet,
        "title": source.title,
        "published": source.published,
        "dateline": source.dateline,
        "wires": json.dumps(list(source.wires), ensure_ascii=False),
        "cites": json.dumps(list(source.cites), ensure_ascii=False),
        "url": article.meta.url,
        "warnings": json.dumps(list(result.warnings), ensure_ascii=False),
        "text": article.text,
    }


def _store_records(
    conn: sqlite3.Connection,
    source_id: int,
    result: ParseResult,
    tally: _Tally,
    known_regions: set[str],
) -> None:
    official_ids = _store_officials(conn, source_id, result.officials, tally)
    _ensure_regions_exist(conn, result, known_regions)
    rows: dict[str, list[dict[str, Any]]] = {
        "chrome": [
            {"source_id": source_id, "kind": block.kind, "start": block.start, "end": block.end}
            for block in result.source.chrome
        ],
        "region_mentions": [
            {"source_id": source_id, "code": m.code, "surface": m.surface}
            | {"start": m.start, "end": m.end}
            for m in result.regions
        ],
        "results": [_result_row(source_id, r) for r in result.results],
        "statements": [_statement_row(conn, source_id, s, official_ids) for s in result.statements],
        "dates": [_date_row(source_id, d) for d in result.dates],
        "claims": [
            {"source_id": source_id, "phrase": c.phrase, "low": c.low, "high": c.high}
            | {"region_code": c.region_code, "start": c.start, "end": c.end}
            | _evidence(c.evidence)
            for c in result.claims
        ],
    }
    for table, table_rows in rows.items():
        if table_rows:
            _insert_all(conn, table, table_rows)
            tally.records[table] += len(table_rows)


def _result_row(source_id: int, result: Result) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "region_code": result.region_code,
        "region": result.region,
        "option": result.option,
        "percent": result.percent,
        "low": result.low,
        "high": result.high,
        "status": result.status,
        "reported_by": result.reported_by,
        "start": result.start,
        "end": result.end,
    } | _evidence(result.evidence)


def _statement_row(
    conn: sqlite3.Connection, source_id: int, statement: Statement, official_ids: dict[str, int]
) -> dict[str, Any]:
    speaker_id = None
    if statement.speaker_key is not None:
        speaker_id = official_ids.get(statement.speaker_key) or _official_id(
            conn, statement.speaker_key
        )
    return {
        "source_id": source_id,
        "kind": statement.kind,
        "speaker": statement.speaker,
        "speaker_official_id": speaker_id,
        "speaker_surface": statement.speaker_surface,
        "text": statement.text,
        "start": statement.start,
        "end": statement.end,
        "channel": statement.channel,
        "date": statement.date,
    } | _evidence(statement.evidence)


def _date_row(source_id: int, dated: DatedPhrase) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "phrase": dated.phrase,
        "date": dated.date,
        "precision": dated.precision,
        "relative": int(dated.relative),
        "start": dated.start,
        "end": dated.end,
    } | _evidence(dated.evidence)


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "evidence": evidence.text,
        "evidence_start": evidence.start,
        "evidence_end": evidence.end,
    }


def _store_officials(
    conn: sqlite3.Connection, source_id: int, officials: Iterable[Official], tally: _Tally
) -> dict[str, int]:
    """Merge each official into the global table; record where and as what this source names it."""
    ids: dict[str, int] = {}
    mentions: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    for official in officials:
        official_id = _merge_official(conn, official)
        ids[official.key] = official_id
        mentions.append(
            {"official_id": official_id, "source_id": source_id, "name": official.name}
            | {"start": official.start, "end": official.end}
            | _evidence(official.evidence)
        )
        roles.extend(
            {"official_id": official_id, "source_id": source_id, "title": role.title}
            | {"start": role.start, "end": role.end}
            for role in official.roles
        )
    if mentions:
        _insert_all(conn, "official_mentions", mentions)
        tally.records["officials"] += len(mentions)
    if roles:
        _insert_all(conn, "roles", roles)
        tally.records["roles"] += len(roles)
    return ids


def _merge_official(conn: sqlite3.Connection, official: Official) -> int:
    """Insert the official or reuse the one with the same key, keeping the fullest name."""
    found = conn.execute("SELECT id, name FROM officials WHERE key = ?", [official.key]).fetchone()
    if found is None:
        official_id = _insert(
            conn, "officials", {"key": official.key, "name": official.name, "kind": official.kind}
        )
    else:
        official_id = int(found[0])
        if len(official.name) > len(found[1]):
            conn.execute("UPDATE officials SET name = ? WHERE id = ?", [official.name, official_id])
    # The name is an alias too: a later, fuller name must not stop the shorter one matching.
    aliases = dict.fromkeys((official.name, *official.aliases))
    conn.executemany(
        "INSERT OR IGNORE INTO official_aliases (official_id, alias) VALUES (?, ?)",
        [(official_id, alias) for alias in aliases],
    )
    return official_id


def _official_id(conn: sqlite3.Connection, key: str) -> int | None:
    found = conn.execute("SELECT id FROM officials WHERE key = ?", [key]).fetchone()
    return None if found is None else int(found[0])


def _ensure_regions_exist(
    conn: sqlite3.Connection, result: ParseResult, known_regions: set[str]
) -> None:
    """Codes the gazetteer does not know still get a row, so a mention is never dropped."""
    names = {m.code: m.name for m in result.regions}
    names.update(
        {r.region_code: r.region or r.region_code for r in result.results if r.region_code}
    )
    missing = [(code, name, name) for code, name in names.items() if code not in known_regions]
    if missing:
        from refq.query import fold

        conn.executemany(
            "INSERT OR IGNORE INTO regions (code, name, short, level, country)"
            " VALUES (?, ?, ?, 'unknown', '')",
            missing,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO region_keys (key, code) VALUES (?, ?)",
            [(key, code) for code, name, _ in missing for key in {fold(code), fold(name)} if key],
        )
        known_regions.update(code for code, _, _ in missing)


def _prune_unmentioned_officials(conn: sqlite3.Connection) -> None:
    conn.execute(
        "DELETE FROM officials WHERE id NOT IN (SELECT official_id FROM official_mentions)"
        " AND id NOT IN (SELECT official_id FROM roles)"
        " AND id NOT IN"
        " (SELECT speaker_official_id FROM statements WHERE speaker_official_id IS NOT NULL)"
    )


@cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    cursor = conn.execute(_insert_sql(table, tuple(row)), tuple(row.values()))
    assert cursor.lastrowid is not None  # rowid tables always get one
    return cursor.lastrowid


def _insert_all(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    columns = tuple(rows[0])
    conn.executemany(_insert_sql(table, columns), [tuple(row.values()) for row in rows])

"""Writing parse results: a whole batch in one transaction, all or nothing.

A source is identified by its path. Loading the same path again with the same text and the
same source facts changes nothing (not even ``loaded_at``); anything else replaces the old
source row, and the cascade removes every record read from it, inside the same transaction.
Officials are global: they are merged across sources by ``Official.key``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from refq.errors import DatabaseError
from refq.knowledge import Region, load_knowledge
from refq.models import DatedPhrase, Evidence, Official, ParseResult, Result, Role, Statement
from refq.store.schema import open_for_writing

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
)


@dataclass(frozen=True, slots=True)
class LoadSummary:
    stored: tuple[str, ...]  # paths written, new or replacing an older version
    replaced: tuple[str, ...]  # the subset of ``stored`` that replaced an older version
    unchanged: tuple[str, ...]  # paths skipped because nothing changed
    records: dict[str, int]  # records written, by table


@dataclass
class _Tally:
    stored: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    records: Counter[str] = field(default_factory=Counter)

    def summary(self) -> LoadSummary:
        return LoadSummary(
            stored=tuple(self.stored),
            replaced=tuple(self.replaced),
            unchanged=tuple(self.unchanged),
            records=dict(self.records),
        )


def load_parse_results(
    db_path: Path,
    results: Iterable[ParseResult],
    *,
    gazetteer: Sequence[Region] | None = None,
    force: bool = False,
) -> LoadSummary:
    """Store a batch of parse results in one transaction; nothing is written if any part fails.

    ``gazetteer`` defaults to the bundled knowledge; it fills the ``regions`` table.
    ``force`` replaces sources even when they are unchanged (e.g. after the extractor changed).
    """
    regions = load_knowledge().regions if gazetteer is None else gazetteer
    db = open_for_writing(db_path)
    tally = _Tally()
    try:
        with db.atomic():
            sync_regions(db, regions)
            for result in results:
                _store_source(db, result, tally, force=force)
            if tally.replaced:
                _prune_unmentioned_officials(db)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{db_path}: nothing was written; storing failed ({exc})") from None
    finally:
        db.close()
    return tally.summary()


def sync_regions(db: Database, regions: Sequence[Region]) -> None:
    """Make the regions tables match the gazetteer, writing only rows that differ."""
    stored = {
        row[0]: tuple(row[1:])
        for row in db.execute("SELECT code, name, short, level, country FROM regions")
    }
    changed = [
        {"code": r.code, "name": r.name, "short": r.short, "level": r.level, "country": r.country}
        for r in regions
        if stored.get(r.code) != (r.name, r.short, r.level, r.country)
    ]
    if changed:
        db.table("regions").upsert_all(changed, pk="code")
    wanted = {(region.code, alias) for region in regions for alias in region.aliases}
    codes = {region.code for region in regions}
    present = {
        (code, alias) for code, alias in db.execute("SELECT code, alias FROM region_aliases")
    }
    for code, alias in sorted(present - wanted):
        if code in codes:
            db.execute("DELETE FROM region_aliases WHERE code = ? AND alias = ?", [code, alias])
    missing = [{"code": code, "alias": alias} for code, alias in sorted(wanted - present)]
    if missing:
        db.table("region_aliases").insert_all(missing)


def _store_source(db: Database, result: ParseResult, tally: _Tally, *, force: bool) -> None:
    row = _source_row(result)
    path = row["path"]
    columns = ", ".join(_COMPARED_SOURCE_COLUMNS)
    existing = db.execute(f"SELECT id, {columns} FROM sources WHERE path = ?", [path]).fetchone()
    if existing is not None:
        if not force and tuple(existing[1:]) == tuple(row[c] for c in _COMPARED_SOURCE_COLUMNS):
            tally.unchanged.append(path)
            return
        db.execute("DELETE FROM sources WHERE id = ?", [existing[0]])
        # The new row takes the old id: a source keeps its number (``--source 2``) for life.
        row["id"] = existing[0]
        tally.replaced.append(path)
    row["loaded_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    source_id = _insert(db, "sources", row)
    _store_records(db, source_id, result, tally)
    tally.stored.append(path)


def _source_row(result: ParseResult) -> dict[str, Any]:
    article, source = result.article, result.source
    return {
        "path": article.path,
        "sha256": article.sha256,
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


def _store_records(db: Database, source_id: int, result: ParseResult, tally: _Tally) -> None:
    official_ids = _store_officials(db, source_id, result.officials, tally)
    _ensure_regions_exist(db, result)
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
        "statements": [_statement_row(db, source_id, s, official_ids) for s in result.statements],
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
            db.table(table).insert_all(table_rows)
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
    db: Database, source_id: int, statement: Statement, official_ids: dict[str, int]
) -> dict[str, Any]:
    speaker_id = None
    if statement.speaker_key is not None:
        speaker_id = official_ids.get(statement.speaker_key) or _official_id(
            db, statement.speaker_key
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
    db: Database, source_id: int, officials: Iterable[Official], tally: _Tally
) -> dict[str, int]:
    """Merge each official into the global table; record where and as what this source names it."""
    ids: dict[str, int] = {}
    for official in officials:
        official_id = _merge_official(db, official)
        ids[official.key] = official_id
        mention = {"official_id": official_id, "source_id": source_id, "name": official.name}
        _insert(db, "official_mentions", mention | _span(official) | _evidence(official.evidence))
        roles = [
            {"official_id": official_id, "source_id": source_id, "title": role.title} | _span(role)
            for role in official.roles
        ]
        if roles:
            db.table("roles").insert_all(roles)
        tally.records["officials"] += 1
        tally.records["roles"] += len(roles)
    return ids


def _merge_official(db: Database, official: Official) -> int:
    """Insert the official or reuse the one with the same key, keeping the fullest name."""
    found = db.execute("SELECT id, name FROM officials WHERE key = ?", [official.key]).fetchone()
    if found is None:
        official_id = _insert(
            db, "officials", {"key": official.key, "name": official.name, "kind": official.kind}
        )
    else:
        official_id = int(found[0])
        if len(official.name) > len(found[1]):
            db.execute("UPDATE officials SET name = ? WHERE id = ?", [official.name, official_id])
    # The name is an alias too: a later, fuller name must not stop the shorter one matching.
    aliases = dict.fromkeys((official.name, *official.aliases))
    db.table("official_aliases").insert_all(
        ({"official_id": official_id, "alias": alias} for alias in aliases), ignore=True
    )
    return official_id


def _official_id(db: Database, key: str) -> int | None:
    found = db.execute("SELECT id FROM officials WHERE key = ?", [key]).fetchone()
    return None if found is None else int(found[0])


def _ensure_regions_exist(db: Database, result: ParseResult) -> None:
    """Codes the gazetteer does not know still get a row, so a mention is never dropped."""
    names = {m.code: m.name for m in result.regions}
    names.update(
        {r.region_code: r.region or r.region_code for r in result.results if r.region_code}
    )
    for code, name in names.items():
        db.execute(
            "INSERT OR IGNORE INTO regions (code, name, short, level, country)"
            " VALUES (?, ?, ?, 'unknown', '')",
            [code, name, name],
        )


def _prune_unmentioned_officials(db: Database) -> None:
    db.execute(
        "DELETE FROM officials WHERE id NOT IN (SELECT official_id FROM official_mentions)"
        " AND id NOT IN (SELECT official_id FROM roles)"
        " AND id NOT IN"
        " (SELECT speaker_official_id FROM statements WHERE speaker_official_id IS NOT NULL)"
    )


def _span(record: Official | Role) -> dict[str, int]:
    return {"start": record.start, "end": record.end}


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    # rowid tables always report an integer primary key
    return cast(int, db.table(table).insert(row).last_pk)

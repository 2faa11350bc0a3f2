"""Stored records read back as the typed models the extractor made, one bundle per source:
what ``refq compare-sources`` and ``refq timeline`` work on. Stdlib sqlite3 only."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from refq.compare import SourceRecords
from refq.errors import UsageError
from refq.models import (
    Claim,
    DatedPhrase,
    Evidence,
    Official,
    RegionMention,
    Result,
    Role,
    Statement,
)
from refq.query import SourceRow
from refq.query import sources as query_sources

_EVIDENCE = "evidence, evidence_start, evidence_end"


def _evidence(row: Sequence[Any]) -> Evidence:
    text, start, end = row[-3:]
    return Evidence(text, start, end)


def _by_source(
    conn: sqlite3.Connection, sql: str, ids: list[int]
) -> dict[int, list[tuple[Any, ...]]]:
    marks = ", ".join("?" for _ in ids)
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in conn.execute(sql.format(ids=marks), ids):
        grouped[row[0]].append(tuple(row[1:]))
    return grouped


def source_records(conn: sqlite3.Connection, selectors: Sequence[str] = ()) -> list[SourceRecords]:
    """Every stored source (or those matching any selector: id, outlet or path part)."""
    rows: list[SourceRow] = []
    wanted: Sequence[str | None] = list(selectors) or [None]
    for selector in wanted:
        matched = query_sources(conn, selector)
        if selector is not None and not matched:
            raise UsageError(f"no loaded source matches {selector!r}")
        rows += [r for r in matched if r.id not in {x.id for x in rows}]
    ids = [r.id for r in rows]
    if not ids:
        return []
    cites = {
        row[0]: tuple(json.loads(row[1]))
        for row in conn.execute(
            f"SELECT id, cites FROM sources WHERE id IN ({', '.join('?' for _ in ids)})", ids
        )
    }
    results = _by_source(
        conn,
        "SELECT source_id, region_code, region, option, percent, low, high, status, reported_by,"
        f' start, "end", {_EVIDENCE} FROM results WHERE source_id IN ({{ids}}) ORDER BY start',
        ids,
    )
    statements = _by_source(
        conn,
        "SELECT st.source_id, st.kind, st.speaker, o.key, st.speaker_surface, st.text, st.start,"
        f' st."end", st.channel, st.date, st.{_EVIDENCE.replace(", ", ", st.")}'
        " FROM statements st LEFT JOIN officials o ON o.id = st.speaker_official_id"
        " WHERE st.source_id IN ({ids}) ORDER BY st.start",
        ids,
    )
    regions = _by_source(
        conn,
        'SELECT m.source_id, m.code, g.name, m.surface, m.start, m."end" FROM region_mentions m'
        " JOIN regions g ON g.code = m.code WHERE m.source_id IN ({ids}) ORDER BY m.start",
        ids,
    )
    dates = _by_source(
        conn,
        f'SELECT source_id, phrase, date, precision, relative, start, "end", {_EVIDENCE}'
        " FROM dates WHERE source_id IN ({ids}) ORDER BY start",
        ids,
    )
    claims = _by_source(
        conn,
        f'SELECT source_id, phrase, low, high, region_code, start, "end", {_EVIDENCE}'
        " FROM claims WHERE source_id IN ({ids}) ORDER BY start",
        ids,
    )
    officials = _officials(conn, ids)
    return [
        SourceRecords(
            id=str(r.id),
            outlet=r.outlet,
            published=r.published,
            dateline=r.dateline,
            wires=r.wires,
            cites=cites.get(r.id, ()),
            results=tuple(_result(row) for row in results[r.id]),
            statements=tuple(_statement(row) for row in statements[r.id]),
            officials=officials.get(r.id, ()),
            regions=tuple(RegionMention(*row) for row in regions[r.id]),
            dates=tuple(
                DatedPhrase(row[0], row[1], row[2], bool(row[3]), row[4], row[5], _evidence(row))
                for row in dates[r.id]
            ),
            claims=tuple(
                Claim(row[0], row[1], row[2], row[3], row[4], row[5], _evidence(row))
                for row in claims[r.id]
            ),
        )
        for r in rows
    ]


def _result(row: tuple[Any, ...]) -> Result:
    code, region, option, percent, low, high, status, reported_by, start, end = row[:10]
    return Result(
        code, region, option, percent, low, high, status, reported_by, start, end, _evidence(row)
    )


def _statement(row: tuple[Any, ...]) -> Statement:
    kind, speaker, key, surface, text, start, end, channel, date = row[:9]
    return Statement(kind, speaker, key, surface, text, start, end, channel, date, _evidence(row))


def _officials(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[Official, ...]]:
    """Each source's officials as that source names them, with the roles it gives."""
    roles = _by_source(
        conn,
        'SELECT source_id, official_id, title, start, "end" FROM roles'
        " WHERE source_id IN ({ids}) ORDER BY start",
        ids,
    )
    mentions = _by_source(
        conn,
        'SELECT m.source_id, m.official_id, o.key, m.name, o.kind, m.start, m."end",'
        f" m.{_EVIDENCE.replace(', ', ', m.')}"
        " FROM official_mentions m JOIN officials o ON o.id = m.official_id"
        " WHERE m.source_id IN ({ids}) ORDER BY m.start",
        ids,
    )
    found: dict[int, tuple[Official, ...]] = {}
    for source_id in ids:
        titles: dict[int, list[Role]] = defaultdict(list)
        for official_id, title, start, end in roles[source_id]:
            titles[official_id].append(Role(title, start, end))
        found[source_id] = tuple(
            Official(
                key=key,
                name=name,
                kind=kind,
                aliases=(name,),
                roles=tuple(titles[official_id]),
                start=start,
                end=end,
                evidence=_evidence(row),
            )
            for row in mentions[source_id]
            for official_id, key, name, kind, start, end in [row[:6]]
        )
    return found

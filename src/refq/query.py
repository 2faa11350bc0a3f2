"""Queries over a refq database: a connection and filters in, frozen rows out.

Rows are named tuples (not Pydantic, nor even dataclasses: defining six frozen dataclasses
costs a query ~8 ms of start-up, named tuples ~2 ms) whose field names and order are the JSON
contract. Every filter value is a bound parameter; names are compared
folded (``fold``: transliterated to ASCII, case-folded, punctuation as spaces) by two small
SQL functions registered on the connection, so "odesa", "ODESA" and
"Запоріжжя" all match the same region.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, NamedTuple

from refq.errors import UsageError
from refq.names import name_key

_WORDS = re.compile(r"[a-z0-9]+")


class ResultRow(NamedTuple):
    region: str | None
    region_code: str | None
    percent: float
    status: str
    reported_by: str | None
    source: int
    outlet: str | None
    evidence: str
    start: int
    end: int
    option: str | None
    low: float
    high: float
    evidence_start: int
    evidence_end: int
    source_path: str


class StatementRow(NamedTuple):
    speaker: str | None
    quote: str  # exactly the quoted (direct) or reported text
    channel: str | None
    source: int
    outlet: str | None
    evidence: str
    start: int
    end: int
    kind: str
    date: str | None
    speaker_surface: str | None
    evidence_start: int
    evidence_end: int


class RoleRow(NamedTuple):
    title: str
    source: int

    def __str__(self) -> str:
        return f"{self.title} (source {self.source})"


class OfficialRow(NamedTuple):
    name: str
    aliases: tuple[str, ...]  # other names it goes by, without ``name``
    roles: tuple[RoleRow, ...]
    kind: str


class RegionRow(NamedTuple):
    code: str
    name: str
    level: str
    mentions: int
    sources: int


class SourceRow(NamedTuple):
    id: int
    outlet: str | None
    title: str | None
    published: str | None
    dateline: str | None
    wires: tuple[str, ...]
    path: str
    sha256: str
    url: str | None
    warnings: tuple[str, ...]


def fold(text: str) -> str:
    """The form names are compared in: 'Ivano-Frankivsk Oblast' -> 'ivano frankivsk oblast'."""
    if not text.isascii():
        # Imported on first need: most names are ASCII, and start-up matters here.
        from anyascii import anyascii

        text = anyascii(text)
    return " ".join(_WORDS.findall(text.casefold()))


def name_matches(candidate: str | None, folded_query: str) -> bool:
    """A name matches the whole folded query or ends with it: 'Smith' finds
    'Jane Smith', 'von der Leyen' finds 'Ursula von der Leyen'."""
    if not candidate or not folded_query:
        return False
    folded = fold(candidate)
    if folded == folded_query or folded.endswith(" " + folded_query):
        return True
    # Transliterations: "kovalsky" finds "Kovalskiy" and "Kovalskyy".
    key, wanted = name_key(candidate), name_key(folded_query)
    return bool(wanted) and (key == wanted or key.endswith(" " + wanted))


def _prepare(conn: sqlite3.Connection) -> None:
    conn.create_function("refq_fold", 1, _sql_fold, deterministic=True)
    conn.create_function("refq_name_match", 2, name_matches, deterministic=True)


def _sql_fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


def _folded(value: str, option: str) -> str:
    folded = fold(value)
    if not folded:
        raise UsageError(f"{option} needs letters or digits to match on, got {value!r}")
    return folded


class _Filters:
    """WHERE clauses and their bound parameters, built up one filter at a time."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: dict[str, Any] = {}

    def add(self, clause: str, **params: Any) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    def source(self, value: str | None, column: str = "s") -> None:
        if value is None:
            return
        text = value.strip()
        if text.isdigit():
            self.add(f"{column}.id = :source_id", source_id=int(text))
            return
        self.add(
            f"(refq_fold({column}.outlet) = :source_folded"
            f" OR instr(lower({column}.path), lower(:source_text)) > 0)",
            source_folded=_folded(text, "--source"),
            source_text=text,
        )

    def where(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


def results(
    conn: sqlite3.Connection, region: str | None = None, source: str | None = None
) -> list[ResultRow]:
    """Vote shares; ``region`` matches a region's code, name, short name or any alias."""
    _prepare(conn)
    filters = _Filters()
    if region is not None:
        filters.add(
            "(r.region_code IN (SELECT code FROM region_keys WHERE key = :region)"
            " OR (r.region_code IS NULL AND refq_fold(r.region) = :region))",
            region=_folded(region, "--region"),
        )
    filters.source(source)
    sql = f"""
        SELECT r.region, r.region_code, r.percent, r.status, r.reported_by,
               r.source_id AS source, s.outlet, r.evidence, r.start, r."end",
               r.option, r.low, r.high, r.evidence_start, r.evidence_end, s.path AS source_path
        FROM results AS r JOIN sources AS s ON s.id = r.source_id
        {filters.where()}
        ORDER BY r.source_id, r.start, r.id
    """
    return [ResultRow(*row) for row in conn.execute(sql, filters.params)]


def statements(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    contains: str | None = None,
    source: str | None = None,
    kind: str | None = None,
) -> list[StatementRow]:
    """Direct quotes and reported statements.

    ``speaker`` matches the speaker as written, or any name or alias of the resolved official,
    whole or as a trailing part (a surname). ``contains`` is a phrase searched in the statement
    text with full-text search.
    """
    _prepare(conn)
    filters = _Filters()
    if speaker is not None:
        filters.add(
            "(refq_name_match(st.speaker, :speaker) OR st.speaker_official_id IN"
            " (SELECT id FROM officials WHERE refq_name_match(name, :speaker)"
            " UNION SELECT official_id FROM official_aliases"
            " WHERE refq_name_match(alias, :speaker)))",
            speaker=_folded(speaker, "--speaker"),
        )
    if contains is not None:
        filters.add(
            "st.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :phrase)",
            phrase=_fts_phrase(contains, column="text"),
        )
    if kind is not None:
        filters.add("st.kind = :kind", kind=kind)
    filters.source(source)
    sql = f"""
        SELECT st.speaker, st.text, st.channel, st.source_id, s.outlet, st.evidence,
               st.start, st."end", st.kind, st.date, st.speaker_surface,
               st.evidence_start, st.evidence_end
        FROM statements AS st JOIN sources AS s ON s.id = st.source_id
        {filters.where()}
        ORDER BY st.source_id, st.start, st.id
    """
    return [StatementRow(*row) for row in conn.execute(sql, filters.params)]


def _fts_phrase(text: str, column: str) -> str:
    """User text as one quoted FTS5 phrase in one column: no operator or column name the user
    types is ever interpreted. The phrase is still a bound parameter, never spliced into SQL."""
    if not _WORDS.search(fold(text)):
        raise UsageError(f"--contains needs letters or digits to search for, got {text!r}")
    return f'{column} : "{text.replace(chr(34), chr(34) * 2)}"'


def officials(conn: sqlite3.Connection, name: str | None = None) -> list[OfficialRow]:
    """Officials with every name they go by and the roles each source gives them."""
    _prepare(conn)
    filters = _Filters()
    if name is not None:
        filters.add(
            "(refq_name_match(o.name, :name) OR o.id IN (SELECT official_id"
            " FROM official_aliases WHERE refq_name_match(alias, :name)))",
            name=_folded(name, "--name"),
        )
    found = conn.execute(
        f"SELECT o.id, o.name, o.kind FROM officials AS o {filters.where()} ORDER BY o.name, o.id",
        filters.params,
    ).fetchall()
    aliases: dict[int, list[str]] = {}
    for official_id, alias in conn.execute(
        "SELECT official_id, alias FROM official_aliases ORDER BY alias"
    ):
        aliases.setdefault(official_id, []).append(alias)
    roles: dict[int, list[RoleRow]] = {}
    for official_id, title, source_id in conn.execute(
        "SELECT official_id, title, source_id FROM roles"
        " GROUP BY official_id, title, source_id ORDER BY source_id, min(start)"
    ):
        roles.setdefault(official_id, []).append(RoleRow(title=title, source=source_id))
    return [
        OfficialRow(
            name=official_name,
            aliases=tuple(a for a in aliases.get(official_id, []) if a != official_name),
            roles=tuple(roles.get(official_id, [])),
            kind=kind,
        )
        for official_id, official_name, kind in found
    ]


def regions(conn: sqlite3.Connection, include_unmentioned: bool = False) -> list[RegionRow]:
    """Regions with how often, and in how many sources, they are mentioned; the most
    mentioned first. Gazetteer regions no source mentions appear only on request."""
    having = "" if include_unmentioned else "HAVING count(m.id) > 0"
    sql = f"""
        SELECT g.code, g.name, g.level, count(m.id), count(DISTINCT m.source_id)
        FROM regions AS g LEFT JOIN region_mentions AS m ON m.code = g.code
        GROUP BY g.code {having}
        ORDER BY count(m.id) DESC, g.name
    """
    return [RegionRow(*row) for row in conn.execute(sql)]


def sources(conn: sqlite3.Connection, source: str | None = None) -> list[SourceRow]:
    """Loaded articles, in load order."""
    _prepare(conn)
    filters = _Filters()
    filters.source(source, column="sources")
    sql = f"""
        SELECT id, outlet, title, published, dateline, wires, path, sha256, url, warnings
        FROM sources {filters.where()} ORDER BY id
    """
    rows = []
    for row in conn.execute(sql, filters.params):
        source_id, outlet, title, published, dateline, wires, path, sha256, url, warnings = row
        rows.append(
            SourceRow(
                id=source_id,
                outlet=outlet,
                title=title,
                published=published,
                dateline=dateline,
                wires=_json_strings(wires),
                path=path,
                sha256=sha256,
                url=url,
                warnings=_json_strings(warnings),
            )
        )
    return rows


def _json_strings(value: str) -> tuple[str, ...]:
    return tuple(str(item) for item in json.loads(value))

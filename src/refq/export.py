"""Every record in a refq database, with its provenance, in shapes other tools read.

One reader (``read_export``) turns the database into typed, flat records: each carries the
source it was read from (``source_id``, ``outlet``, ``path``, ``sha256``), its offsets into
that source's stored text and, where there is one, its evidence sentence with offsets. Three
writers lay the same records out as JSON Lines (one object per line, told apart by ``type``),
one JSON document (``ExportDocument``) or one CSV file per record type.

The dataclasses here are the export contract: ``refq.jsonschema`` generates the JSON Schema
that ``refq schema`` prints from them, so a field added here is a field documented there.
Stdlib only: Pydantic stays in ``refq.jsonschema``.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal, TextIO

from refq.models import ChromeBlock, OfficialKind, ResultStatus, Role, StatementKind

# Bumped when a field is renamed or removed, or changes meaning; adding a field does not.
EXPORT_SCHEMA_VERSION: Literal[1] = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRecord:
    """A loaded article: what it says about itself, where it was read from, and the exact
    stored text every record's offsets point into."""

    type: Literal["source"]
    id: int
    outlet: str | None
    title: str | None
    published: str | None
    dateline: str | None
    wires: tuple[str, ...]
    cites: tuple[str, ...]
    url: str | None
    path: str
    sha256: str
    warnings: tuple[str, ...]
    chrome: tuple[ChromeBlock, ...]
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultRecord:
    """A vote share an article reports, read from its evidence sentence."""

    type: Literal["result"]
    source_id: int
    outlet: str | None
    path: str
    sha256: str
    region_code: str | None
    region: str | None
    option: str | None
    percent: float
    low: float
    high: float
    status: ResultStatus
    reported_by: str | None
    text: str
    start: int
    end: int
    evidence: str
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementRecord:
    """A direct quotation or a reported statement, with who made it."""

    type: Literal["statement"]
    source_id: int
    outlet: str | None
    path: str
    sha256: str
    kind: StatementKind
    speaker: str | None
    speaker_key: str | None
    speaker_surface: str | None
    text: str
    start: int
    end: int
    channel: str | None
    date: str | None
    evidence: str
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class OfficialRecord:
    """A person or speaking body as one article names them: where it first names them in
    full, and the roles it gives them."""

    type: Literal["official"]
    source_id: int
    outlet: str | None
    path: str
    sha256: str
    key: str
    name: str
    kind: OfficialKind
    aliases: tuple[str, ...]
    mention: str
    roles: tuple[Role, ...]
    start: int
    end: int
    evidence: str
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionRecord:
    """A place an article mentions, resolved to a gazetteer region."""

    type: Literal["region"]
    source_id: int
    outlet: str | None
    path: str
    sha256: str
    code: str
    name: str
    level: str
    country: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DateRecord:
    """A date an article gives, resolved against its publication date."""

    type: Literal["date"]
    source_id: int
    outlet: str | None
    path: str
    sha256: str
    phrase: str
    date: str
    precision: Literal["day", "month", "year"]
    relative: bool
    start: int
    end: int
    evidence: str
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRecord:
    """A vote share described in words ("overwhelming majorities"), with the range it allows."""

    type: Literal["claim"]
    source_id: int
    outlet: str | None
    path: str
    sha256: str
    phrase: str
    low: float
    high: float
    region_code: str | None
    start: int
    end: int
    evidence: str
    evidence_start: int
    evidence_end: int


Record = (
    SourceRecord
    | ResultRecord
    | StatementRecord
    | OfficialRecord
    | RegionRecord
    | DateRecord
    | ClaimRecord
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportDocument:
    """Everything in a refq database: the sources, then every record read from them."""

    schema_version: Literal[1]
    sources: tuple[SourceRecord, ...]
    results: tuple[ResultRecord, ...]
    statements: tuple[StatementRecord, ...]
    officials: tuple[OfficialRecord, ...]
    regions: tuple[RegionRecord, ...]
    dates: tuple[DateRecord, ...]
    claims: tuple[ClaimRecord, ...]

    def records(self) -> Iterator[Record]:
        """Every record, sources first, in the order of the document's keys."""
        yield from self.sources
        yield from self.results
        yield from self.statements
        yield from self.officials
        yield from self.regions
        yield from self.dates
        yield from self.claims


# The document key (and CSV file stem) of each record type, in document order.
TABLE_OF: dict[type[Record], str] = {
    SourceRecord: "sources",
    ResultRecord: "results",
    StatementRecord: "statements",
    OfficialRecord: "officials",
    RegionRecord: "regions",
    DateRecord: "dates",
    ClaimRecord: "claims",
}

# What each field (export) or column (database) means: for the JSON Schema and for the column
# descriptions Datasette shows. ``describe`` looks in OVERRIDES for the table first.
DESCRIPTIONS: dict[str, str] = {
    "type": "Which kind of record this is.",
    "schema_version": "Version of the export format.",
    "source_id": "The source (article) this was read from.",
    "official_id": "The official this is about.",
    "speaker_official_id": "The official who spoke, when the speaker is a known official.",
    "outlet": "The outlet that published the article.",
    "title": "The article's headline.",
    "published": "Publication date (YYYY-MM-DD) from the manifest, front matter or page.",
    "dateline": "A date printed in the page itself, kept apart from the publication date.",
    "wires": "News agencies credited for the article (Reuters, AP, ...).",
    "cites": "News agencies the article names as its source (RIA, TASS, ...).",
    "url": "Where the article was published, when known.",
    "path": "The file the article was read from.",
    "sha256": "SHA-256 of the article's stored text.",
    "input_key": "Hash of what extraction read (text, path, metadata, reference data): a "
    "load that finds the same key skips the article.",
    "warnings": "Doubts about reading or extracting this article.",
    "loaded_at": "When this version of the article was loaded (UTC).",
    "chrome": "Stretches of page furniture (banners, captions, credits) kept in the text.",
    "text": "Exactly the source's text from start to end: what this record cites.",
    "start": "Offset of the first character this record cites in the source's text.",
    "end": "Offset just past the last character this record cites in the source's text.",
    "evidence": "The sentence this record was read from.",
    "evidence_start": "Offset of the evidence sentence in the source's text.",
    "evidence_end": "Offset just past the evidence sentence in the source's text.",
    "region_code": "ISO 3166 code of the region, when the region is known.",
    "region": "The region's name.",
    "option": "The candidate or choice the share is for, when the text names one.",
    "percent": "The share as stated, in percent.",
    "low": "Lowest value the stated precision allows (93 percent: 92.5).",
    "high": "Highest value the stated precision allows (93 percent: 93.5).",
    "status": "preliminary, final, exit_poll or unknown.",
    "reported_by": "Who the article says reported the figure.",
    "speaker": "The official's name when the speaker is resolved, else the speaker phrase.",
    "speaker_key": "The speaking official's key, when the speaker is a known official.",
    "speaker_surface": "What the text says at the attribution (he, Smith, ...).",
    "channel": "Where it was said (Telegram, a tweet, ...), when the text says.",
    "date": "ISO date (YYYY-MM-DD) the attribution gives.",
    "key": "The official's identity across articles: the name folded to lower-case ASCII.",
    "name": "The name.",
    "aliases": "Every name the official goes by across the articles.",
    "alias": "Another name for the same thing.",
    "mention": "The official's name as this article gives it in full.",
    "roles": "Titles this article gives the official, with their offsets.",
    "code": "ISO 3166 code of the region.",
    "short": "The region's name as usually written in running text.",
    "level": "country, oblast, republic, city, ...",
    "country": "ISO 3166-1 code of the country the region belongs to.",
    "surface": "The region's name as the text writes it.",
    "phrase": "The words as the text writes them.",
    "precision": "day, month or year.",
    "relative": "Whether the text gives the date relative to publication (yesterday, ...).",
}
OVERRIDES: dict[str, dict[str, str]] = {
    "document": {
        "sources": "The loaded articles, with their stored text.",
        "results": "Vote shares the articles report.",
        "statements": "Direct quotations and reported statements.",
        "officials": "People and bodies, once per article that names them.",
        "regions": "Region mentions, resolved to gazetteer regions.",
        "dates": "Dates the articles give, resolved.",
        "claims": "Vote shares the articles describe in words.",
    },
    "sources": {
        "id": "The source's number: what --source and every record's source_id refer to.",
        "text": "The article's text as stored: every offset points into it.",
    },
    "statements": {
        "kind": "direct (a quotation) or reported.",
        "text": "The words between the quote marks (direct), or the reported content.",
    },
    "officials": {"kind": "person or body.", "name": "The fullest name the articles give."},
    "official_mentions": {"name": "The official's name as this article gives it in full."},
    "roles": {"title": "The title as the article gives it (NATO chief, ...)."},
    "chrome": {
        "kind": "banner, teaser, live_box, caption, credit, photo_credit, ...",
        "start": "Offset of the first character of the stretch in the source's text.",
        "end": "Offset just past the stretch in the source's text.",
    },
    "regions": {"name": "The region's canonical English name."},
    "dates": {"date": "The date, resolved: ISO (YYYY-MM-DD)."},
    "findings": {
        "kind": "results, statements, officials, regions, dates or sources.",
        "verdict": "agree, conflict or only_in.",
        "subject": "What the sources say something about (a region, a quotation, a person, ...).",
        "sources": "The ids of the sources involved (JSON array).",
        "detail": "What each source says and why the verdict is what it is.",
        "independent": "For an agreement: 1 when the sources share no wire service or agency.",
        "computed_at": "When the cross-check was computed (UTC).",
    },
    "finding_evidence": {
        "finding_id": "The finding this evidence is for.",
        "says": "What this source says on the subject.",
        "text": "The sentence it says it in.",
    },
    "claims": {
        "phrase": "The words that describe the share (overwhelming majorities, ...).",
        "low": "Lowest share the words allow, in percent.",
        "high": "Highest share the words allow, in percent.",
    },
}


def describe(table: str, name: str) -> str | None:
    """What field or column ``name`` of ``table`` means, if refq documents it."""
    return OVERRIDES.get(table, {}).get(name) or DESCRIPTIONS.get(name)


def read_export(
    conn: sqlite3.Connection, source_ids: Collection[int] | None = None
) -> ExportDocument:
    """Every record in the database, or only those of ``source_ids``, in source then offset
    order. Uses only the connection it is given (stdlib ``sqlite3``)."""
    reader = _Reader(conn, None if source_ids is None else tuple(source_ids))
    return ExportDocument(
        schema_version=EXPORT_SCHEMA_VERSION,
        sources=tuple(reader.by_id.values()),
        results=reader.results(),
        statements=reader.statements(),
        officials=reader.officials(),
        regions=reader.regions(),
        dates=reader.dates(),
        claims=reader.claims(),
    )


class _Reader:
    """Reads one table at a time, each row tied to its source's provenance."""

    def __init__(self, conn: sqlite3.Connection, ids: tuple[int, ...] | None) -> None:
        self.conn = conn
        self.ids = ids
        self.by_id = {source.id: source for source in self._sources()}

    def rows(self, sql: str, column: str = "source_id") -> list[sqlite3.Row]:
        """Rows of ``sql`` with its ``{where}`` slot filled by the source filter on ``column``."""
        where, params = "", list(self.ids or ())
        if self.ids is not None:
            where = f"WHERE {column} IN ({', '.join('?' * len(self.ids))})"
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql.format(where=where), params).fetchall()

    def provenance(self, row: sqlite3.Row) -> dict[str, Any]:
        source = self.by_id[row["source_id"]]
        return {
            "source_id": source.id,
            "outlet": source.outlet,
            "path": source.path,
            "sha256": source.sha256,
        }

    def _sources(self) -> list[SourceRecord]:
        chrome: dict[int, list[ChromeBlock]] = {}
        sql = (
            'SELECT source_id, kind, start, "end" FROM chrome {where} ORDER BY source_id, start, id'
        )
        for row in self.rows(sql):
            chrome.setdefault(row["source_id"], []).append(
                ChromeBlock(kind=row["kind"], start=row["start"], end=row["end"])
            )
        sql = """
            SELECT id, outlet, title, published, dateline, wires, cites, url, path, sha256,
                   warnings, text
            FROM sources {where} ORDER BY id
        """
        return [
            SourceRecord(
                type="source",
                id=row["id"],
                outlet=row["outlet"],
                title=row["title"],
                published=row["published"],
                dateline=row["dateline"],
                wires=_json_strings(row["wires"]),
                cites=_json_strings(row["cites"]),
                url=row["url"],
                path=row["path"],
                sha256=row["sha256"],
                warnings=_json_strings(row["warnings"]),
                chrome=tuple(chrome.get(row["id"], ())),
                text=row["text"],
            )
            for row in self.rows(sql, column="id")
        ]

    def results(self) -> tuple[ResultRecord, ...]:
        sql = """
            SELECT source_id, region_code, region, option, percent, low, high, status,
                   reported_by, start, "end", evidence, evidence_start, evidence_end
            FROM results {where} ORDER BY source_id, start, id
        """
        return tuple(
            ResultRecord(
                type="result",
                **self.provenance(row),
                region_code=row["region_code"],
                region=row["region"],
                option=row["option"],
                percent=row["percent"],
                low=row["low"],
                high=row["high"],
                status=row["status"],
                reported_by=row["reported_by"],
                text=self.by_id[row["source_id"]].text[row["start"] : row["end"]],
                start=row["start"],
                end=row["end"],
                **_evidence(row),
            )
            for row in self.rows(sql)
        )

    def statements(self) -> tuple[StatementRecord, ...]:
        sql = """
            SELECT st.source_id, st.kind, st.speaker, o.key AS speaker_key, st.speaker_surface,
                   st.text, st.start, st."end", st.channel, st.date,
                   st.evidence, st.evidence_start, st.evidence_end
            FROM statements AS st LEFT JOIN officials AS o ON o.id = st.speaker_official_id
            {where} ORDER BY st.source_id, st.start, st.id
        """
        return tuple(
            StatementRecord(
                type="statement",
                **self.provenance(row),
                kind=row["kind"],
                speaker=row["speaker"],
                speaker_key=row["speaker_key"],
                speaker_surface=row["speaker_surface"],
                text=row["text"],
                start=row["start"],
                end=row["end"],
                channel=row["channel"],
                date=row["date"],
                **_evidence(row),
            )
            for row in self.rows(sql, column="st.source_id")
        )

    def officials(self) -> tuple[OfficialRecord, ...]:
        aliases: dict[int, list[str]] = {}
        for official_id, alias in self.conn.execute(
            "SELECT official_id, alias FROM official_aliases ORDER BY official_id, alias"
        ):
            aliases.setdefault(official_id, []).append(alias)
        roles: dict[tuple[int, int], list[Role]] = {}
        sql = 'SELECT official_id, source_id, title, start, "end" FROM roles {where}'
        for row in self.rows(sql + " ORDER BY source_id, start, id"):
            roles.setdefault((row["official_id"], row["source_id"]), []).append(
                Role(title=row["title"], start=row["start"], end=row["end"])
            )
        sql = """
            SELECT m.source_id, m.official_id, o.key, o.name, o.kind, m.name AS mention,
                   m.start, m."end", m.evidence, m.evidence_start, m.evidence_end
            FROM official_mentions AS m JOIN officials AS o ON o.id = m.official_id
            {where} ORDER BY m.source_id, m.start, m.id
        """
        return tuple(
            OfficialRecord(
                type="official",
                **self.provenance(row),
                key=row["key"],
                name=row["name"],
                kind=row["kind"],
                aliases=tuple(aliases.get(row["official_id"], ())),
                mention=row["mention"],
                roles=tuple(roles.get((row["official_id"], row["source_id"]), ())),
                start=row["start"],
                end=row["end"],
                **_evidence(row),
            )
            for row in self.rows(sql, column="m.source_id")
        )

    def regions(self) -> tuple[RegionRecord, ...]:
        sql = """
            SELECT m.source_id, m.code, g.name, g.level, g.country, m.surface, m.start, m."end"
            FROM region_mentions AS m JOIN regions AS g ON g.code = m.code
            {where} ORDER BY m.source_id, m.start, m.id
        """
        return tuple(
            RegionRecord(
                type="region",
                **self.provenance(row),
                code=row["code"],
                name=row["name"],
                level=row["level"],
                country=row["country"],
                surface=row["surface"],
                start=row["start"],
                end=row["end"],
            )
            for row in self.rows(sql, column="m.source_id")
        )

    def dates(self) -> tuple[DateRecord, ...]:
        sql = """
            SELECT source_id, phrase, date, precision, relative, start, "end",
                   evidence, evidence_start, evidence_end
            FROM dates {where} ORDER BY source_id, start, id
        """
        return tuple(
            DateRecord(
                type="date",
                **self.provenance(row),
                phrase=row["phrase"],
                date=row["date"],
                precision=row["precision"],
                relative=bool(row["relative"]),
                start=row["start"],
                end=row["end"],
                **_evidence(row),
            )
            for row in self.rows(sql)
        )

    def claims(self) -> tuple[ClaimRecord, ...]:
        sql = """
            SELECT source_id, phrase, low, high, region_code, start, "end",
                   evidence, evidence_start, evidence_end
            FROM claims {where} ORDER BY source_id, start, id
        """
        return tuple(
            ClaimRecord(
                type="claim",
                **self.provenance(row),
                phrase=row["phrase"],
                low=row["low"],
                high=row["high"],
                region_code=row["region_code"],
                start=row["start"],
                end=row["end"],
                **_evidence(row),
            )
            for row in self.rows(sql)
        )


def _evidence(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "evidence": row["evidence"],
        "evidence_start": row["evidence_start"],
        "evidence_end": row["evidence_end"],
    }


def _json_strings(value: str) -> tuple[str, ...]:
    return tuple(str(item) for item in json.loads(value))


# Writers


def as_json_object(record: Record | ExportDocument) -> dict[str, Any]:
    """A record as the JSON object the export writes: nested records become objects."""
    return asdict(record)


def write_jsonl(document: ExportDocument, out: TextIO) -> int:
    """One JSON object per line, sources first; returns how many lines were written."""
    count = 0
    for record in document.records():
        out.write(json.dumps(as_json_object(record), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_json(document: ExportDocument, out: TextIO) -> None:
    json.dump(as_json_object(document), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv_dir(document: ExportDocument, folder: Path) -> list[Path]:
    """One CSV file per record type (``sources.csv``, ``results.csv``, ...), each with a
    header row, even when it has no rows. ``type`` is left out (the file name says it);
    list-valued fields hold JSON arrays. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for record_type, table in TABLE_OF.items():
        columns = [f.name for f in fields(record_type) if f.name != "type"]
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            records: tuple[Record, ...] = getattr(document, table)
            for record in records:
                row = as_json_object(record)
                writer.writerow(_csv_cell(row[column]) for column in columns)
        written.append(path)
    return written


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)

"""Typed records that flow through refq: article in, evidence-linked records out.

These are plain frozen dataclasses rather than Pydantic models on purpose: query commands
must start like a small tool, and defining Pydantic models costs ~200 ms of import time on
this hardware (measured with ``python -X importtime``). Pydantic is used where validation is
the point: manifests and front matter coming in (``refq.metadata``) and the JSON Schema going
out. Every record that cites text carries ``start``/``end`` offsets into ``Article.text`` such
that ``text[start:end]`` is exactly what the record quotes or cites, plus the offsets of its
evidence sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ResultStatus = Literal["preliminary", "final", "exit_poll", "unknown"]
StatementKind = Literal["direct", "reported"]
OfficialKind = Literal["person", "body"]


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What a manifest or front matter says about an article; every field optional."""

    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article as stored: ``text`` is the exact text all offsets point into."""

    path: str
    text: str
    sha256: str
    meta: SourceMeta = field(default_factory=SourceMeta)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    chrome: bool  # page furniture: banners, teasers, captions, credit lines


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a record was read from, with its offsets in the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ChromeBlock:
    """A stretch of page furniture, kept in the text but producing no records."""

    kind: str  # banner, teaser, live_box, caption, credit, photo_credit, ...
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceInfo:
    outlet: str | None
    title: str | None
    published: str | None
    dateline: str | None  # a date printed in the page itself, kept apart from `published`
    wires: tuple[str, ...]
    chrome: tuple[ChromeBlock, ...]
    outlet_evidence: Evidence | None = None
    cites: tuple[str, ...] = ()  # news agencies the body names as its source (RIA, TASS, ...)


@dataclass(frozen=True, slots=True)
class RegionMention:
    code: str
    name: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Result:
    """A reported vote share. ``low``/``high`` give the precision as stated (93 -> 92.5-93.5)."""

    region_code: str | None
    region: str | None
    option: str | None  # a candidate or choice when the text names one
    percent: float
    low: float
    high: float
    status: ResultStatus
    reported_by: str | None
    start: int  # the percentage phrase, e.g. "93 percent"
    end: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Official:
    """A person or a speaking body, with every name it goes by in one article."""

    key: str  # transliteration-folded name, the identity used across articles
    name: str  # the fullest name the article gives
    kind: OfficialKind
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    start: int  # first full mention
    end: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Statement:
    """A direct quotation (``text`` is exactly what stands between the quote marks) or a
    reported statement (``text`` is the reported content)."""

    kind: StatementKind
    speaker: str | None  # the official's name when resolved, else the speaker phrase
    speaker_key: str | None  # Official.key when the speaker is a known official
    speaker_surface: str | None  # what the text says at the attribution: "he", "Smith"
    text: str
    start: int
    end: int
    channel: str | None
    date: str | None  # ISO date when the attribution gives one
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DatedPhrase:
    """A date the article gives, resolved against its publication date."""

    phrase: str
    date: str  # ISO date
    precision: Literal["day", "month", "year"]
    relative: bool
    start: int
    end: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Claim:
    """A vote share described in words ("overwhelming majorities"), with the range it allows."""

    phrase: str
    low: float
    high: float
    region_code: str | None
    start: int
    end: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ParseResult:
    article: Article
    source: SourceInfo
    sentences: tuple[Sentence, ...]
    regions: tuple[RegionMention, ...]
    results: tuple[Result, ...]
    officials: tuple[Official, ...]
    statements: tuple[Statement, ...]
    dates: tuple[DatedPhrase, ...]
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = ()
    extractor: str = ""  # the reference data's fingerprint (``Knowledge.fingerprint``)


def input_key(article: Article, extractor: str) -> str:
    """What an extraction depends on: the text, where it is stored, its metadata and the
    reference data. A stored source with the same key would be extracted to the same records."""
    import hashlib

    parts = (article.sha256, article.path, repr(article.meta), extractor)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()

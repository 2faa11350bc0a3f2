"""Cross-checking sources, fact by fact: what they agree on, contradict, or alone report.

Pure logic over typed records: no storage, CLI or Rich imports. Records are grouped by
normalised keys (blocking) -- region code, surname key, body token set, quotation shingles --
so the work grows with the number of records, not with the number of pairs of records.
Thresholds and equivalences are data (``data/compare.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from refq.errors import KnowledgeError
from refq.knowledge import data_dir
from refq.models import (
    Claim,
    DatedPhrase,
    Official,
    ParseResult,
    RegionMention,
    Result,
    Statement,
)
from refq.names import fold, name_key, surname

Verdict = Literal["agree", "conflict", "only_in"]
KINDS = ("results", "statements", "officials", "regions", "dates", "sources")
_VERDICT_ORDER = {"conflict": 0, "agree": 1, "only_in": 2}


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: signatures are cached per object
class CompareSettings:
    name_similarity: int
    quote_similarity: int
    containment_min_words: int
    dateline_tolerance_days: int
    role_groups: dict[str, int]  # role word -> synonym group
    body_words: dict[str, str]  # body word -> canonical word
    body_stopwords: frozenset[str]
    demonyms: dict[str, str]  # "British" -> "GB"
    demonym_pattern: re.Pattern[str]
    role_pattern: re.Pattern[str]


@cache
def load_settings(folder: Path | None = None) -> CompareSettings:
    path = (folder or data_dir()) / "compare.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read comparison settings ({exc})") from exc
    role_groups = {
        word.casefold(): index
        for index, group in enumerate(raw.get("role_synonyms", []))
        for word in group
    }
    body_words = {word: group[0] for group in raw.get("body_synonyms", []) for word in group}
    demonyms = {
        alias: code for code, aliases in raw.get("demonyms", {}).items() for alias in aliases
    }
    return CompareSettings(
        name_similarity=int(raw.get("name_similarity", 85)),
        quote_similarity=int(raw.get("quote_similarity", 90)),
        containment_min_words=int(raw.get("containment_min_words", 3)),
        dateline_tolerance_days=int(raw.get("dateline_tolerance_days", 2)),
        role_groups=role_groups,
        body_words=body_words,
        body_stopwords=frozenset(raw.get("body_stopwords", [])),
        demonyms=demonyms,
        demonym_pattern=_words_pattern(demonyms),
        role_pattern=_words_pattern(role_groups),
    )


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])")


@dataclass(frozen=True, slots=True)
class SourceRecords:
    """Everything one stored source says, as the comparison needs it."""

    id: str
    outlet: str | None
    published: str | None
    dateline: str | None
    wires: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    results: tuple[Result, ...] = ()
    statements: tuple[Statement, ...] = ()
    officials: tuple[Official, ...] = ()
    regions: tuple[RegionMention, ...] = ()
    dates: tuple[DatedPhrase, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.outlet or 'source'} #{self.id}"

    @classmethod
    def from_parse(cls, source_id: str, parsed: ParseResult) -> SourceRecords:
        """What one freshly extracted article says, without a round trip through storage."""
        s = parsed.source
        return cls(
            id=source_id,
            outlet=s.outlet,
            published=s.published,
            dateline=s.dateline,
            wires=s.wires,
            cites=s.cites,
            results=parsed.results,
            statements=parsed.statements,
            officials=parsed.officials,
            regions=parsed.regions,
            dates=parsed.dates,
            claims=parsed.claims,
        )


@dataclass(frozen=True, slots=True)
class Cited:
    """What one source says on a subject, and where."""

    source: str
    says: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    verdict: Verdict
    subject: str
    sources: tuple[str, ...]
    detail: str
    evidence: tuple[Cited, ...]
    independent: bool | None = None  # for agreement: do the sources share no upstream?


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: str
    outlet: str | None
    published: str | None
    dateline: str | None
    wires: tuple[str, ...]
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    sources: tuple[SourceSummary, ...]
    findings: tuple[Finding, ...]

    @property
    def conflicts(self) -> int:
        return sum(1 for f in self.findings if f.verdict == "conflict")


def compare_sources(
    sources: Sequence[SourceRecords],
    kinds: Iterable[str] | None = None,
    settings: CompareSettings | None = None,
) -> Comparison:
    settings = settings or load_settings()
    wanted = set(kinds or KINDS)
    upstream = _upstreams(sources)
    findings: list[Finding] = []
    if "sources" in wanted:
        findings += _source_findings(sources, upstream)
    if "results" in wanted:
        findings += _result_findings(sources)
    if "statements" in wanted:
        findings += _statement_findings(sources, settings)
    if "officials" in wanted:
        findings += _official_findings(sources, settings)
    if "regions" in wanted:
        findings += _region_findings(sources)
    if "dates" in wanted:
        findings += _date_findings(sources, settings)
    findings = [_mark_independence(f, upstream) for f in findings]
    findings.sort(key=lambda f: (_VERDICT_ORDER[f.verdict], KINDS.index(f.kind), f.subject))
    summaries = tuple(
        SourceSummary(
            s.id,
            s.outlet,
            s.published,
            s.dateline,
            s.wires,
            s.cites,
        )
        for s in sources
    )
    return Comparison(summaries, tuple(findings))


# --- independence ----------------------------------------------------------------------------


def _upstreams(sources: Sequence[SourceRecords]) -> dict[str, set[str]]:
    """source id -> the wire services and agencies it credits or cites."""
    return {s.id: {*s.wires, *s.cites} for s in sources}


def _source_findings(
    sources: Sequence[SourceRecords], upstream: dict[str, set[str]]
) -> list[Finding]:
    """One finding per wire service or agency that two or more sources lean on."""
    users: dict[str, list[SourceRecords]] = defaultdict(list)
    for source in sources:
        for name in sorted(upstream[source.id]):
            users[name].append(source)
    findings: list[Finding] = []
    for name, group in sorted(users.items()):
        if len(group) < 2:
            continue
        shown = ", ".join(s.label for s in group[:5]) + (" ..." if len(group) > 5 else "")
        findings.append(
            Finding(
                kind="sources",
                verdict="agree",
                subject=f"shared upstream: {name}",
                sources=tuple(s.id for s in group),
                detail=(
                    f"{len(group)} sources rely on {name} ({shown}): where they agree, "
                    "that is not independent corroboration"
                ),
                evidence=(),
                independent=False,
            )
        )
    return findings


def _mark_independence(finding: Finding, upstream: dict[str, set[str]]) -> Finding:
    if finding.verdict != "agree" or finding.kind == "sources" or len(finding.sources) < 2:
        return finding
    seen: set[str] = set()
    for source_id in finding.sources:
        names = upstream.get(source_id, set())
        if seen & names:
            return replace(finding, independent=False)
        seen |= names
    return replace(finding, independent=True)


# --- results ---------------------------------------------------------------------------------


def _result_subject(result: Result) -> tuple[str, str]:
    if result.region_code:
        return result.region_code, result.region or result.region_code
    if result.option:
        return "option:" + name_key(result.option), result.option
    return "unspecified", "unspecified vote share"


def _fmt(value: float) -> str:
    return f"{value:g}%"


def _result_findings(sources: Sequence[SourceRecords]) -> list[Finding]:
    groups: dict[str, list[tuple[SourceRecords, Result]]] = defaultdict(list)
    names: dict[str, str] = {}
    for source in sources:
        for result in source.results:
            key, name = _result_subject(result)
            groups[key].append((source, result))
            names[key] = name
    findings: list[Finding] = []
    for key, members in groups.items():
        ids = tuple(dict.fromkeys(s.id for s, _ in members))
        evidence = tuple(
            Cited(s.id, f"{_fmt(r.percent)} ({r.status})", r.evidence.text, r.start, r.end)
            for s, r in members
        )
        claims = [
            (s, c)
            for s in sources
            if s.id not in ids
            for c in s.claims
            if c.region_code in (None, key)
        ]
        if len(ids) == 1:
            detail = f"only {members[0][0].label} reports a figure"
            detail += _claims_detail([r for _, r in members], claims)
            findings.append(Finding("results", "only_in", names[key], ids, detail, evidence))
            continue
        verdict, detail = _numbers_verdict(members)
        detail += _claims_detail([r for _, r in members], claims)
        findings.append(Finding("results", verdict, names[key], ids, detail, evidence))
    findings += _claim_findings(sources)
    return findings


def _numbers_verdict(members: list[tuple[SourceRecords, Result]]) -> tuple[Verdict, str]:
    """Figures agree when the intervals their stated precision allows overlap (93 and 93.11);
    a preliminary figure against a final one is a count that moved, not a contradiction."""
    low = max(r.low for _, r in members)
    high = min(r.high for _, r in members)
    said = "; ".join(f"{s.label}: {_fmt(r.percent)} {r.status}" for s, r in members)
    statuses = {r.status for _, r in members}
    if low <= high:
        note = " (statuses differ)" if len(statuses) > 1 else ""
        return "agree", f"figures agree within their stated precision{note} -- {said}"
    if {"preliminary", "final"} <= statuses or "exit_poll" in statuses:
        return "agree", f"figures differ, but one is preliminary or an exit poll -- {said}"
    return "conflict", f"figures contradict each other -- {said}"


def _claims_detail(results: list[Result], claims: list[tuple[SourceRecords, Claim]]) -> str:
    parts = []
    for source, claim in claims:
        fits = all(claim.low <= r.high and r.low <= claim.high for r in results)
        word = "consistent with" if fits else "INCONSISTENT with"
        parts.append(
            f'{word} {source.label}\'s "{claim.phrase}" ({_fmt(claim.low)}-{_fmt(claim.high)})'
        )
    return "; " + "; ".join(parts) if parts else ""


def _claim_findings(sources: Sequence[SourceRecords]) -> list[Finding]:
    """A source's words ("overwhelming majorities") checked against others' numbers."""
    findings: list[Finding] = []
    for source in sources:
        for claim in source.claims:
            others = [
                (s, r)
                for s in sources
                if s.id != source.id
                for r in s.results
                if claim.region_code in (None, r.region_code)
            ]
            if not others:
                continue
            misfits = [
                (s, r) for s, r in others if not (claim.low <= r.high and r.low <= claim.high)
            ]
            verdict: Verdict = "conflict" if misfits else "agree"
            checked = misfits or others
            figures = ", ".join(
                f"{r.region or r.option or '?'} {_fmt(r.percent)}" for _, r in checked
            )
            detail = (
                f'{source.label} says "{claim.phrase}" ({_fmt(claim.low)}-{_fmt(claim.high)}); '
                f"{'does not fit' if misfits else 'fits'} the figures others give: {figures}"
            )
            ids = tuple(dict.fromkeys([source.id, *(s.id for s, _ in checked)]))
            evidence = (
                Cited(source.id, claim.phrase, claim.evidence.text, claim.start, claim.end),
                *(
                    Cited(s.id, _fmt(r.percent), r.evidence.text, r.start, r.end)
                    for s, r in checked
                ),
            )
            findings.append(
                Finding("results", verdict, f"qualitative: {claim.phrase}", ids, detail, evidence)
            )
    return findings


# --- statements ------------------------------------------------------------------------------

_QUOTE_NOISE = re.compile(r"[^\w\s'-]+")


def normalise_quote(text: str) -> str:
    """Case, punctuation and quotation marks dropped; typographic apostrophes unified."""
    folded = fold(text.replace("’", "'").replace("‘", "'"))
    return " ".join(_QUOTE_NOISE.sub(" ", folded).split())


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


@dataclass(slots=True)
class _Quote:
    source: SourceRecords
    statement: Statement
    norm: str
    words: list[str] = field(default_factory=list)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def same_speaker(a: Statement, b: Statement, settings: CompareSettings) -> bool:
    if a.speaker_key and a.speaker_key == b.speaker_key:
        return True
    if not a.speaker or not b.speaker:
        return False
    return same_name(a.speaker, b.speaker, settings)


def same_name(a: str, b: str, settings: CompareSettings) -> bool:
    if name_key(a) == name_key(b):
        return True
    if name_key(surname(a)) != name_key(surname(b)):
        return False
    from rapidfuzz import fuzz

    short, long_ = sorted((name_key(a), name_key(b)), key=len)
    if " " not in short:  # a surname alone matches the full name it ends
        return long_.endswith(" " + short)
    return fuzz.token_sort_ratio(short, long_) >= settings.name_similarity


def _quote_pairs(quotes: list[_Quote], settings: CompareSettings) -> Iterable[tuple[int, int]]:
    """Candidate pairs by blocking: shared three-word shingles, equal short quotes, and short
    quotes against longer ones by the same speaker's surname."""
    blocks: dict[str, list[int]] = defaultdict(list)
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for index, quote in enumerate(quotes):
        words = quote.words
        if len(words) < 3:
            blocks["=" + quote.norm].append(index)
        for i in range(len(words) - 2):
            blocks[" ".join(words[i : i + 3])].append(index)
        if quote.statement.speaker:
            by_speaker[name_key(surname(quote.statement.speaker))].append(index)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for i in members:
            for j in members:
                if i < j and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j
    for members in by_speaker.values():
        short = [i for i in members if len(quotes[i].words) < settings.containment_min_words]
        for i in short:
            for j in members:
                pair = (min(i, j), max(i, j))
                if i != j and pair not in seen:
                    seen.add(pair)
                    yield pair


def _same_words(a: _Quote, b: _Quote, settings: CompareSettings) -> bool:
    if a.source.id == b.source.id:
        return False
    if a.norm == b.norm:
        return True
    short, long_ = sorted((a, b), key=lambda q: len(q.words))
    if _contains(long_.norm, short.norm):
        return len(short.words) >= settings.containment_min_words or same_speaker(
            a.statement, b.statement, settings
        )
    if min(len(a.words), len(b.words)) < settings.containment_min_words:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a.norm, b.norm) >= settings.quote_similarity


def _statement_findings(
    sources: Sequence[SourceRecords], settings: CompareSettings
) -> list[Finding]:
    quotes = [
        _Quote(s, st, normalise_quote(st.text))
        for s in sources
        for st in s.statements
        if st.kind == "direct"
    ]
    for quote in quotes:
        quote.words = quote.norm.split()
    quotes = [q for q in quotes if q.words]
    union = _UnionFind(len(quotes))
    for i, j in _quote_pairs(quotes, settings):
        if _same_words(quotes[i], quotes[j], settings):
            union.union(i, j)
    clusters: dict[int, list[_Quote]] = defaultdict(list)
    for index, quote in enumerate(quotes):
        clusters[union.find(index)].append(quote)
    findings: list[Finding] = []
    for members in clusters.values():
        ids = tuple(dict.fromkeys(q.source.id for q in members))
        longest = max(members, key=lambda q: len(q.words))
        subject = f'"{longest.statement.text.strip()[:80]}"'
        evidence = tuple(
            Cited(
                q.source.id,
                f'{q.statement.speaker}: "{q.statement.text}"',
                q.statement.evidence.text,
                q.statement.start,
                q.statement.end,
            )
            for q in members
        )
        if len(ids) == 1:
            speaker = members[0].statement.speaker
            detail = f"only {members[0].source.label} quotes {speaker}"
            findings.append(Finding("statements", "only_in", subject, ids, detail, evidence))
            continue
        first = members[0].statement
        speakers = sorted({q.statement.speaker or "?" for q in members})
        wordings = " / ".join(dict.fromkeys(f'"{q.statement.text.strip()}"' for q in members))
        if all(same_speaker(first, q.statement, settings) for q in members):
            detail = f"same words, same speaker ({speakers[0]}); wordings: {wordings}"
            findings.append(Finding("statements", "agree", subject, ids, detail, evidence))
        else:
            detail = f"the same words are given to different speakers: {', '.join(speakers)}"
            findings.append(Finding("statements", "conflict", subject, ids, detail, evidence))
    return findings


# --- officials -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _role_signature(title: str, settings: CompareSettings) -> tuple[frozenset[str], frozenset[int]]:
    """Country codes and office groups a role names: "NATO Secretary-General" -> ({}, {0})."""
    countries = frozenset(
        settings.demonyms[m.group()] for m in settings.demonym_pattern.finditer(title)
    )
    groups = frozenset(
        settings.role_groups[m.group()] for m in settings.role_pattern.finditer(title.casefold())
    )
    return countries, groups


def _titles_compatible(a: tuple[str, ...], b: tuple[str, ...], settings: CompareSettings) -> bool:
    if not a or not b:
        return True
    for title_a in a:
        for title_b in b:
            countries_a, groups_a = _role_signature(title_a, settings)
            countries_b, groups_b = _role_signature(title_b, settings)
            if countries_a and countries_b and not countries_a & countries_b:
                continue
            if groups_a & groups_b or fold(title_a) == fold(title_b):
                return True
            if not groups_a or not groups_b:
                return True  # an office we cannot classify is no evidence of a conflict
    return False


def body_key(name: str, settings: CompareSettings) -> str:
    """Meaning of a body's name: country codes and canonical words, order ignored."""
    text = settings.demonym_pattern.sub(lambda m: f" {settings.demonyms[m.group()]} ", name)
    words = set()
    for word in re.findall(r"[\w'-]+", text):
        if word.isupper() and len(word) == 2:
            words.add(word)
            continue
        word = word.casefold()
        if word in settings.body_stopwords:
            continue
        words.add(settings.body_words.get(word, word))
    return " ".join(sorted(words))


@dataclass(slots=True, eq=False)
class _Variant:
    """Officials from any number of sources that share kind, name and role titles: compared
    once, however many sources repeat them."""

    kind: str
    name: str
    titles: tuple[str, ...]
    members: list[tuple[SourceRecords, Official]] = field(default_factory=list)


def _variants(sources: Sequence[SourceRecords]) -> list[_Variant]:
    variants: dict[tuple[str, str, tuple[str, ...]], _Variant] = {}
    for source in sources:
        for official in source.officials:
            titles = tuple(sorted({fold(r.title) for r in official.roles}))
            key = (official.kind, official.name, titles)
            if key not in variants:
                variants[key] = _Variant(
                    official.kind, official.name, tuple(r.title for r in official.roles)
                )
            variants[key].members.append((source, official))
    return list(variants.values())


def _official_findings(
    sources: Sequence[SourceRecords], settings: CompareSettings
) -> list[Finding]:
    variants = _variants(sources)
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, variant in enumerate(variants):
        if variant.kind == "body":
            blocks["body:" + body_key(variant.name, settings)].append(index)
        else:
            blocks["person:" + name_key(surname(variant.name))].append(index)
    union = _UnionFind(len(variants))
    reasons: dict[int, str] = {}
    for members in blocks.values():
        for i in members:
            for j in members:
                if i < j:
                    reason = _same_official(variants[i], variants[j], settings)
                    if reason:
                        union.union(i, j)
                        reasons[union.find(i)] = reason
    clusters: dict[int, list[_Variant]] = defaultdict(list)
    for index, variant in enumerate(variants):
        clusters[union.find(index)].append(variant)
    findings = [_official_finding(group, reasons.get(root)) for root, group in clusters.items()]
    findings += _role_conflicts(variants, settings)
    return findings


def _official_finding(group: list[_Variant], reason: str | None) -> Finding:
    entries = [entry for variant in group for entry in variant.members]
    ids = tuple(dict.fromkeys(s.id for s, _ in entries))
    names = list(dict.fromkeys(v.name for v in group))
    subject = max(names, key=len)
    evidence = tuple(
        Cited(
            s.id,
            o.name + (f" ({', '.join(r.title for r in o.roles)})" if o.roles else ""),
            o.evidence.text,
            o.start,
            o.end,
        )
        for s, o in entries
    )
    if len(ids) == 1:
        detail = f"only {entries[0][0].label} names {subject}"
        return Finding("officials", "only_in", subject, ids, detail, evidence)
    shown = list(dict.fromkeys(f"{o.name} ({s.label})" for s, o in entries))
    variants = " / ".join(shown[:6]) + (" ..." if len(shown) > 6 else "")
    detail = f"one {'body' if group[0].kind == 'body' else 'person'}: {variants}"
    if len(names) > 1:
        detail += f"; merged because {reason or 'their names match'}"
    roles = [t for v in group for t in v.titles]
    if roles:
        detail += f"; roles: {', '.join(dict.fromkeys(roles))}"
    return Finding("officials", "agree", subject, ids, detail, evidence)


def _same_official(a: _Variant, b: _Variant, settings: CompareSettings) -> str | None:
    """Why two records name one official, or None. Never merges two people who merely share
    a surname when their roles conflict."""
    if a.kind != b.kind:
        return None
    if a.kind == "body":
        return "their names mean the same (country and words)" if a.name != b.name else "same name"
    if not same_name(a.name, b.name, settings):
        return None
    same_key = name_key(a.name) == name_key(b.name)
    if not same_key and not _titles_compatible(a.titles, b.titles, settings):
        return None
    if a.name == b.name:
        return "same name"
    if same_key:
        return f"'{a.name}' and '{b.name}' are transliterations of one name"
    return f"'{a.name}' and '{b.name}' are similar names with compatible roles"


def _role_conflicts(variants: list[_Variant], settings: CompareSettings) -> list[Finding]:
    """One name, several sources, roles that cannot all be right: one finding per name."""
    by_key: dict[str, list[_Variant]] = defaultdict(list)
    for variant in variants:
        if variant.kind == "person" and variant.titles:
            by_key[name_key(variant.name)].append(variant)
    findings: list[Finding] = []
    for group in by_key.values():
        clash = [
            (a, b)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if not _titles_compatible(a.titles, b.titles, settings)
        ]
        if not clash:
            continue
        involved = list(dict.fromkeys(v for pair in clash for v in pair))
        entries = [(s, o) for v in involved for s, o in v.members]
        ids = tuple(dict.fromkeys(s.id for s, _ in entries))
        said = "; ".join(
            f"{', '.join(v.titles)} ({', '.join(dict.fromkeys(s.label for s, _ in v.members[:3]))})"
            for v in involved
        )
        evidence = tuple(
            Cited(s.id, ", ".join(r.title for r in o.roles), o.evidence.text, o.start, o.end)
            for s, o in entries[:20]
        )
        name = involved[0].name
        findings.append(
            Finding(
                "officials",
                "conflict",
                f"role of {name}",
                ids,
                f"{name} is given roles that cannot all be right: {said}",
                evidence,
            )
        )
    return findings


# --- regions ---------------------------------------------------------------------------------


def _region_findings(sources: Sequence[SourceRecords]) -> list[Finding]:
    groups: dict[str, list[tuple[SourceRecords, RegionMention]]] = defaultdict(list)
    for source in sources:
        for mention in source.regions:
            groups[mention.code].append((source, mention))
    findings: list[Finding] = []
    for code, members in groups.items():
        ids = tuple(dict.fromkeys(s.id for s, _ in members))
        first: dict[str, tuple[SourceRecords, RegionMention]] = {}
        for source, mention in members:
            first.setdefault(source.id, (source, mention))
        spellings = " / ".join(dict.fromkeys(f"{m.surface} ({s.label})" for s, m in members))
        evidence = tuple(
            Cited(s.id, m.surface, m.surface, m.start, m.end) for s, m in first.values()
        )
        subject = f"{members[0][1].name} ({code})"
        if len(ids) == 1:
            findings.append(
                Finding(
                    "regions",
                    "only_in",
                    subject,
                    ids,
                    f"named only by {members[0][0].label}: {spellings}",
                    evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    "regions", "agree", subject, ids, f"one region, spelled: {spellings}", evidence
                )
            )
    return findings


# --- dates -----------------------------------------------------------------------------------


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _date_findings(sources: Sequence[SourceRecords], settings: CompareSettings) -> list[Finding]:
    findings: list[Finding] = []
    confirmed: dict[str, list[tuple[SourceRecords, DatedPhrase]]] = defaultdict(list)
    for source in sources:
        for phrase in source.dates:
            confirmed[phrase.date].append((source, phrase))
    for source in sources:
        finding = _dateline_check(source, sources, settings)
        if finding:
            findings.append(finding)
    for day, members in sorted(confirmed.items()):
        ids = tuple(dict.fromkeys(s.id for s, _ in members))
        if len(ids) < 2:
            continue
        phrases = " / ".join(dict.fromkeys(f"'{p.phrase}' ({s.label})" for s, p in members))
        evidence = tuple(Cited(s.id, p.phrase, p.evidence.text, p.start, p.end) for s, p in members)
        findings.append(
            Finding(
                "dates", "agree", day, ids, f"the sources date events to {day}: {phrases}", evidence
            )
        )
    return findings


def _dateline_check(
    source: SourceRecords, sources: Sequence[SourceRecords], settings: CompareSettings
) -> Finding | None:
    """An in-page dateline that cannot be the article's date: far from its publication date,
    or earlier than events its own body (or others, for the same relative days) put later."""
    dateline = _iso(source.dateline)
    if dateline is None:
        return None
    published = _iso(source.published)
    reasons: list[str] = []
    tolerance = settings.dateline_tolerance_days
    if published and abs((published - dateline).days) > tolerance:
        reasons.append(
            f"it is {abs((published - dateline).days)} days from the publication date {published}"
        )
    later = [p for p in source.dates if not p.relative and (_iso(p.date) or dateline) > dateline]
    if later:
        reasons.append(f"the body reports '{later[0].phrase}' ({later[0].date}) as past")
    if published:
        shifted = []
        other_days = {p.date for s in sources if s.id != source.id for p in s.dates}
        for phrase in source.dates:
            if phrase.relative:
                resolved = _iso(phrase.date)
                if resolved is None:
                    continue
                on_dateline = dateline + (resolved - published)
                note = " (as others date it)" if phrase.date in other_days else ""
                shifted.append(f"'{phrase.phrase}' would be {on_dateline}, not {phrase.date}{note}")
        if shifted and reasons:
            reasons.append("read from the dateline, " + "; ".join(shifted))
    if not reasons:
        return None
    return Finding(
        kind="dates",
        verdict="conflict",
        subject=f"dateline {dateline} of {source.label}",
        sources=(source.id,),
        detail="the in-page dateline cannot be right: " + "; ".join(reasons),
        evidence=(),
    )


def timeline(sources: Sequence[SourceRecords]) -> list[tuple[SourceRecords, DatedPhrase]]:
    """Every dated phrase of every source, in date order."""
    events = [(s, p) for s in sources for p in s.dates]
    events.sort(key=lambda e: (e[1].date, e[0].id, e[1].start))
    return events

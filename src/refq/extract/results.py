"""Stage 3a: percentages that report a vote outcome, tied to a region or an option, with the
status and the reporting authority the text gives.

A percentage is a result only when the words around it say so (voters, ballots, "opted for",
"has 43.8 percent") and nothing near it says it is something else (turnout, territory, share
counted, a threshold). Which words those are is data: ``data/results.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refq.extract.lexicon import Lexicon
from refq.extract.people import Mention
from refq.knowledge import Region
from refq.models import Evidence, RegionMention, Result, ResultStatus, Sentence

PERCENT = re.compile(
    r"(?<![\d.,])(?P<number>\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b|pct\b)",
    re.IGNORECASE,
)
# Where one reported figure ends and the next begins inside a sentence.
_CLAUSE_BREAK = re.compile(r";|,?\s+while\s+|,?\s+whereas\s+|,\s+but\s+|\.\s")
_ATTRIBUTION_AFTER = re.compile(
    r",\s+(?P<who>[^,;]{3,80}?)\s+(?:said|says|reported|announced|showed)"
    r"(?:,\s+citing\s+(?P<citing>[^,.;]+))?"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;]+)")
_SUBJECT_VERB = re.compile(
    r"(?P<who>[^,;]{3,80}?)\s+(?:said|says|reported|announced|showed|shows)\b(?:\s+\w+day)?(?:\s+that)?"
)
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
_WORDS = re.compile(r"\S+")

_LEVEL_RANK = {"country": 0}


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int


def _precision(number: str) -> tuple[float, float, float]:
    value = float(number.replace(",", "."))
    decimals = len(number.replace(",", ".").partition(".")[2])
    half = 0.5 / (10**decimals)
    return value, round(value - half, decimals + 2), round(value + half, decimals + 2)


def _clauses(text: str, sentence: Sentence) -> list[_Clause]:
    spans: list[_Clause] = []
    start = sentence.start
    for cut in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        spans.append(_Clause(start, cut.start()))
        start = cut.end()
    spans.append(_Clause(start, sentence.end))
    return spans


def _window(text: str, start: int, end: int, words_before: int, words_after: int) -> str:
    before = _WORDS.findall(text[max(0, start - 80) : start])[-words_before:]
    after_text = re.split(r"[,;]", text[end : end + 120], maxsplit=1)[0]
    after = _WORDS.findall(after_text)[:words_after]
    return " ".join([*before, "#", *after])


def _is_result(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    near = _window(text, start, end, 4, 6)
    if lexicon.cues["not_result"].search(near):
        return False
    wide = _window(text, start, end, 8, 10)
    return bool(lexicon.cues["result"].search(wide))


def _status(text: str, clause: _Clause, sentence: Sentence, lexicon: Lexicon) -> ResultStatus:
    for span in (text[clause.start : clause.end], text[sentence.start : sentence.end]):
        for status in ("exit_poll", "final", "preliminary"):
            if status in lexicon.cues and lexicon.cues[status].search(span):
                return status  # type: ignore[return-value]
    return "unknown"


def _clean_who(who: str) -> str | None:
    who = who.strip()
    # Keep only the last noun phrase: "In the Donetsk region in eastern Ukraine, the poll body".
    who = re.split(r",\s*", who)[-1]
    who = _LEADING_ARTICLE.sub("", who)
    if not who or len(who.split()) > 8 or who[0].isdigit():
        return None
    if re.match(r"(?:it|he|she|they|this|that)\b", who, re.I):
        return None
    return who


def _reported_by(text: str, clause: _Clause, sentence: Sentence, number_start: int) -> str | None:
    """The authority the text names for a figure: the subject of a reporting verb in its
    clause, then after it, then anywhere in the sentence; "citing"/"according to" kept."""
    clause_text = text[clause.start : clause.end]
    before = text[clause.start : number_start]
    match = _SUBJECT_VERB.search(before)
    who = _clean_who(match["who"]) if match else None
    tail = text[number_start : sentence.end]
    after = _ATTRIBUTION_AFTER.search(tail)
    if who is None and after:
        who = _clean_who(after["who"])
        if who and after["citing"]:
            who = f"{who} (citing {after['citing'].strip()})"
    if who is None:
        match = _SUBJECT_VERB.search(text[sentence.start : number_start])
        who = _clean_who(match["who"]) if match else None
    according = _ACCORDING.search(clause_text) or _ACCORDING.search(tail)
    if according:
        source = according["who"].strip()
        who = f"{who} (according to {source})" if who else source
    return who


def _region_for(
    regions: list[RegionMention], start: int, end: int, lexicon: Lexicon
) -> RegionMention | None:
    """The most specific region named in [start, end): an oblast beats its country."""
    inside = [r for r in regions if start <= r.start and r.end <= end]
    if not inside:
        return None

    def rank(mention: RegionMention) -> tuple[int, int]:
        region: Region | None = lexicon.region_by_alias.get(mention.surface)
        level = region.level if region else "region"
        return (_LEVEL_RANK.get(level, 1), mention.start)

    return max(inside, key=rank)


def _option_for(people: list[Mention], start: int, end: int) -> Mention | None:
    inside = [m for m in people if m.kind == "person" and start <= m.start and m.end <= end]
    return inside[-1] if inside else None


def find_results(
    text: str,
    sentences: list[Sentence],
    regions: list[RegionMention],
    people: list[Mention],
    person_names: dict[str, str],
    lexicon: Lexicon,
) -> list[Result]:
    results: list[Result] = []
    for sentence in sentences:
        if sentence.chrome:
            continue
        previous_end = sentence.start
        for clause in _clauses(text, sentence):
            for found in PERCENT.finditer(text, clause.start, clause.end):
                segment_start = max(previous_end, clause.start)
                previous_end = found.end()
                if not _is_result(text, found.start(), found.end(), lexicon):
                    continue
                region = _region_for(regions, segment_start, found.start(), lexicon) or (
                    _region_for(regions, clause.start, clause.end, lexicon)
                )
                option = _option_for(people, segment_start, found.start())
                value, low, high = _precision(found["number"])
                results.append(
                    Result(
                        region_code=region.code if region else None,
                        region=region.name if region else None,
                        option=person_names.get(option.key or "", option.surface)
                        if option
                        else None,
                        percent=value,
                        low=low,
                        high=high,
                        status=_status(text, clause, sentence, lexicon),
                        reported_by=_reported_by(text, clause, sentence, found.start()),
                        start=found.start(),
                        end=found.end(),
                        evidence=Evidence(
                            text[sentence.start : sentence.end], sentence.start, sentence.end
                        ),
                    )
                )
    return results

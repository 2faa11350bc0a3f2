"""Stage 2c: dates in the text, explicit ("September 23") or relative ("on Tuesday", "later
today"), resolved against an anchor date (the publication date, or the dateline)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from refq.extract.lexicon import Lexicon
from refq.models import DatedPhrase, Evidence, Sentence

_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_FUTURE = re.compile(r"\b(?:will|is to|are to|is scheduled|are scheduled|plans? to)\b")


@dataclass(frozen=True, slots=True)
class _Patterns:
    explicit: re.Pattern[str]  # "September 23", "23 September 2022"
    weekday: re.Pattern[str]  # "on Tuesday", "next Friday"
    relative: re.Pattern[str]  # "later today", "yesterday"
    # A month or weekday name as a bare literal: `re` skips to the letters the names start
    # with, while `explicit` and `weekday` (opening with \b) are tried at every position. A
    # sentence without the name has no match of the pattern.
    month_cue: re.Pattern[str]
    weekday_cue: re.Pattern[str]


@cache
def _patterns(lexicon: Lexicon) -> _Patterns:
    months = "|".join(lexicon.month_names)
    weekdays = "|".join(lexicon.weekday_names)
    explicit = re.compile(
        rf"\b(?:(?P<day1>\d{{1,2}})\s+(?P<month1>{months})|(?P<month2>{months})\s+(?P<day2>\d{{1,2}}))"
        rf"(?:,?\s+(?P<year>\d{{4}}))?\b"
    )
    weekday = re.compile(
        rf"\b(?:(?P<which>last|next|this|on|since|began on|from)\s+)?(?P<day>{weekdays})\b"
    )
    relative = re.compile(rf"\b(?:later |earlier )?(?P<rel>{'|'.join(_RELATIVE_DAYS)})\b", re.I)
    return _Patterns(
        explicit,
        weekday,
        relative,
        re.compile(months),
        re.compile(weekdays),
    )


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_dates(
    text: str, sentences: list[Sentence], lexicon: Lexicon, anchor: date | None
) -> list[DatedPhrase]:
    patterns = _patterns(lexicon)
    explicit, weekday, relative = patterns.explicit, patterns.weekday, patterns.relative
    relatives = anchor is not None and _may_name_relative_day(text)
    found: list[DatedPhrase] = []
    for sentence in sentences:
        if sentence.chrome:
            continue
        evidence = Evidence(text[sentence.start : sentence.end], sentence.start, sentence.end)
        in_sentence = (text, sentence.start, sentence.end)
        explicits = (
            explicit.finditer(*in_sentence) if patterns.month_cue.search(*in_sentence) else ()
        )
        for match in explicits:
            month = lexicon.month_names.index(match["month1"] or match["month2"]) + 1
            day = int(match["day1"] or match["day2"])
            year = int(match["year"]) if match["year"] else (anchor.year if anchor else None)
            if year is None or not 1 <= day <= 31:
                continue
            try:
                resolved = date(year, month, day)
            except ValueError:
                continue
            found.append(_phrase(match, resolved, not match["year"], evidence))
        if anchor is None:
            continue
        weekdays = (
            weekday.finditer(*in_sentence) if patterns.weekday_cue.search(*in_sentence) else ()
        )
        for match in weekdays:
            target = lexicon.weekday_names.index(match["day"])
            forward = match["which"] == "next" or _future(text, sentence.start, match.start())
            found.append(_phrase(match, _nearest_weekday(anchor, target, forward), True, evidence))
        for match in relative.finditer(text, sentence.start, sentence.end) if relatives else ():
            # re's IGNORECASE also matches "tonıght" (dotless i) or "TONİGHT", which lower()
            # does not turn into the word: such a spelling is not read as a day.
            days = _RELATIVE_DAYS.get(match["rel"].lower())
            if days is None:
                continue
            found.append(_phrase(match, anchor + timedelta(days=days), True, evidence))
    found.sort(key=lambda d: d.start)
    return found


def _may_name_relative_day(text: str) -> bool:
    """False when the text has no "today", "yesterday" ... (most texts): in ASCII text
    str.lower() agrees with re's IGNORECASE, so one look at the lowered text tells."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in _RELATIVE_DAYS)


def _phrase(match: re.Match[str], day: date, relative: bool, evidence: Evidence) -> DatedPhrase:
    return DatedPhrase(
        match.group(), day.isoformat(), "day", relative, match.start(), match.end(), evidence
    )


def _future(text: str, start: int, end: int) -> bool:
    """News tells the past; a weekday in a clause with "will" points forward."""
    clause = text[start:end].rsplit(",", 1)[-1]
    return bool(_FUTURE.search(clause))


def _nearest_weekday(anchor: date, weekday: int, forward: bool) -> date:
    if forward:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def date_at(dates: list[DatedPhrase], start: int, end: int) -> str | None:
    """The first explicit or relative date stated inside [start, end)."""
    for phrase in dates:
        if start <= phrase.start and phrase.end <= end:
            return phrase.date
    return None

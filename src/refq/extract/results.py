"""Stage 3a: percentages that report a vote outcome, tied to a region or an option, with the
status and the reporting authority the text gives.

A percentage is a result only when the words around it say so (voters, ballots, "opted for",
"has 43.8 percent") and nothing near it says it is something else (turnout, territory, share
counted, a threshold). Which words those are is data: ``data/results.toml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from refq.extract.lexicon import Lexicon
from refq.extract.people import Mention, looks_like_person
from refq.extract.tables import Table, find_tables
from refq.knowledge import Region
from refq.models import Evidence, RegionMention, Result, ResultStatus, Sentence

_NUMBER = r"\d{1,3}(?:[.,]\d+)?"
PERCENT = re.compile(
    rf"(?<![\d.,])(?:between\s+(?P<from>{_NUMBER})\s*%?\s+and\s+"
    rf"|(?P<from2>{_NUMBER})\s*%?\s*(?:-|–|to)\s*)?"
    rf"(?P<number>{_NUMBER})\s*(?:%|percent\b|per cent\b|pct\b)",
    re.IGNORECASE,
)
# One share with its sign: the first of "51.4% to 48.6%".
_SHARE = re.compile(rf"(?<![\d.,])(?P<number>{_NUMBER})\s*%")


def _figures(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The figures in ``start:end``. A range runs upwards ("between 42 and 46 per cent",
    "42-46%"); "by 51.4% to 48.6%" is a score, two figures."""
    figures: list[re.Match[str]] = []
    for figure in PERCENT.finditer(text, start, end):
        low = figure["from"] or figure["from2"]
        first = _SHARE.match(text, figure.start(), figure.end()) if low else None
        if (
            low
            and first
            and float(low.replace(",", ".")) > float(figure["number"].replace(",", "."))
        ):
            second = PERCENT.match(text, figure.start("number"), figure.end())
            figures += [first, *([second] if second else [])]
        else:
            figures.append(figure)
    return figures


# A cheap necessary condition for PERCENT: a digit right before a percent sign or word. Most
# sentences have none, and skipping them skips the clause analysis.
_MAYBE_FIGURE = re.compile(r"\d\s*(?:%|p(?:ercent|er cent|ct)\b)", re.IGNORECASE)
# A live blog's time stamp before an entry: "12:30 IST:", "9.15pm -".
_TIME_STAMP = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*[:—–-]\s*)?"
_COUNT_SO_FAR = re.compile(rf"\s*{_TIME_STAMP}(?:With|As of|After)\b[^,;]{{0,120}},\s*")
_SUBJECT_START = re.compile(r"[,;:]")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)\s*$")
_COMPARED_AFTER = re.compile(r",?\s*\b(?:up|down)\s+from\b|,?\s*\bcompared\s+(?:with|to)\b")
_COMPARED = re.compile(r"(?:\b(?:up|down)\s+from|\bcompared\s+(?:with|to)|\bfrom)\s*$")
_LABELLED = re.compile(r"\s*(?P<label>[^:;\n%]{1,60}?)\s*:\s*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_PERCENT_TABLE = re.compile(r"%|\bper ?cent\b|\bpercentage\b|\bshares?\b", re.IGNORECASE)
_BARE_FIGURE = re.compile(rf"(?P<number>{_NUMBER})")


def _status_named(phrase: str, cues: dict[str, re.Pattern[str]]) -> ResultStatus | None:
    """The status a column header names: "YSK (final)", "Provisional"."""
    statuses: tuple[ResultStatus, ...] = ("exit_poll", "final", "preliminary")
    return next((s for s in statuses if s in cues and cues[s].search(phrase)), None)


_RESPECTIVELY = re.compile(r",?\s*respectively\b")
# Where one reported figure ends and the next begins inside a sentence.
# A full stop after a short capitalized word is an abbreviation ("Gov. Teresita Salcedo-Ong").
_CLAUSE_BREAK = re.compile(
    r";|,?\s+while\s+|,?\s+whereas\s+|,\s+but\s+"
    r"|(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.\s"
)
_ATTRIBUTION_AFTER = re.compile(
    r",\s+(?P<who>[^,;]{3,80}?)\s+(?:said|says|reported|announced|showed)"
    r"(?:,\s+citing\s+(?P<citing>[^,.;]+))?"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;]+)")
_SUBJECT_VERB = re.compile(
    r"(?<![\w’'])(?P<who>[^,;]{3,160}?)\s+(?:said|says|say|claim|claims|claimed|reported|announced|showed|shows)\b"
    r"(?:\s+\w+day)?(?:\s+that)?"
)
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
_WORDS = re.compile(r"\S+")

_LEVEL_RANK = {"country": 0}


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int


def _precision(found: re.Match[str]) -> tuple[float, float, float]:
    """The figure and the interval it stands for: 93 -> 92.5-93.5, 93.11 -> 93.105-93.115,
    "between 56 and 58" -> 57 within 56-58."""
    number = found["number"].replace(",", ".")
    value = float(number)
    decimals = len(number.partition(".")[2])
    half = 0.5 / (10**decimals)
    low, high = round(value - half, decimals + 2), round(value + half, decimals + 2)
    groups = found.groupdict()
    first = groups.get("from") or groups.get("from2")
    if first:
        low = float(first.replace(",", "."))
        high = value
        value = round((low + high) / 2, decimals + 1)
    return value, low, high


def _clauses(text: str, sentence: Sentence) -> list[_Clause]:
    spans: list[_Clause] = []
    start = sentence.start
    for cut in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        spans.append(_Clause(start, cut.start()))
        start = cut.end()
    spans.append(_Clause(start, sentence.end))
    return spans


def _window(
    text: str,
    start: int,
    end: int,
    words_before: int,
    words_after: int,
    floor: int = 0,
    limit: int | None = None,
) -> str:
    """Words around a figure, within [floor, limit): its sentence, not the next one's
    "Turnout was ..."."""
    stop = end + 120 if limit is None else min(end + 120, limit)
    before = _WORDS.findall(text[max(floor, start - 80) : start])[-words_before:]
    after_text = re.split(r"[,;]|\s(?:and|but|while)\s", text[end:stop], maxsplit=1)[0]
    after = _WORDS.findall(after_text)[:words_after]
    return " ".join([*before, "#", *after])


_WEAK_CUE = re.compile(r"\b(?:on|with|at|took|takes|led|leads|ahead|trailing|behind|of) #", re.I)
_ELECTION_WORDS = re.compile(
    r"\b(?:elections?|vot(?:e|es|ed|ers|ing)|ballots?|referend(?:um|a|ums)|polls?|candidates?"
    r"|runoff|run-off|count)\b",
    re.IGNORECASE,
)


def _is_result(
    text: str,
    start: int,
    end: int,
    lexicon: Lexicon,
    *,
    electoral: bool,
    named: bool,
    floor: int = 0,
    limit: int | None = None,
) -> bool:
    """A vote cue near the figure and nothing near it saying it is something else; in an
    article about a vote, a figure given to a named option ("Georgian Unity on 53%") or
    bare after "on"/"took"/"with" counts too. Words before ``floor`` are not looked at."""
    near = _window(text, start, end, 4, 6, floor, limit)
    if lexicon.cues["not_result"].search(near):
        return False
    wide = _window(text, start, end, 8, 10, floor, limit)
    if lexicon.cues["result"].search(wide):
        return True
    if not electoral or lexicon.cues["not_result"].search(wide):
        return False  # "inflation, which official figures put at 3.4%"
    return named or bool(_WEAK_CUE.search(near))


def _status(text: str, clause: _Clause, sentence: Sentence, lexicon: Lexicon) -> ResultStatus:
    statuses: tuple[ResultStatus, ...] = ("exit_poll", "final", "preliminary")
    for span in (text[clause.start : clause.end], text[sentence.start : sentence.end]):
        for status in statuses:
            if status in lexicon.cues and lexicon.cues[status].search(span):
                return status
    return "unknown"


def _clean_who(who: str) -> str | None:
    who = who.strip()
    # Keep only the last noun phrase: "In the Odesa region in the south, the poll body".
    who = re.split(r",\s*", who)[-1]
    who = _LEADING_ARTICLE.sub("", who)
    if not who or len(who.split()) > 14 or who[0].isdigit():
        return None
    if re.match(r"(?:it|he|she|they|this|that)\b", who, re.I):
        return None
    if _NO_AUTHORITY.fullmatch(who):
        return None  # "Unofficial results showed ...": the figures, not who gave them
    return who


# What a count is called, as opposed to who gives it: "the results", "unofficial returns".
_FIGURE_NOUNS = r"(?:results?|figures?|returns|count|tally|numbers|data)"
_NO_AUTHORITY = re.compile(rf"(?:\w+\s+){{0,2}}{_FIGURE_NOUNS}", re.IGNORECASE)


def _is_authority(phrase: str, lexicon: Lexicon) -> bool:
    """ "according to the authorities" names a source; "according to the results" does not."""
    if re.match(rf"(?:the\s+)?{_FIGURE_NOUNS}\b", phrase.strip(), re.I):
        return False
    return bool(lexicon.cues["authority"].search(phrase) or re.search(r"\b[A-Z]", phrase))


def _reported_by(
    text: str, clause: _Clause, sentence: Sentence, number_start: int, lexicon: Lexicon
) -> str | None:
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
    if according and not _is_authority(according["who"], lexicon):
        according = None
    if according:
        source = according["who"].strip()
        who = f"{who} (according to {source})" if who else source
    return who


_NAME_OF = re.compile(r"\b([A-Z][\w'’]*)\s+(?:of|for)\s+(?:the\s+)?$")


def _in_party_name(text: str, mention: RegionMention, lexicon: Lexicon) -> bool:
    """A country named only as the tail of a party's name ("Democratic Alliance of Nigeria")
    says nothing of where a figure is; a body's ("Electoral Commission of Kenya") may."""
    region = lexicon.region_by_alias.get(mention.surface)
    if region is None or region.level != "country":
        return False
    head = _NAME_OF.search(text, max(0, mention.start - 40), mention.start)
    return (
        head is not None
        and head[1] in lexicon.organisation_heads
        and head[1] not in lexicon.knowledge.body_heads
    )


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


# "SALTILLO, Coahuila — ...", "BEND, Ore. — ...", or a round-up item's heading line of its
# own: "KAZANLAK\nThe incumbent ...".
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from)\s$")
_SIDE_SHARE = re.compile(
    r"(?:^|[:,;]\s*|\band\s+)(?:the\s+)?(?:yes|no|Yes|No|YES|NO)"
    r"(?:\s+(?:side|vote|camp|campaign))?(?:\s+(?:on|at|with|had|took|won|got))?\s*:?\s*$"
)
_LEDE_CHARS = 700  # a headline, a standfirst and a first paragraph
_DATELINE = re.compile(
    r"([A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,})(?:(?:,\s*([^—–\n]{1,40}?))?\s+[—–-]{1,2}\s|[ \t]*(?:\n|$))"
)


def _datelines(
    text: str, sentences: list[Sentence], regions: list[RegionMention], lexicon: Lexicon
) -> list[tuple[int, RegionMention]]:
    """(paragraph, region) of each paragraph that opens with a dateline naming a region, in a
    round-up: the region written after the city ("BEND, Ore."), else the city as a place."""
    found: list[tuple[int, RegionMention]] = []
    seen: set[int] = set()
    for sentence in sentences:
        if sentence.paragraph in seen or sentence.chrome:
            continue
        seen.add(sentence.paragraph)
        line = _DATELINE.match(text, sentence.start, sentence.end)
        if line is None:
            continue
        inside = [r for r in regions if line.start() <= r.start and r.end <= line.end()]
        city = line.group(1).strip().title()
        region = lexicon.region_by_place.get(city) or lexicon.region_by_alias.get(city)
        if inside:
            found.append((sentence.paragraph, inside[-1]))
        elif region is not None:
            mention = RegionMention(
                region.code, region.name, line.group(1), line.start(1), line.end(1)
            )
            found.append((sentence.paragraph, mention))
    # One dateline says where a story was filed ("TBILISI -"), not what its figures are for;
    # several mark the items of a round-up.
    return found if len(found) >= 2 else []


def _main_region(
    regions: list[RegionMention], lexicon: Lexicon, subnational: bool = False
) -> RegionMention | None:
    """The one subdivision a story is about: named at least twice, more than one and a half
    times as often as any other and more often than its country. A story spread over several
    regions, or about a national vote (its country named as often as its capital), has none.
    In a story about a subdivision's vote (``subnational``) the country may be named more."""
    counts: dict[str, list[RegionMention]] = {}
    countries: dict[str, int] = {}
    for mention in regions:
        region = lexicon.region_by_alias.get(mention.surface) or lexicon.region_by_place.get(
            mention.surface
        )
        if region is None and mention.surface not in lexicon.regions_in_context:
            continue
        if region is not None and region.level == "country":
            countries[region.code] = countries.get(region.code, 0) + 1
        else:
            counts.setdefault(mention.code, []).append(mention)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 2:
        return None
    if len(ranked) > 1 and 2 * len(ranked[0]) <= 3 * len(ranked[1]):
        return None
    top = ranked[0][0]
    if not subnational and len(ranked[0]) <= countries.get(top.code.partition("-")[0], 0):
        return None
    return top


def _option_for(
    people: list[Mention], start: int, end: int, text: str, lexicon: Lexicon
) -> Mention | None:
    """The last person named before the figure, unless a reporting verb follows them: then
    they announce the figure ("Korenev ... said 97.8%") rather than receive it."""
    inside = [m for m in people if m.kind == "person" and start <= m.start and m.end <= end]
    if not inside or lexicon.speech_pattern.search(text, inside[-1].end, end):
        return None
    if len(inside) >= 2 and _LEADS.search(text, inside[-2].end, inside[-1].start):
        return inside[-2]  # "X leads Y by 61 per cent to 39": the first figure is X's
    return inside[-1]


# The verbs of "X leads Y by 61 to 39", and what joins the rival's figure to the leader's.
_LEADS = re.compile(r"\b(?:leads?|led|beats?|beat|defeated|defeats|is ahead of|was ahead of)\b")
_RIVAL_FIGURE = re.compile(r"\s*(?:to|against|versus|vs\.?)\s*$")


# A ballot option named as a capitalized phrase: "the Party of Action and Renewal (PAR) led
# with", "Georgian Unity on", "PAR took"; or after the figure: "48.1 percent for X".
# A word of a name; a full stop only after an abbreviation ("Gov. Teresita", "St. Louis"),
# never after a whole word that ends a sentence ("Georgian Unity. In Tbilisi ...").
_OPTION_WORD = (
    r"(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*"
    r"(?:(?:(?<=\b[A-Z])|(?<=\b[A-Z][a-z])|(?<=\b[A-Z][a-z]{2}))\.(?=\s[A-Z]))?)"
)
_ABOUT = r"(?:\s+(?:about|nearly|almost|around|just|only|some|over|more than|under|less than))?"
# A count given before the share: "with 1,028,081 votes, or 43.8 percent".
_VOTES = r"(?:\s+[\d,.]+\s+(?:million\s+)?votes?(?:\s+\(|,?(?:\s+or)?))?"
# "declared her the winner on Sunday with 58.4 percent": the holder is the one declared.
_DECLARED = r"\b(?:declared|named|confirmed)\s+(?:the\s+)?"
_WINNER_WITH = rf"\s+(?:as\s+)?the\s+winner\b[^;%]{{0,60}}?\bwith{_VOTES}{_ABOUT}\s*$"
_ORDINAL = r"(?:first|second|third|fourth|fifth|last)"
# What a figure's holder did to get it, right before the figure: "took", "finished with",
# "came second with".
_HOLDS = (
    r"(?:took|won|has|had|received|secured|got|garnered|polled|obtained|led|leads|"
    r"(?:is|was|stands|stood)(?:\s+(?:now|still|currently))?\s+(?:on|at)|"
    r"on|at|with|(?:led|leads|leading|won|wins|winning) with|"
    rf"{_ORDINAL} with|"  # "..., and Muñoz third with"
    # "won the constituency with", "held Punta del Este with", "retained the intendancy with"
    r"(?:won|took|carried|held|retained|kept|swept) (?:it|the [\w-]+(?: [\w-]+)?"
    r"|[A-Z][\w-]*(?: (?:del |de |la |of )?[A-Z][\w-]*){0,3}(?: \d+)?) with|"  # "Ward 17"
    r"(?:finished|ended|closed|held|slipped|rose|fell|dropped|climbed)"
    r" (?:with|at|on|to)|"
    r"(?:came|finished|was|placed|ended|ran)"
    rf" {_ORDINAL}(?: with)?)"
)


@dataclass(frozen=True, slots=True)
class _OptionPatterns:
    before: re.Pattern[str]
    before_aside: re.Pattern[str]
    after_colon: re.Pattern[str]
    anaphor: re.Pattern[str]
    possessive: re.Pattern[str]
    given: re.Pattern[str]
    tallied: re.Pattern[str]
    subject: re.Pattern[str]
    listed: re.Pattern[str]
    after: re.Pattern[str]


@cache
def _option_patterns(particles: tuple[str, ...]) -> _OptionPatterns:
    """The option patterns, with the name particles of the reference data ("de", "van",
    "bin") allowed inside a name: "Party of Action and Renewal", "Jan van der Berg"."""
    words = sorted({"of", "for", "and", *particles}, key=len, reverse=True)
    joiners = "|".join(re.escape(word) for word in words)
    np = rf"{_OPTION_WORD}(?:\s+(?:(?:{joiners})\s+)*{_OPTION_WORD})*"
    return _OptionPatterns(
        before=re.compile(
            rf"(?P<option>{np})(?:\s+\([A-Z]{{2,6}}\))?"
            r"(?:\s+of\s+(?:the\s+)?[^,;%]{1,60}?)?,?"  # "X of the New Democratic Front (NDF)"
            r"(?:\s+(?:who|which))?"  # "Carlos Lins of the Green Party, who came third with"
            r"\s+(?:(?:has|had|have)\s+(?=\w+ed\b))?"  # "the ANC had received"
            rf"{_HOLDS}{_VOTES}{_ABOUT}\s*$"
        ),
        # A pronoun holds the figure: "where he won 21,455 votes (56.3%)", "had put her on
        # 57.9 percent"; its antecedent is the option.
        anaphor=re.compile(
            r"(?:\b(?P<subject>[Hh]e|[Ss]he)\s+(?:(?:has|had|have)\s+(?=\w+ed\b))?"
            rf"{_HOLDS}|\b(?:gave|given|give|gives|giving|put|puts|showed|shows|show)\s+"
            r"(?P<object>him|her)(?:\s+(?:at|on|with))?)"
            rf"{_VOTES}{_ABOUT}\s*$"
            rf"|{_DECLARED}(?P<declared>him|her){_WINNER_WITH}"
            # "Nationally, the party won 6.3%", "its list received 41.0 percent".
            r"|\b(?P<party>(?:[Tt]he|[Ii]ts)\s+(?:party|list|alliance|coalition|bloc|movement))"
            r"(?:\s+(?:has|had|have))?"
            rf"\s+{_HOLDS}{_VOTES}{_ABOUT}\s*$"
        ),
        # A verb after an aside: "Raúl Chirinos of Arequipa Primero, the candidate backed by
        # the outgoing administration, was third with 18.3%" (not bare "with"/"at").
        before_aside=re.compile(
            rf"(?P<option>{np})(?:\s+\([A-Z]{{2,6}}\))?"
            r"(?:\s+of\s+(?:the\s+)?[^,;%]{1,60}?)?,[^,;%]{1,80},"
            r"\s+(?:took|won|received|secured|got|garnered|polled|obtained|"
            rf"{_ORDINAL} with|"
            r"(?:finished|ended|closed|held|slipped|rose|fell|dropped|climbed)"
            r" (?:with|at|on|to)|"
            r"(?:came|finished|was|placed|ended|ran)"
            rf" {_ORDINAL}(?: with)?)"
            rf"{_VOTES}{_ABOUT}\s*$"
        ),
        # The first item of a list after a colon: "Varghese now leads: Varghese 45.2 per cent".
        after_colon=re.compile(
            rf":\s+(?:the\s+)?(?P<option>{np})(?:\s+\([A-Z]{{2,6}}\))?(?:\s+(?:at|on|with))?\s*$"
        ),
        # "43.4 per cent to Danbatta's 43.4 per cent", "against Gwarzo's 47.2 per cent".
        possessive=re.compile(rf"(?:\bto|\bagainst|,)\s+(?P<option>{np})['’]s\s+$"),
        # The figure's holder after the verb: "gave Villareal 52.41%", "put Huamán at 28%".
        given=re.compile(
            r"\b(?:gave|give|gives|giving|put|puts|has|had|showed|shows|show)\s+(?:the\s+)?"
            rf"(?P<option>{np})(?:\s+\([A-Z]{{2,6}}\))?(?:\s+(?:at|on|with))?{_ABOUT}\s*$"
            rf"|{_DECLARED}(?P<declared>{np}){_WINNER_WITH}"
        ),
        # A line of a declared result: "Kehinde Olatunji (Democratic Alliance of Nigeria,
        # DAN), 141,203 votes (40.0%)".
        tallied=re.compile(
            rf"\s*(?P<option>{np})(?:\s+\([^()]{{1,80}}\))?,?"
            r"\s+[\d,.]+\s+(?:million\s+)?votes?\s*[(,]?(?:\s*or)?\s*$"
        ),
        # The subject that won the figure, the verb well before it: "The Rashtriya Vikas
        # Party (RVP) won 38 of the 68 seats ... with 44.72 per cent", "The governing X
        # (HLM), in office since 2022, fell to 26 seats on 41.3 per cent".
        subject=re.compile(
            r"\s*(?:[A-Z]{2,}[A-Z .'-]*[:—–]\s+|[^:;,]{1,30}:\s+)?(?:[Tt]he\s+)?"
            r"(?:(?:governing|ruling|opposition|incumbent)\s+)?"
            rf"(?P<option>{np})(?:\s+\([A-Z]{{2,6}}\))?(?:,[^,;]{{1,60}},)?"
            r"(?:\s+of\s+the\s+[^,;]{1,60}?)?"  # "X of the People's Progressive Alliance (PPA) won"
            r"\s+(?:(?:has|had|have)\s+)?"  # "Cantú had won the annulled vote with"
            r"(?:won|took|secured|received|got|fell to|rose to|dropped to|slipped to|climbed to"
            r"|came|finished|placed|ended"
            r"|has been declared|was declared|was elected|has been elected)\b"
            rf"[^;%]{{0,100}}?\b(?:with|on){_VOTES}{_ABOUT}\s*$"
        ),
        # A list that drops the verb after its first item: "..., the Democratic Alliance
        # (DA) 23.05%", "Huamán had 27.81% and Zegarra 24.06%".
        listed=re.compile(
            rf"(?:^\s*|[,;]\s+|\sand\s+)(?:the\s+)?(?P<option>{np})(?:\s+\([A-Z]{{2,6}}\))?"
            r"(?:\s+(?:at|on|with))?\s*$"
        ),
        after=re.compile(
            r"\)?\s+(?:of (?:the )?(?:valid |counted |cast )?(?:votes?|ballots?)\s+)?"
            r"(?:against\s+\S+\s+)?"
            r"for\s+(?:the\s+)?(?:incumbent\s+|challenger\s+|candidate\s+)?"
            rf"(?P<option>{np})"
        ),
    )


_POSSESSOR = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+(?=[A-Z])")
_CAPITALIZED = re.compile(r"\b([A-Z][\w-]*)")
_PERSON_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|him|[Hh]er|[Hh]is)\b")
_NOT_OPTIONS = frozenset({"Yes", "No", "The", "A", "An", "In", "On", "It", "He", "She", "They"})


class _OptionNamer:
    """Names the option a figure is for when the text gives one: a known person first, then
    a capitalized phrase (party, candidate, list), with titles and acronyms resolved."""

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        people: list[Mention],
        person_names: dict[str, str],
        lexicon: Lexicon,
        full_names: dict[str, set[str]],
    ) -> None:
        self.text = text
        self.sentences = [s for s in sentences if not s.chrome]
        self.sentence_ends = [s.end for s in self.sentences]
        self.people = [m for m in people if m.kind == "person"]
        self.person_names = person_names
        self.lexicon = lexicon
        self.patterns = _option_patterns(lexicon.knowledge.name_particles)
        self.acronyms = acronyms(text)
        self.unspelled: set[str] = set()  # acronyms no name in the article spells
        self.named: list[tuple[str, int, int]] = []  # options that are no known person
        self.full_names = full_names  # names written in the article, by each later word

    def person_at(self, start: int, end: int) -> str | None:
        for mention in self.people:
            if start <= mention.start and mention.end <= end:
                return self.person_names.get(mention.key or "", mention.surface)
        return None

    def clean(self, phrase: str, start: int) -> str | None:
        title = self.lexicon.title_pattern.match(phrase)
        if title:
            rest = phrase[title.end() :]
            start += title.end() + len(rest) - len(rest.lstrip())
            phrase = rest.strip()
        article = _LEADING_ARTICLE.match(phrase)
        if article and (len(phrase.split()) > 2 or phrase[article.end() :].isupper()):
            # "The Jan Sangharsh Dal took 7.9%", "The TPF won 58.3%"
            start += article.end()
            phrase = phrase[article.end() :]
        owner = _POSSESSOR.match(phrase)
        if owner and looks_like_person(phrase[owner.end() :], self.lexicon, min_tokens=2):
            # "NRP’s Fatma Said Bakari": the candidate, not the party ("People's Front" stays)
            start += owner.end()
            phrase = phrase[owner.end() :]
        holder, of, _ = phrase.partition(" of ")
        if of and looks_like_person(holder, self.lexicon, min_tokens=2):
            phrase = holder  # "Carmen Llerena of Somos Sur"; not "Party of Action"
        words = phrase.split()
        lex = self.lexicon
        while len(words) > 2 and words[0].rstrip(".") in lex.honorifics:  # "Hajiya Amina ..."
            start += len(words[0]) + 1
            words.pop(0)
        while words and words[-1].lower() in {"of", "for", "and", "de", "del", "la"}:
            words.pop()
        option = " ".join(words)
        if not option or words[0] in _NOT_OPTIONS or option in lex.region_by_alias:
            return None
        if len(words) == 1 and (option in lex.non_names or option in lex.region_by_place):
            return None  # "on Sunday with 58.4%", "I got 61 percent"
        person = self.person_at(start, start + len(option) + 1)
        fuller: set[str] = set()
        if person is None and len(words) == 1:
            # "Gwarzo leads" after "Amina Sule Gwarzo ... won", "the Coalition" after the
            # "Coalition for Change": the one fuller option with that word.
            fuller = {
                n for n, _, _ in self.named if option in n.split()[1:] or n.startswith(option + " ")
            }
            if len(fuller) != 1:  # "Zegarra" for "Patricia Zegarra Bustamante", named once
                fuller = self.full_names.get(option, set())
        elif person is None and len(words) <= 3 and words[0][0].isupper():
            # A two-word surname: "Adhikari Thapa" for "Sarita Adhikari Thapa".
            fuller = {n for n in self.full_names.get(words[-1], set()) if n.endswith(" " + option)}
        if len(fuller) == 1:
            name = next(iter(fuller))
            self.named.append((name, start, start + len(option)))  # a candidate
            return name
        if person is None and option not in self.acronyms:
            self.named.append((option, start, start + len(option)))
        unknown = option.isupper() and option not in self.acronyms
        if person is None and unknown and option not in self.unspelled:
            # One scan of the text per acronym written without brackets.
            spelled = _spelled_out(self.text, option)
            if spelled is None:
                self.unspelled.add(option)
            else:
                self.acronyms[option] = spelled
        return person or self.acronyms.get(option, option)

    def antecedent(self, position: int) -> str | None:
        """The person a pronoun at ``position`` stands for: the first person or pronoun of its
        own sentence before it, else of the nearest sentence before that names one (a
        sentence's first mention is mostly its subject, the likeliest antecedent: "In the
        final tally Villaseñor took 51.4% against 43.9% for Elizondo. The preliminary count
        had given him 51.6%"). A pronoun found there is resolved in turn."""
        index = bisect.bisect_right(self.sentence_ends, position)
        for sentence in reversed(self.sentences[max(0, index - 3) : index + 1]):
            end = min(sentence.end, position)
            person = self.first_person(sentence.start, end)
            pronoun = _PERSON_PRONOUN.search(self.text, sentence.start, end)
            if pronoun is not None and (person is None or pronoun.start() < person[0]):
                return self.antecedent(pronoun.start())
            if person is not None:
                # A candidate known by name (those already known are not listed twice).
                self.named.append((person[1], person[0], person[0] + len(person[1])))
                return person[1]
        return None

    def last_party(self, position: int) -> str | None:
        """What "the party" stands for: the last option before it that is no person, or the
        last party the article spells out with its acronym."""
        options = [
            (start, name)
            for name, start, _ in self.named
            if start < position and not looks_like_person(name, self.lexicon, min_tokens=2)
        ]
        options += [
            (found.start(), name)
            for short, name in self.acronyms.items()
            for found in re.finditer(rf"\b{re.escape(short)}\b", self.text[:position])
        ]
        return max(options)[1] if options else None

    def first_person(self, start: int, end: int) -> tuple[int, str] | None:
        """The first person named in ``start:end``: a person the people stage found, or a
        surname of a full name the article writes ("Mwakisha" of "Zuhura Mwakisha", who
        needs no role to hold a figure)."""
        found = next(
            (
                (m.start, self.person_names.get(m.key or "", m.surface))
                for m in self.people
                if start <= m.start and m.end <= end
            ),
            None,
        )
        for word in _CAPITALIZED.finditer(self.text, start, found[0] if found else end):
            owners = self.full_names.get(word[1], set())
            if len(owners) == 1:
                return word.start(), next(iter(owners))
        return found

    def name(
        self, segment_start: int, figure: re.Match[str], listed: bool, heads_list: bool = False
    ) -> str | None:
        """``listed``: the figure follows another in its clause, so "X 23.05%" may name X;
        ``heads_list``: the figure is the first of several, so a bare name before it may be
        its option."""
        text, end = self.text, figure.start()
        # The leftmost of the two: "Aguirre, of the Mendoza Civic Front, finished with" names
        # Aguirre, not the front.
        plain = self.patterns.before.search(text, segment_start, end)
        aside = self.patterns.before_aside.search(text, segment_start, end)
        if plain is not None and aside is not None and aside.start() < plain.start():
            plain, aside = aside, plain
        # The next form is asked when one matched words that name nothing: "As of this
        # morning the count has the Liberal Party on 38.7 per cent" is "has X on".
        for before in (
            plain,
            aside,
            self.patterns.given.search(text, segment_start, end),
            self.patterns.possessive.search(text, segment_start, end),
        ):
            if before is None:
                continue
            if before.re is self.patterns.before and _PLACE_BEFORE.search(
                text, max(0, before.start() - 40), before.start()
            ):
                continue  # "came second in Lier with 24.7%": a place, not who holds it
            group = (
                "declared" if before.re is self.patterns.given and before["declared"] else "option"
            )
            named = self.clean(before[group], before.start(group))
            if named:
                return named
        listed_after_colon = self.patterns.after_colon.search(text, segment_start, end)
        if listed_after_colon is not None:  # "Varghese now leads: Varghese 45.2 per cent"
            named = self.clean(listed_after_colon["option"], listed_after_colon.start("option"))
            if named:
                return named
        held = self.patterns.anaphor.search(text, segment_start, end)
        if held is not None and held["party"]:
            return self.last_party(held.start())
        if held is not None:
            group = next(g for g in ("subject", "object", "declared") if held[g])
            return self.antecedent(held.start(group))
        tallied = self.patterns.tallied.match(text, segment_start, end)
        if tallied is not None:
            named = self.clean(tallied["option"], tallied.start("option"))
            if named:
                return named
        if not listed:
            subject = self.patterns.subject.match(text, segment_start, end)
            if subject:
                named = self.clean(subject["option"], subject.start("option"))
                if named:
                    return named
        if heads_list:
            # The first item of a verbless list: "Varghese 46.3%, Kurian 42.0%, Menon 9.6%."
            item = self.patterns.listed.match(text[segment_start:end])
            if item:
                named = self.clean(item["option"], segment_start + item.start("option"))
                if named:
                    return named
        if listed:  # "^" must mean the segment's start, so match on the slice
            item = self.patterns.listed.search(text[segment_start:end])
            if item:
                named = self.clean(item["option"], segment_start + item.start("option"))
                if named:
                    return named
        after = self.patterns.after.match(self.text, figure.end(), figure.end() + 120)
        if after:
            return self.clean(after["option"], after.start("option"))
        return None


_ACRONYM = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|and|the))+)\s+\((?P<short>[A-Z]{2,6})\)"
)


_CAPITALIZED_RUN = re.compile(
    r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|de|del)\s+)*[A-Z][\w'’-]*)+"
)


def _spelled_out(text: str, short: str) -> str | None:
    """The one name the article writes whose initials are an acronym it uses without
    brackets: "TPF" for the "Tobago People's Front"."""
    if not 2 <= len(short) <= 6:
        return None
    found = set()
    for run in _CAPITALIZED_RUN.finditer(text):
        words = run.group().split()
        for first in range(len(words)):
            if not words[first][0].isupper():
                continue
            initials = [w[0] for w in words[first:] if w[0].isupper()]
            if len(initials) >= 2 and sorted(initials) == sorted(short):
                found.add(" ".join(words[first:]).removeprefix("The ").removeprefix("the "))
                break
    return found.pop() if len(found) == 1 else None


def acronyms(text: str) -> dict[str, str]:
    """ "the Party of Action and Renewal (PAR)" lets a later "PAR" stand for the full name."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        short, words = match["short"], match["name"].split()
        # The longest run of words before the brackets whose initials are the letters:
        # "Anitha Varghese for the Left Progressive Alliance (LPA)" is the alliance. The
        # letters may follow the original language's order ("UPA" for the Progressive Union
        # of Asturias, Unión Progresista de Asturias).
        spelled = next(
            (
                first
                for first in range(len(words))
                if words[first][0].isupper()
                and sorted(short) == sorted(w[0] for w in words[first:] if w[0].isupper())
            ),
            None,
        )
        if spelled is not None:
            words = words[spelled:]
        elif short[0] != next((w[0] for w in words if w[0].isupper()), ""):
            continue  # a first letter is enough where the name adds words ("... Party")
        name = " ".join(words)
        found[short] = name.removeprefix("The ").removeprefix("the ")
    return found


class _ResultReader:
    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        regions: list[RegionMention],
        people: list[Mention],
        person_names: dict[str, str],
        lexicon: Lexicon,
        full_names: dict[str, set[str]],
    ) -> None:
        self.text = text
        self.regions = [r for r in regions if not _in_party_name(text, r, lexicon)]
        regions = self.regions
        self.people = people
        self.person_names = person_names
        self.lexicon = lexicon
        # An exit-poll story says so once, usually in its headline or lede.
        self.last: tuple[RegionMention, int] | None = None
        self.options = _OptionNamer(text, sentences, people, person_names, lexicon, full_names)
        self.patterns = self.options.patterns
        self.electoral = len(_ELECTION_WORDS.findall(text)) >= 3
        self.paragraphs: dict[int, tuple[int, int]] = {}
        # The headline and lede say what the vote is for, first: "loses eastern governor race
        # in blow before national vote" is about the governor's race.
        lede = text[:_LEDE_CHARS]
        local = lexicon.cues["subnational"].search(lede) if "subnational" in lexicon.cues else None
        national = lexicon.cues["national"].search(lede) if "national" in lexicon.cues else None
        self.subnational = local is not None and (
            national is None or local.start() < national.start()
        )
        self.main_region = _main_region(regions, lexicon, subnational=self.subnational)
        self.rival: Mention | None = None  # the trailing person of "X leads Y by N to M"
        self.sentences = sentences
        self._datelines: list[tuple[int, RegionMention]] | None = None  # read when needed
        self._story_status: ResultStatus | None = None

    def story_status(self) -> ResultStatus:
        """The status a whole story gives its figures when it speaks of one kind only: an
        exit-poll story says so once, usually in its headline or lede; a count story says
        "unofficial results" once. Looked up only when a figure's own paragraph is silent
        (each kind is a scan of the whole text)."""
        if self._story_status is None:
            cues = self.lexicon.cues
            said: list[ResultStatus] = [
                s
                for s in ("exit_poll", "final", "preliminary")
                if s in cues and cues[s].search(self.text)
            ]
            # A story that speaks of more than one kind of figure lets none decide.
            self._story_status = said[0] if len(said) == 1 else "unknown"
        return self._story_status

    def clause(self, sentence: Sentence, clause: _Clause) -> list[Result]:
        text = self.text
        figures = _figures(text, clause.start, clause.end)
        if not figures:
            return []
        paired = self.respectively(clause, figures)
        found: list[Result] = []
        segment_start = clause.start
        # "With all polling stations reporting, X had 51.2%": the opening phrase tells how
        # far the count is, not what the figure is.
        opening = _COUNT_SO_FAR.match(text, clause.start, clause.end)
        accepted = False  # the figure before was a result: "..., the DA (DA) 23.05%" is too
        for index, figure in enumerate(figures):
            start = segment_start
            segment_start = figure.end()
            if index > 0:
                # "45.06% for Teresita Salcedo-Ong and 2.53% for Nilo Gumban": a name the
                # figure before claimed with "for" is not this figure's.
                claimed = self.patterns.after.match(text, start, figure.start())
                if claimed:
                    start = claimed.end()
            if index > 0 and paired is None and _COMPARED.search(text, start, figure.start()):
                # "46.5%, up from 46.3 per cent in Sunday's provisional count": the earlier
                # figure of the same share, a result exactly when the figure before it was.
                if accepted and found:
                    earlier = found[-1]
                    result = self.result(
                        sentence,
                        _Clause(figure.end(), clause.end),
                        figure,
                        self.region_of(earlier),
                        earlier.option,
                    )
                    found.append(result)
                continue
            option = self.option(
                start, figure, listed=index > 0, heads_list=index == 0 and len(figures) > 1
            )
            if paired is None and self.about_something_else(start, figure.start()):
                accepted = False
                continue
            # "Yes: 64.8%", "Province of Sassari: 66.9%" on a line of their own in a story
            # about a vote: a table of results written as text.
            labelled = self.labelled(sentence, clause, figure) if len(figures) == 1 else None
            if labelled is not None:
                found.append(labelled)
                continue
            # "X won 38 seats with 44.72%", "X fell to 26 seats on 41.3%": the sentence's
            # own shape says whose share of the vote this is.
            won = (
                index == 0
                and option is not None
                and self.patterns.subject.match(text, start, figure.start())
            )
            # "the figures moved only slightly: yes 56.4%, no 43.6%": a side's share.
            sided = self.electoral and _SIDE_SHARE.search(text, start, figure.start())
            if (
                paired is None
                and not won
                and not sided
                and not (index > 0 and option is not None and accepted)
                and not _is_result(
                    text,
                    figure.start(),
                    figure.end(),
                    self.lexicon,
                    electoral=self.electoral,
                    named=option is not None,
                    floor=opening.end()
                    if opening and figure.start() >= opening.end()
                    else sentence.start,
                    limit=sentence.end,
                )
            ):
                accepted = False
                continue
            accepted = True
            if paired is not None:
                region: RegionMention | None = paired[index]
            else:
                following = figures[index + 1].start() if index + 1 < len(figures) else clause.end
                region = (
                    self.region_after(figure.end(), following)
                    or _region_for(self.regions, start, figure.start(), self.lexicon)
                    or _region_for(self.regions, sentence.start, sentence.end, self.lexicon)
                )
                region = self.within_country(region, sentence)
            dateline = self.dateline_before(sentence.paragraph) if region is None else None
            if (
                region is None
                and dateline is not None
                and (self.last is None or dateline[1] > self.last[1])
            ):
                region = dateline[0]  # a round-up item: "SALTILLO, Coahuila — ..."
            if region is None and self.last is not None:
                # "The separatists say 10 percent rejected independence": a figure whose
                # sentence names no place continues the story of the previous one nearby.
                last_region, last_paragraph = self.last
                if sentence.paragraph - last_paragraph <= 3:
                    region = last_region
            if region is None and self.main_region is not None and not paired:
                region = self.main_region  # the story is about one region: "Saskatoon"
            if region is not None:
                self.last = (region, sentence.paragraph)
            following = figures[index + 1].start() if index + 1 < len(figures) else clause.end
            compared = _COMPARED_AFTER.search(text, figure.end(), following)
            # "46.5% ..., up from 46.3 per cent in Sunday's provisional count": the words about
            # the earlier count say nothing of this figure's status.
            until = compared.start() if compared else None
            found.append(self.result(sentence, clause, figure, region, option, until))
        return found

    def table(self, table: Table) -> list[Result]:
        """Each share cell of a results table: the row's label is the option (or the place,
        or a referendum side); the column's header may name the place ("Sapporo"), the
        status ("YSK (final)") or an earlier election's year ("2021": final results)."""
        text, lexicon, cues = self.text, self.lexicon, self.lexicon.cues
        if not self.electoral:
            return []
        before, after = self.paragraph_around(table)
        table_status = (
            _status_named(text[before[0] : before[1]], cues)
            or _status_named(text[after[0] : after[1]], cues)
            or self.story_status()
        )
        table_region = self.main_region or _region_for(self.regions, *before, lexicon)
        # Bare figures are shares where the caption or a header says so: "SHARE OF THE
        # VOTE (%)", "Vote %".
        said = text[before[0] : before[1]] + " " + " ".join(h.text for h in table.header)
        bare_shares = _PERCENT_TABLE.search(said) is not None
        years = [int(h.text) for h in table.header if _YEAR.fullmatch(h.text)]
        found: list[Result] = []
        for row in table.rows:
            label = _ACRONYM_AFTER.sub("", row[0].text).strip()
            if not label or any(
                name in cues and cues[name].search(label) for name in ("not_result", "not_option")
            ):
                continue  # "Valid votes", "Others", "Turnout"
            whole_place = label in lexicon.region_by_alias or label in lexicon.region_by_place
            place = self.region_named(label) if whole_place else None
            side = "side" in cues and cues["side"].search(label)
            row_option = None
            if place is None and not side:
                row_option = self.options.clean(label, row[0].start)
                if row_option is None:
                    continue
            headers = table.header_for(row)
            # Years head every share column ("2016  2021"): the latest is this election's.
            # Beside a "SHARE" column, a year is an earlier election's.
            shares = [h.text if h else "" for c, h in zip(row, headers, strict=True) if c.is_share]
            current = max(years) if shares and all(_YEAR.fullmatch(h) for h in shares) else 10_000
            for cell, head in zip(row[1:], headers[1:], strict=True):
                if not (cell.is_share or (bare_shares and cell.is_figure)):
                    continue
                heading = head.text if head else ""
                if heading and "not_option" in cues and cues["not_option"].search(heading):
                    continue  # a "Turnout" column
                named_place = self.region_named(heading)
                region = place or named_place or table_region
                option = row_option
                if place is not None and head is not None and not side:
                    # Rows of places, columns of parties: "Province  Our Land  Civic Liberals"
                    if named_place or _YEAR.fullmatch(heading) or _status_named(heading, cues):
                        continue
                    option = self.options.clean(_ACRONYM_AFTER.sub("", heading), head.start)
                    if option is None:
                        continue
                status = _status_named(heading, cues)
                if status is None and _YEAR.fullmatch(heading) and int(heading) < current:
                    status = "final"  # an earlier election's column: "SHARE  2021"
                figure = (PERCENT if cell.is_share else _BARE_FIGURE).match(
                    text, cell.start, cell.end
                )
                if figure is None:
                    continue
                line = (row[0].start, row[-1].end)
                found.append(
                    _record(text, figure, region, option, status or table_status, None, line)
                )
        return found

    def paragraph_around(self, table: Table) -> tuple[tuple[int, int], tuple[int, int]]:
        """The paragraph before a table (its caption: "All figures are final and
        certified:") and the one after it ("Both agencies labeled their figures
        unofficial.")."""
        text = self.text
        top = table.header[0].start if table.header else table.start
        end_before = text.rfind("\n\n", 0, top)
        start_before = text.rfind("\n\n", 0, max(0, end_before)) + 2 if end_before > 0 else 0
        start_after = text.find("\n\n", table.end)
        start_after = len(text) if start_after < 0 else start_after + 2
        end_after = text.find("\n\n", start_after)
        end_after = len(text) if end_after < 0 else end_after
        return (start_before, max(start_before, end_before)), (start_after, end_after)

    def region_named(self, phrase: str) -> RegionMention | None:
        """The region a column header names: "Sapporo", "Rest of Hokkaido"."""
        for start, alias in self.lexicon.regions.finditer(phrase):
            region = self.lexicon.region_by_alias.get(alias) or self.lexicon.region_by_place.get(
                alias
            )
            if region is not None:
                return RegionMention(region.code, region.name, alias, start, start + len(alias))
        return None

    def within_country(
        self, region: RegionMention | None, sentence: Sentence
    ) -> RegionMention | None:
        """In a story about a governor's or mayor's vote, "won 43.7% in eastern Slovakia's
        biggest race" is the story's region's figure: a sentence that names only the country
        speaks of the region unless it speaks of a national vote."""
        main = self.main_region
        if (
            region is None
            or main is None
            or not self.subnational
            or "-" in region.code
            or not main.code.startswith(region.code + "-")
            or "national" not in self.lexicon.cues
            or self.lexicon.cues["national"].search(self.text, sentence.start, sentence.end)
        ):
            return region
        return main

    def dateline_before(self, paragraph: int) -> tuple[RegionMention, int] | None:
        """The region of the last dateline at or before this paragraph ("SALTILLO, Coahuila
        —", "BEND, Ore. —"): in a round-up each item's figures are its dateline's."""
        found = None
        if self._datelines is None:  # only a figure without a region of its own asks
            self._datelines = _datelines(self.text, self.sentences, self.regions, self.lexicon)
        for number, region in self._datelines:
            if number > paragraph:
                break
            found = (region, number)
        return found

    def region_of(self, result: Result) -> RegionMention | None:
        if result.region_code is None:
            return None
        return RegionMention(result.region_code, result.region or "", "", 0, 0)

    def labelled(self, sentence: Sentence, clause: _Clause, figure: re.Match[str]) -> Result | None:
        """A "Label: 12.3%" line as a result: a side ("Yes") gives no option, a place gives
        its region, a name is the option. Not in a story that is not about a vote, nor for a
        label that says what else the figure is ("Turnout: 51.3%")."""
        text = self.text
        if not self.electoral or text[figure.end() : sentence.end].strip(" ."):
            return None
        line = _LABELLED.fullmatch(text, sentence.start, figure.start())
        if line is None or self.lexicon.cues["not_result"].search(line["label"]):
            return None
        if self.about_something_else(line.start("label"), figure.start()):
            return None
        region = _region_for(self.regions, sentence.start, figure.start(), self.lexicon)
        side = self.lexicon.cues.get("side")
        option = None
        if region is None and not (side is not None and side.search(line["label"])):
            label = _ACRONYM_AFTER.sub("", line["label"])  # "Anitha Varghese (LPA)"
            option = self.options.clean(label, line.start("label"))
        return self.result(sentence, clause, figure, region or self.main_region, option)

    def about_something_else(self, start: int, figure_start: int) -> bool:
        """ "voter turnout in the province was 61.4%": the figure's subject says what it is."""
        cue = self.lexicon.cues.get("not_result_subject")
        if cue is None:
            return False
        subject = _SUBJECT_START.split(self.text[start:figure_start])[-1]
        return len(subject.split()) <= 12 and bool(cue.search(subject))

    def region_after(self, start: int, end: int) -> RegionMention | None:
        """ "56.9% backed independence in Glasgow and 58.3% in Dundee": a place right after a
        figure, introduced by "in", is that figure's."""
        for mention in self.regions:
            if start <= mention.start < end and mention.start - start <= 60:
                between = self.text[start : mention.start]
                if re.search(r"\bin(?: the)?\s+$", between) and not re.search(r"[,;:]", between):
                    return mention
        return None

    def option(
        self, start: int, figure: re.Match[str], listed: bool, heads_list: bool = False
    ) -> str | None:
        rival, self.rival = self.rival, None
        if (
            listed
            and rival is not None
            and _RIVAL_FIGURE.fullmatch(self.text, start, figure.start())
        ):
            return self.person_names.get(rival.key or "", rival.surface)
        person = _option_for(self.people, start, figure.start(), self.text, self.lexicon)
        if person is not None:
            named = [m for m in self.people if start <= m.start and m.end <= figure.start()]
            if named and named[-1] is not person and named[-1].kind == "person":
                self.rival = named[-1]  # "... leads Y by 61 per cent to 39 per cent"
            return self.person_names.get(person.key or "", person.surface)
        return self.options.name(start, figure, listed, heads_list)

    def respectively(
        self, clause: _Clause, figures: list[re.Match[str]]
    ) -> list[RegionMention | None] | None:
        """ "In the DNR and LNR ... 99% and 98%, respectively, voted for": pair in order."""
        if len(figures) < 2 or not _RESPECTIVELY.match(self.text, figures[-1].end(), clause.end):
            return None
        clause_text = self.text[clause.start : clause.end]
        if not self.lexicon.cues["result"].search(clause_text):
            return None
        named = [r for r in self.regions if clause.start <= r.start and r.end <= figures[0].start()]
        if len(named) != len(figures):
            return None
        return list(named)

    def result(
        self,
        sentence: Sentence,
        clause: _Clause,
        figure: re.Match[str],
        region: RegionMention | None,
        option: str | None,
        status_until: int | None = None,
    ) -> Result:
        text = self.text
        if status_until is None:
            status = _status(text, clause, sentence, self.lexicon)
        else:
            before = _Clause(clause.start, status_until)
            status = _status(text, before, replace(sentence, end=status_until), self.lexicon)
        if status == "unknown":
            start, end = self.paragraphs.get(sentence.paragraph, (sentence.start, sentence.end))
            status = _status(text, _Clause(start, end), sentence, self.lexicon)
        if status == "unknown":
            status = self.story_status()
        reported = _reported_by(text, clause, sentence, figure.start(), self.lexicon)
        return _record(
            text, figure, region, option, status, reported, (sentence.start, sentence.end)
        )


def _record(
    text: str,
    figure: re.Match[str],
    region: RegionMention | None,
    option: str | None,
    status: ResultStatus,
    reported_by: str | None,
    evidence: tuple[int, int],
) -> Result:
    """A result with its evidence: the sentence, or the table row, that holds the figure."""
    value, low, high = _precision(figure)
    start, end = evidence
    return Result(
        region_code=region.code if region else None,
        region=region.name if region else None,
        option=option,
        percent=value,
        low=low,
        high=high,
        status=status,
        reported_by=reported_by,
        start=figure.start(),
        end=figure.end(),
        evidence=Evidence(text[start:end], start, end),
    )


def find_results(
    text: str,
    sentences: list[Sentence],
    regions: list[RegionMention],
    people: list[Mention],
    person_names: dict[str, str],
    lexicon: Lexicon,
    full_names: dict[str, set[str]] | None = None,
) -> tuple[list[Result], list[tuple[str, int, int]]]:
    """Vote shares, and the options named for them that are no person already known
    (candidates named only with their figure: "Alhaji Musa Lawal came third with 5.2%")."""
    reader = _ResultReader(
        text, sentences, regions, people, person_names, lexicon, full_names or {}
    )
    for sentence in sentences:
        start, end = reader.paragraphs.get(sentence.paragraph, (sentence.start, sentence.end))
        reader.paragraphs[sentence.paragraph] = (min(start, sentence.start), max(end, sentence.end))
    results: list[Result] = []
    tables = find_tables(text)
    rows = [(row[0].start, row[-1].end) for table in tables for row in table.rows]
    for sentence in sentences:
        if sentence.chrome or not _MAYBE_FIGURE.search(text, sentence.start, sentence.end):
            continue
        if any(start <= sentence.start < end for start, end in rows):
            continue  # a table row: read with its column's header below
        for clause in _clauses(text, sentence):
            results.extend(reader.clause(sentence, clause))
    for table in tables:
        results.extend(reader.table(table))
    results.sort(key=lambda r: r.start)
    return results, reader.options.named

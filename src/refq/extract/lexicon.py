"""Reference knowledge compiled into the regular expressions the pipeline runs.

Built once per `Knowledge` (cached), so loading many articles pays for compilation once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from refq.knowledge import Knowledge, Region

# A prefix tree of characters; the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def _alternation(words: tuple[str, ...] | list[str], lowercase: bool = False) -> str:
    """One regex for a list of literal words, as a prefix tree: Python's `re` tries the
    branches of a flat alternation one by one at every position, which made the big word
    lists (titles, verbs) the slowest part of extraction. Longer words win ("Foreign Minister"
    over "Minister") because every branch may go on before it may stop.

    `lowercase`: each character lowered in the same tree (the same branches in the same order,
    so the same word wins), to match text lowered as re.IGNORECASE would match it."""
    return _trie_regex(_trie(words), lowercase) or "(?!x)x"


def _trie(words: tuple[str, ...] | list[str]) -> _Trie:
    trie: _Trie = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _trie_regex(node: _Trie, lowercase: bool = False) -> str:
    ends = "" in node
    branches = [
        re.escape(char.lower() if lowercase else char) + _trie_regex(node[char], lowercase)
        for char in sorted(k for k in node if k)
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else f"{body}?"
    return body


_ASCII = "".join(map(chr, range(128)))


def _lowercase_word(words: tuple[str, ...] | list[str]) -> re.Pattern[str] | None:
    """`_word(_alternation(words))` under re.IGNORECASE made a case-sensitive scan of ASCII
    text lowered by str.lower() (same length, so the same offsets): the same matches, in half
    the time. An ASCII letter matches its two cases under IGNORECASE, as str.lower() has it;
    None when a non-ASCII character of the words would match some ASCII one differently."""
    for char in {char for word in words for char in word if not char.isascii()}:
        ignoring_case = re.compile(re.escape(char), re.IGNORECASE)
        matched = {x for x in _ASCII if ignoring_case.fullmatch(x)}
        if len(char.lower()) != 1 or matched != {x for x in _ASCII if x.lower() == char.lower()}:
            return None
    return re.compile(_word(_alternation(words, lowercase=True)))


_FIRST_WORD = re.compile(r"\w+")


class PhraseIndex:
    """Literal phrases found by dictionary lookups, longest phrase first.

    Same matches as one prefix-tree regex over the phrases with `_word` boundaries, but built
    in milliseconds: compiling that regex for the gazetteer's ~14,000 aliases and places took
    over half a second in every process that loads articles. Phrases are keyed by their first
    two words, so a common first word ("province", "state") does not try hundreds of phrases.
    """

    __slots__ = ("_by_words", "_first_words", "_heads")

    def __init__(self, phrases: list[str] | tuple[str, ...]) -> None:
        by_words: dict[tuple[str, str], list[str]] = {}
        for phrase in set(phrases):
            head = _FIRST_WORD.match(phrase)
            if head is not None and head.end() > 0:
                by_words.setdefault((head.group(), _next_word(phrase, head.end())), []).append(
                    phrase
                )
        for group in by_words.values():
            group.sort(key=len, reverse=True)
        self._by_words = by_words
        # Most capitalized words open no phrase: one set lookup skips them.
        self._first_words = frozenset(head for head, _ in by_words)
        # Candidates are the words that could open a phrase: any word with a capital a phrase
        # starts with, and the few lower-case first words ("province of ..."). A regex of all
        # ~6,000 first words would find fewer candidates, but took 0.3 s to compile.
        heads = {head for head, _ in by_words}
        capitals = "".join(sorted({h[0] for h in heads if h[0].isupper()}))
        lower = _alternation(sorted(h for h in heads if not h[0].isupper()))
        self._heads = re.compile(rf"(?<![\w-])(?:[{re.escape(capitals)}]\w*|{lower})(?!\w)")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """(offset, phrase) of each match in text[start:end], left to right, not overlapping."""
        stop = len(text) if end is None else end
        found: list[tuple[int, str]] = []
        position = start
        by_words, first_words = self._by_words, self._first_words
        for word in self._heads.finditer(text, start, stop):
            at = word.start()
            head = word.group()
            if at < position or head not in first_words:
                continue
            longer = by_words.get((head, _next_word(text, word.end())), ())
            for phrase in (*longer, *by_words.get((head, ""), ())):
                after = at + len(phrase)
                if after > stop or not text.startswith(phrase, at):
                    continue
                if after < len(text) and (text[after].isalnum() or text[after] in "_-"):
                    continue
                found.append((at, phrase))
                position = after
                break
        return found


_NEXT_WORD = re.compile(r"[^\w\n]{1,4}(\w+)")


def _next_word(text: str, position: int) -> str:
    """The word after the one ending at `position` ("" if none follows closely): "province"
    -> "of" in "province of Trento", "U" -> "S" in "U.S."."""
    found = _NEXT_WORD.match(text, position)
    return found.group(1) if found else ""


def _literal_cue(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A regex for literal words one of which every match of a slower pattern contains.

    A pattern that opens with a look-behind is tried at every position of the text; a bare
    alternation of literals lets `re` skip to the characters its words start with. So a
    sentence searched for the cue first is searched for the slower pattern only when the cue
    is there. A word is cut to start at its first capital ("the Kremlin" -> "Kremlin"): the
    rest of a word is in the text wherever the word is, and capitals are rare enough to skip.
    """
    cut = []
    for word in words:
        first_capital = next((i for i, char in enumerate(word) if char.isupper()), 0)
        cut.append(word[first_capital:])
    return re.compile(_alternation(cut))


def _word_of(words: tuple[str, ...] | list[str]) -> str:
    r"""`_word(_alternation(words))`, the same matches, with the look-behind after each first
    character ("he" -> `h(?<![\w-]h)e`): a pattern whose branches open with literals lets `re`
    skip to the characters the words start with. Worth it for words that start with a few
    letters only (pronouns), not for a list that starts with most (verbs)."""
    trie = _trie(words)
    branches = [
        rf"{re.escape(char)}(?<![\w-]{re.escape(char)}){_trie_regex(trie[char])}"
        for char in sorted(k for k in trie if k)
    ]
    if not branches:
        return _word("(?!x)x")
    return "(?:" + "|".join(branches) + r")(?![\w-])"


def _word(pattern: str) -> str:
    # \b fails next to a final period ("U.S."); look-arounds work for any alias.
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ſ"
_NAME_TAIL = rf"(?:[^\W\d_]|['’](?!s\b)(?=[^\W\d_]))*(?:-[{_CAPITAL}][^\W\d_]+)*"
NAME_TOKEN = rf"(?:(?:Mc|Mac|O['’]|D['’])?[{_CAPITAL}]{_NAME_TAIL})"
# `(?<![\w-])` then NAME_TOKEN, the same matches, but its first capital read before the
# look-behind (now over that capital too), and the "Mc"/"O'" prefixes told by that capital.
# A pattern opening with a character class lets `re` skip straight to the capitals; one
# opening with a look-behind is tried at every position of every sentence searched for names.
_NAME_TOKEN_AT_WORD_START = (
    rf"[{_CAPITAL}](?<![\w-].)(?:(?:(?<=M)(?:c|ac)|(?<=[OD])['’])[{_CAPITAL}])?{_NAME_TAIL}"
)


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: stages cache per lexicon
class Lexicon:
    knowledge: Knowledge
    abbreviations: frozenset[str]
    regions: PhraseIndex  # aliases and places
    region_by_alias: dict[str, Region]
    region_by_place: dict[str, Region]  # a city or town named for its region
    # Names that stand for a region only where the story names its country: a gazetteer's
    # `in_context` names, and a place that two regions hold ("Córdoba").
    regions_in_context: dict[str, tuple[Region, ...]]
    title_pattern: re.Pattern[str]
    title_in_lowercase: re.Pattern[str] | None  # title_pattern for lowered ASCII text
    title_at_end: re.Pattern[str]
    modifiers: frozenset[str]
    body_pattern: re.Pattern[str]
    body_cue: re.Pattern[str]  # a word every body_pattern match contains
    speech_pattern: re.Pattern[str]
    naming_pattern: re.Pattern[str]
    reported_pattern: re.Pattern[str]
    name_pattern: re.Pattern[str]
    stop_capitals: frozenset[str]
    pronoun_pattern: re.Pattern[str]
    person_pronouns: frozenset[str]
    channels: tuple[tuple[str, re.Pattern[str]], ...]
    any_channel: re.Pattern[str]
    chrome: tuple[tuple[str, re.Pattern[str]], ...]
    cues: dict[str, re.Pattern[str]]
    month_names: tuple[str, ...]
    weekday_names: tuple[str, ...]
    non_names: frozenset[str]  # words that cannot open a name (incl. one-word place names)
    name_breakers: frozenset[str]  # words that end a name run (no place names: "Ana Lima")
    organisation_heads: frozenset[str]
    body_reference: re.Pattern[str]
    people_noun: re.Pattern[str]  # "economist", "retired fisherman"
    honorifics: frozenset[str]
    courtesy_name: re.Pattern[str]  # "Mr " / "Prof. " before a name of two words or more
    courtesy_cue: re.Pattern[str]  # the honorific every courtesy_name match contains
    unnamed_person: re.Pattern[str]  # "a retired fisherman in Puck"; group "place" is the tail
    qualitative: tuple[tuple[re.Pattern[str], float, float], ...]
    any_qualitative: re.Pattern[str]
    agency_pattern: re.Pattern[str]
    agency_cue: re.Pattern[str]  # the alias every agency_pattern match contains
    agency_by_alias: dict[str, str]
    outlet_names: tuple[tuple[str, re.Pattern[str] | None, tuple[str, ...]], ...]

    def chrome_kind(self, line: str) -> str | None:
        for kind, pattern in self.chrome:
            if pattern.search(line):
                return kind
        return None

    def chrome_match(self, kind: str, line: str) -> re.Match[str] | None:
        for name, pattern in self.chrome:
            if name == kind:
                match = pattern.search(line)
                if match:
                    return match
        return None


_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def any_of(patterns: list[str] | tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    """One regex that matches wherever one of ``patterns`` does: a single scan tells that none
    applies, so the patterns are tried one by one only on the rare text where one does.
    A leading global flag ("(?i)...") is scoped to its own pattern."""
    scoped = []
    for pattern in patterns:
        flag = _GLOBAL_FLAGS.match(pattern)
        if flag:
            scoped.append(f"(?{flag.group(1)}:{pattern[flag.end() :]})")
        else:
            scoped.append(f"(?:{pattern})")
    try:
        return re.compile("|".join(scoped) or r"(?!x)x", flags)
    except re.error:  # e.g. the same group name in two patterns: no shortcut, always try
        return re.compile("")


def _cue(patterns: tuple[str, ...]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def compile_lexicon(knowledge: Knowledge) -> Lexicon:
    region_by_alias: dict[str, Region] = {}
    for region in knowledge.regions:
        for alias in (*region.aliases, region.name, region.short):
            region_by_alias.setdefault(alias, region)
    region_by_place: dict[str, Region] = {}
    ambiguous: set[str] = set()
    for region in knowledge.regions:
        for place in region.places:
            if place in region_by_alias or place in ambiguous:
                continue
            if region_by_place.setdefault(place, region).code != region.code:
                ambiguous.add(place)  # "Cordoba" in Spain and in Argentina: by context
                del region_by_place[place]
    in_context: dict[str, list[Region]] = {}
    for region in knowledge.regions:
        for name in (*region.in_context, *(p for p in region.places if p in ambiguous)):
            if region not in in_context.setdefault(name, []):
                in_context[name].append(region)
    # Honorifics stop a name like the stop capitals do ("Alhaji" opens no name).
    stops = frozenset({*knowledge.stop_capitals, *knowledge.honorifics})
    name_words = {
        *stops,
        *knowledge.months,
        *knowledge.weekdays,
        *(a for a in region_by_alias if " " not in a),
        *(o for outlet in knowledge.outlets for o in outlet.aliases),
    }
    agency_by_alias = {
        alias: outlet.name
        for outlet in knowledge.outlets
        if outlet.kind == "agency"
        for alias in outlet.aliases
    }
    particles = _alternation(knowledge.name_particles)
    more_names = rf"(?:\s+(?:(?:{particles})\s+)?{NAME_TOKEN}){{0,3}}"
    titles = _alternation(knowledge.titles)
    # Agencies speak ("RIA said"); wire services only carry the copy ("(AP) —").
    agencies = [a for o in knowledge.outlets if o.kind == "agency" for a in o.aliases]
    bodies = _alternation([*knowledge.bodies, *agencies])
    heads = _alternation(knowledge.body_heads)
    cap = r"[A-Z][\w.'’&-]*"
    body = (
        rf"(?:(?:{cap}\s+){{0,4}}(?:{heads})(?:\s+(?:of|for|on)(?:\s+the)?(?:\s+{cap}){{1,4}})?"
        rf"|{bodies})"
    )
    return Lexicon(
        knowledge=knowledge,
        abbreviations=frozenset(knowledge.abbreviations),
        regions=PhraseIndex([*region_by_alias, *region_by_place, *in_context]),
        region_by_alias=region_by_alias,
        region_by_place=region_by_place,
        regions_in_context={name: tuple(found) for name, found in in_context.items()},
        title_pattern=re.compile(_word(titles), re.IGNORECASE),
        title_in_lowercase=_lowercase_word(knowledge.titles),
        title_at_end=re.compile(rf"(?<![\w-])(?:{titles})\s+$", re.IGNORECASE),
        modifiers=frozenset(m.lower() for m in knowledge.title_modifiers),
        body_pattern=re.compile(_word(body)),
        body_cue=_literal_cue([*knowledge.body_heads, *knowledge.bodies, *agencies]),
        speech_pattern=re.compile(_word(_alternation(knowledge.speech_verbs))),
        naming_pattern=re.compile(_word(_alternation(knowledge.naming_verbs))),
        reported_pattern=re.compile(_word(_alternation(knowledge.reported_verbs))),
        name_pattern=re.compile(rf"{_NAME_TOKEN_AT_WORD_START}{more_names}(?![\w-])"),
        stop_capitals=stops,
        pronoun_pattern=re.compile(
            _word_of([p for group in knowledge.pronouns.values() for p in group])
        ),
        person_pronouns=frozenset(knowledge.pronouns.get("person", ())),
        channels=tuple(
            (channel.name, re.compile("|".join(channel.patterns), re.IGNORECASE))
            for channel in knowledge.channels
            if channel.patterns
        ),
        any_channel=any_of(
            [p for channel in knowledge.channels for p in channel.patterns], re.IGNORECASE
        ),
        chrome=tuple(
            (kind, re.compile(pattern))
            for kind, patterns in knowledge.chrome.items()
            for pattern in patterns
        ),
        cues={kind: _cue(patterns) for kind, patterns in knowledge.result_cues.items()},
        month_names=knowledge.months,
        weekday_names=knowledge.weekdays,
        non_names=frozenset(name_words),
        name_breakers=frozenset(
            {
                *stops,
                *knowledge.months,
                *knowledge.weekdays,
                *(o for outlet in knowledge.outlets for o in outlet.aliases),
            }
        ),
        organisation_heads=frozenset(knowledge.organisation_heads),
        body_reference=re.compile(
            r"(?<![\w-])the\s+("
            + "|".join(re.escape(h.lower()) for h in knowledge.body_heads)
            + r")\b"
        ),
        honorifics=frozenset(knowledge.honorifics),
        courtesy_name=re.compile(
            rf"(?<![\w-])(?:{_alternation(knowledge.honorifics)})\.?\s+"
            rf"(?={NAME_TOKEN}\s+{NAME_TOKEN})"
        ),
        courtesy_cue=_literal_cue(knowledge.honorifics),
        people_noun=re.compile(_word(_alternation(knowledge.people_nouns))),
        unnamed_person=re.compile(
            # "a"/"an"/"one" at a word start, its first letter read before the look-behind (as
            # in _NAME_TOKEN_AT_WORD_START): `re` skips to the a's and o's.
            r"[AaOo](?<![\w-].)(?:(?<=[Aa])n?|(?<=[Oo])ne)"
            r"\s+(?P<age>\d+-year-old\s+)?(?:[a-z][\w-]*\s+){0,3}?"
            rf"(?:{_alternation(knowledge.people_nouns)})"
            r"(?P<place>\s+(?:in|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?"
            r"(?![\w-])"
        ),
        any_qualitative=any_of([p for p, _, _ in knowledge.qualitative], re.IGNORECASE),
        qualitative=tuple(
            (re.compile(pattern, re.IGNORECASE), low, high)
            for pattern, low, high in knowledge.qualitative
        ),
        agency_pattern=re.compile(_word(_alternation(list(agency_by_alias)) or "(?!x)x")),
        agency_cue=_literal_cue(list(agency_by_alias)),
        agency_by_alias=agency_by_alias,
        outlet_names=tuple(
            (
                outlet.name,
                re.compile(_word(_alternation(outlet.aliases))) if outlet.aliases else None,
                outlet.domains,
            )
            for outlet in knowledge.outlets
            if outlet.kind == "outlet"
        ),
    )

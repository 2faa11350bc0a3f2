"""Stage 2a: region mentions, matched against the gazetteer's aliases (a dictionary lookup per
word, so the scan costs about the same for 100 or 10,000 aliases)."""

from __future__ import annotations

import bisect
import re

from refq.extract.lexicon import Lexicon
from refq.extract.people import Mention
from refq.models import RegionMention, Sentence


def find_regions(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[RegionMention]:
    body = [s for s in sentences if not s.chrome]
    ends = [s.end for s in body]
    mentions: list[RegionMention] = []
    pending: list[tuple[int, str]] = []  # names that need the story's country
    # One scan of the whole text; a match counts when a body sentence holds all of it.
    for start, alias in lexicon.regions.finditer(text):
        index = bisect.bisect_right(ends, start)
        if index == len(body) or body[index].start > start or start + len(alias) > ends[index]:
            continue
        region = lexicon.region_by_alias.get(alias) or lexicon.region_by_place.get(alias)
        if alias in lexicon.regions_in_context:
            pending.append((start, alias))
        elif region is not None:
            mentions.append(
                RegionMention(region.code, region.name, alias, start, start + len(alias))
            )
    if pending:
        mentions = sorted(mentions + _in_context(text, pending, mentions, lexicon), key=_position)
    return mentions


def _in_context(
    text: str, pending: list[tuple[int, str]], mentions: list[RegionMention], lexicon: Lexicon
) -> list[RegionMention]:
    """ "Mendoza" in a story that names Argentina is the province; in a story that names no
    country of the regions a name may be, it is the one region its plain alias gives, if any.
    Inside a longer name ("Carlos Mendoza", "Mendoza Civic Front") it is no place."""
    countries = {m.code.partition("-")[0] for m in mentions}
    stops = lexicon.knowledge.stop_capitals  # "In Mendoza", not "Mr Mendoza"
    found: list[RegionMention] = []
    for start, name in pending:
        end = start + len(name)
        before = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
        if before and before[2] and len(before[1]) > 1 and before[1] not in lexicon.honorifics:
            before = None  # the last word of the sentence before: "in Baghdad. Kurdistan's"
        if (before and before[1] not in stops) or _CAPITAL_AFTER.match(text, end):
            continue
        candidates = [
            r for r in lexicon.regions_in_context[name] if r.code.partition("-")[0] in countries
        ]
        plain = lexicon.region_by_alias.get(name) or lexicon.region_by_place.get(name)
        if plain is not None and plain.code.partition("-")[0] in countries:
            candidates.append(plain)
        region = candidates[0] if len(candidates) == 1 else plain if not candidates else None
        if region is not None:
            found.append(RegionMention(region.code, region.name, name, start, start + len(name)))
    return found


_CAPITAL_BEFORE = re.compile(r"\b([A-Z][\w'’-]*)(\.?)\s$")
_CAPITAL_AFTER = re.compile(r"\s[A-Z]")


def _position(mention: RegionMention) -> int:
    return mention.start


def without_people(
    regions: list[RegionMention], people: list[Mention], lexicon: Lexicon
) -> list[RegionMention]:
    """Drop place mentions inside a person's name ("Regina" in "Regina Okafor"); a region's
    own name is kept (the gazetteer keeps names that double as given names out of it)."""
    persons = [(m.start, m.end) for m in people if m.kind == "person"]
    return [
        r
        for r in regions
        if (
            r.surface not in lexicon.region_by_place and r.surface not in lexicon.regions_in_context
        )
        or not any(s <= r.start and r.end <= e for s, e in persons)
    ]

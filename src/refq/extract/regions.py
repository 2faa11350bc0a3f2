"""Stage 2a: region mentions, matched against the gazetteer's aliases (a dictionary lookup per
word, so the scan costs about the same for 100 or 10,000 aliases)."""

from __future__ import annotations

import bisect

from refq.extract.lexicon import Lexicon
from refq.extract.people import Mention
from refq.models import RegionMention, Sentence


def find_regions(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[RegionMention]:
    body = [s for s in sentences if not s.chrome]
    ends = [s.end for s in body]
    mentions: list[RegionMention] = []
    # One scan of the whole text; a match counts when a body sentence holds all of it.
    for start, alias in lexicon.regions.finditer(text):
        index = bisect.bisect_right(ends, start)
        if index == len(body) or body[index].start > start or start + len(alias) > ends[index]:
            continue
        region = lexicon.region_by_alias.get(alias) or lexicon.region_by_place[alias]
        mentions.append(RegionMention(region.code, region.name, alias, start, start + len(alias)))
    return mentions


def without_people(
    regions: list[RegionMention], people: list[Mention], lexicon: Lexicon
) -> list[RegionMention]:
    """Drop place mentions inside a person's name ("Regina" in "Regina Okafor"); a region's
    own name is kept (the gazetteer keeps names that double as given names out of it)."""
    persons = [(m.start, m.end) for m in people if m.kind == "person"]
    return [
        r
        for r in regions
        if r.surface not in lexicon.region_by_place
        or not any(s <= r.start and r.end <= e for s, e in persons)
    ]

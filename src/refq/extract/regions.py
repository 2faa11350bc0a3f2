"""Stage 2a: region mentions, matched against the gazetteer's aliases (one prefix-tree regex
over every alias, so the scan costs about the same for 100 or 10,000 aliases)."""

from __future__ import annotations

from refq.extract.lexicon import Lexicon
from refq.models import RegionMention, Sentence


def find_regions(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[RegionMention]:
    mentions: list[RegionMention] = []
    for sentence in sentences:
        if sentence.chrome:
            continue
        for found in lexicon.region_pattern.finditer(text, sentence.start, sentence.end):
            region = lexicon.region_by_alias[found.group()]
            mentions.append(
                RegionMention(region.code, region.name, found.group(), found.start(), found.end())
            )
    return mentions

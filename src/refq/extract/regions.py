"""Stage 2a: region mentions, matched against the gazetteer's aliases (a dictionary lookup per
word, so the scan costs about the same for 100 or 10,000 aliases)."""

from __future__ import annotations

from refq.extract.lexicon import Lexicon
from refq.models import RegionMention, Sentence


def find_regions(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[RegionMention]:
    mentions: list[RegionMention] = []
    for sentence in sentences:
        if sentence.chrome:
            continue
        for start, alias in lexicon.regions.finditer(text, sentence.start, sentence.end):
            region = lexicon.region_by_alias[alias]
            mentions.append(
                RegionMention(region.code, region.name, alias, start, start + len(alias))
            )
    return mentions

"""Stage 2a: region mentions, matched against the gazetteer's aliases.

Aliases are looked up by their first word in a dictionary rather than through one regular
expression of ~800 alternatives: Python's `re` tries alternatives one by one, and this stage
was the slowest of the pipeline that way.
"""

from __future__ import annotations

import re

from refq.extract.lexicon import Lexicon
from refq.models import RegionMention, Sentence

_WORD = re.compile(r"(?<![\w-])[^\W\d_][\w.'’-]*")


def find_regions(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[RegionMention]:
    index = lexicon.region_index
    mentions: list[RegionMention] = []
    for sentence in sentences:
        if sentence.chrome:
            continue
        position = sentence.start
        for word in _WORD.finditer(text, sentence.start, sentence.end):
            if word.start() < position:
                continue
            head = word.group().rstrip(".,'’")
            for alias in index.get(head, ()):
                end = word.start() + len(alias)
                if end > sentence.end or not text.startswith(alias, word.start()):
                    continue
                if end < len(text) and (text[end].isalnum() or text[end] in "-_"):
                    continue
                region = lexicon.region_by_alias[alias]
                mentions.append(RegionMention(region.code, region.name, alias, word.start(), end))
                position = end
                break
    return mentions

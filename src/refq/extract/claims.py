"""Stage 3c: vote shares described in words ("overwhelming majorities"), and the news
agencies an article names as its source ("according to ... RIA Novosti")."""

from __future__ import annotations

from refq.extract.lexicon import Lexicon
from refq.models import Claim, Evidence, RegionMention, Sentence


def find_claims(
    text: str, sentences: list[Sentence], regions: list[RegionMention], lexicon: Lexicon
) -> list[Claim]:
    claims: list[Claim] = []
    if not lexicon.any_qualitative.search(text):
        return claims  # most stories: one scan instead of one per pattern and sentence
    for sentence in sentences:
        if sentence.chrome:
            continue
        for pattern, low, high in lexicon.qualitative:
            for found in pattern.finditer(text, sentence.start, sentence.end):
                inside = [
                    r
                    for r in regions
                    if sentence.start <= r.start < sentence.end and r.code.count("-") == 1
                ]
                code = inside[0].code if len(inside) == 1 else None
                evidence = Evidence(
                    text[sentence.start : sentence.end], sentence.start, sentence.end
                )
                claims.append(
                    Claim(found.group(), low, high, code, found.start(), found.end(), evidence)
                )
    claims.sort(key=lambda c: c.start)
    return claims


def find_citations(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[str]:
    """Agencies named in body text, in order of first mention."""
    cited: list[str] = []
    if not lexicon.agency_cue.search(text):
        return cited  # most stories name no agency: one fast scan instead of one per sentence
    for sentence in sentences:
        if sentence.chrome:
            continue
        for found in lexicon.agency_pattern.finditer(text, sentence.start, sentence.end):
            name = lexicon.agency_by_alias[found.group()]
            if name not in cited:
                cited.append(name)
    return cited

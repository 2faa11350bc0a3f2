"""Stage 2d: what an article says about itself: outlet (from page chrome that names it),
in-page dateline, headline and wire-service credits."""

from __future__ import annotations

import re

from refq.extract.lexicon import Lexicon
from refq.extract.text import Paragraph
from refq.models import ChromeBlock, Evidence, SourceInfo, SourceMeta

_SPLIT_WIRES = re.compile(r"\s*(?:,|/|\band\b|&)\s*")


def _wires(credit: str, lexicon: Lexicon) -> list[str]:
    names: list[str] = []
    for part in _SPLIT_WIRES.split(credit):
        part = part.strip(" .")
        for outlet in lexicon.knowledge.outlets:
            if part in outlet.aliases and outlet.name not in names:
                names.append(outlet.name)
    return names


def _outlet(text: str, paras: list[Paragraph], lexicon: Lexicon) -> tuple[str, Evidence] | None:
    """The outlet a page names in its own furniture: a banner with its domain, a "Source:"
    line, its name on a live-briefing box. Outlets named in body text are other sources."""
    for para in paras:
        if para.chrome is None or para.chrome in {"credit", "teaser"}:
            continue
        line = text[para.start : para.end]
        lowered = line.lower()
        for name, aliases, domains in lexicon.outlet_names:
            if any(d in lowered for d in domains) or (aliases and aliases.search(line)):
                return name, Evidence(line, para.start, para.end)
    return None


def read_source(
    text: str,
    paras: list[Paragraph],
    chrome: tuple[ChromeBlock, ...],
    meta: SourceMeta,
    lexicon: Lexicon,
) -> SourceInfo:
    dateline: str | None = None
    wires: list[str] = []
    headline: str | None = None
    for para in paras:
        line = text[para.start : para.end]
        if para.chrome == "headline" and headline is None:
            headline = line
        if dateline is None:
            match = lexicon.chrome_match("dateline", line)
            if match:
                dateline = match.group(1)
        if para.chrome == "credit":
            match = lexicon.chrome_match("credit", line)
            if match:
                wires += [w for w in _wires(match.group(1), lexicon) if w not in wires]
    found = _outlet(text, paras, lexicon)
    return SourceInfo(
        outlet=meta.outlet or (found[0] if found else None),
        title=meta.title or headline,
        published=meta.published,
        dateline=dateline,
        wires=tuple(wires),
        chrome=chrome,
        outlet_evidence=found[1] if found else None,
    )

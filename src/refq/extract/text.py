"""Stage 1: text -> paragraphs -> sentences, each with offsets into the article text, and
page chrome (banners, teasers, captions, credit lines) marked rather than removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refq.extract.lexicon import Lexicon
from refq.models import ChromeBlock, Sentence


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    chrome: str | None  # the kind of page furniture, or None for body text


_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"“‘'(\[]?[A-Z0-9À-Þ]")
_TOKEN_BEFORE = re.compile(r"(\S+?)[.!?]+[\"”’')\]]*$")
_LINE = re.compile(r"[^\n]+")
_INITIAL = re.compile(r"[A-Z]")  # "J." in "J. Smith" ends no sentence
_ENDS_SENTENCE = re.compile(r"[.!?\"”]\s*$")
_ENDS_SENTENCE_OR_COLON = re.compile(r"[.!?\"”:]\s*$")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, as (start, end) with surrounding white space trimmed."""
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


def _inside_quote(text: str, start: int, pos: int) -> bool:
    """Whether `pos` falls inside a quotation opened after `start` (same paragraph)."""
    segment = text[start:pos]
    straight = segment.count('"') % 2 == 1
    curly = segment.count("“") > segment.count("”")
    return straight or curly


def _quote_closes_later(text: str, pos: int, end: int) -> bool:
    rest = text[pos:end]
    return '"' in rest or "”" in rest


def split_sentences(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph. A full stop inside an open quotation that closes
    later in the paragraph does not end the sentence: the quote and its attribution stay
    together ("... free. It was not fair," Smith said.)."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        if not _NEXT_STARTS_SENTENCE.match(text, cut, end):
            continue
        # The token holds no space: searching from the last one gives the same match, without
        # trying every position of a long sentence.
        token = _TOKEN_BEFORE.search(text, max(sentence_start, text.rfind(" ", 0, cut) + 1), cut)
        word = token.group(1) if token else ""
        if word in lexicon.abbreviations or _INITIAL.fullmatch(word):
            continue
        if _inside_quote(text, sentence_start, cut) and _quote_closes_later(text, cut, end):
            continue
        spans.append((sentence_start, cut))
        sentence_start = cut
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end:
        spans.append((sentence_start, end))
    return spans


def classify_chrome(text: str, spans: list[tuple[int, int]], lexicon: Lexicon) -> list[str | None]:
    """Label each paragraph with its kind of page furniture, or None for body text."""
    kinds: list[str | None] = []
    seen: set[str] = set()
    for start, end in spans:
        line = text[start:end]
        kind = lexicon.chrome_kind(line)
        if kind is None and line in seen:
            kind = "duplicate"  # captions and teasers repeated by page templates
        seen.add(line)
        if (
            kind is None
            and kinds
            and kinds[-1] == "teaser"
            and _teaser_list_goes_on(text, spans, len(kinds))
        ):
            kind = "teaser"  # "Read more:" and the headlines listed under it
        kinds.append(kind)
    first_body = next((i for i, kind in enumerate(kinds) if kind is None), None)
    if first_body is not None and _looks_like_headline(text, *spans[first_body]):
        kinds[first_body] = "headline"
    return kinds


def _teaser_list_goes_on(text: str, spans: list[tuple[int, int]], index: int) -> bool:
    """A line right under a teaser line (no blank line between) that reads as a headline."""
    previous_end, (start, end) = spans[index - 1][1], spans[index]
    return text.count("\n", previous_end, start) == 1 and not _ENDS_SENTENCE.search(text[start:end])


def _looks_like_headline(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    words = [w for w in line.split() if w.isalpha()]
    return len(line) < 200 and not _ENDS_SENTENCE_OR_COLON.search(line) and len(words) >= 3


def segment(text: str, lexicon: Lexicon) -> tuple[list[Paragraph], list[Sentence]]:
    spans = paragraphs(text)
    kinds = classify_chrome(text, spans, lexicon)
    paras: list[Paragraph] = []
    sentences: list[Sentence] = []
    for index, ((start, end), kind) in enumerate(zip(spans, kinds, strict=True)):
        paras.append(Paragraph(index, start, end, kind))
        for s_start, s_end in split_sentences(text, start, end, lexicon):
            sentences.append(Sentence(s_start, s_end, index, kind is not None))
    return paras, sentences


def chrome_blocks(paras: list[Paragraph]) -> tuple[ChromeBlock, ...]:
    return tuple(ChromeBlock(p.chrome, p.start, p.end) for p in paras if p.chrome is not None)

"""An article's stored text with every record read from it marked in place: pure functions
from text and records to segments, and from segments to marked-up text.

A ``Mark`` is one record's span (or a stretch of page chrome) with its kind, a label and a
Rich style string. ``segments`` cuts the text wherever a mark starts or ends, so each
``Segment`` is a stretch of text under one set of marks, outermost first; spans that nest
(a region named inside a quote) and spans that cross both come out right. Two renderings:

- ``marked_text``: plain text with inline markers, for pipes and ``NO_COLOR``. A marked span
  reads ``⟦kind:label|text⟧``, e.g. ``⟦quote:Jane Smith|We will decide,⟧``.
  Markers nest: ``⟦quote:X|… ⟦region:Odesa Oblast|Odesa⟧ …⟧``. Where two spans cross,
  the inner one is closed at the crossing and opened again after it, so markers always
  nest. Removing the markers (``strip_markers``) gives back the stored text exactly.
- ``styled_text``: a Rich ``Text`` with each segment's styles combined, innermost last.

``render`` writes one source either way: styled at a colour terminal, marked otherwise (piped,
``NO_COLOR``, or asked for). Rich is imported only by the functions that draw with it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from rich.text import Text

    from refq.export import ExportDocument

MarkKind = Literal[
    "chrome", "reported", "quote", "result", "claim", "official", "role", "region", "date"
]

MARKER_OPEN = "⟦"
MARKER_SEP = "|"
MARKER_CLOSE = "⟧"
_MARKER = re.compile(f"{MARKER_OPEN}[^{MARKER_SEP}{MARKER_CLOSE}]*\\{MARKER_SEP}|{MARKER_CLOSE}")

# Outermost first when two marks cover the same span.
_NESTING: dict[MarkKind, int] = {
    "chrome": 0,
    "reported": 1,
    "quote": 2,
    "result": 3,
    "claim": 4,
    "official": 5,
    "role": 6,
    "region": 7,
    "date": 8,
}

# What each kind looks like in a terminal (Rich style strings). Quotes and reported statements
# take their speaker's colour instead (SPEAKER_COLOURS): quotes upright, reported ones italic.
STYLES: dict[MarkKind, str] = {
    "chrome": "dim",
    "result": "bold black on green",
    "claim": "bold green",
    "official": "bold yellow",
    "role": "yellow",
    "region": "underline cyan",
    "date": "blue",
}
SPEAKER_COLOURS = (
    "magenta",
    "bright_red",
    "bright_magenta",
    "dark_orange",
    "orchid",
    "deep_pink3",
    "salmon1",
    "medium_purple",
    "red",
    "hot_pink",
)


# What ``refq show --only`` can restrict the marks to, and the kinds of mark each keeps.
KINDS_OF: dict[str, frozenset[MarkKind]] = {
    "results": frozenset({"result"}),
    "claims": frozenset({"claim"}),
    "quotes": frozenset({"quote"}),
    "statements": frozenset({"quote", "reported"}),
    "officials": frozenset({"official", "role"}),
    "regions": frozenset({"region"}),
    "dates": frozenset({"date"}),
}


@dataclass(frozen=True, slots=True)
class Mark:
    kind: MarkKind
    label: str  # who said it, which region, ...: the marker's text after the kind
    start: int
    end: int
    style: str  # a Rich style string


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int  # offset of ``text`` in the stored text
    marks: tuple[Mark, ...]  # every mark covering this stretch, outermost first


@dataclass(frozen=True, slots=True)
class LegendEntry:
    text: str  # "region (12)", "Jane Smith (3 quotes, 1 reported)"
    style: str


def marks_for(document: ExportDocument, only: Iterable[str] = ()) -> list[Mark]:
    """The marks of one source's records (``document`` holds one source), chrome included.

    ``only`` (keys of ``KINDS_OF``) keeps just those kinds of record; chrome stays, being
    context rather than a record. Each speaker gets a colour, in the order they first speak.
    """
    wanted: set[MarkKind] = set()
    for choice in only:
        wanted |= KINDS_OF[choice]
    keep = wanted or set(_NESTING)
    marks: list[Mark] = [
        Mark("chrome", block.kind, block.start, block.end, STYLES["chrome"])
        for source in document.sources
        for block in source.chrome
    ]
    colours: dict[str, str] = {}
    for st in sorted(document.statements, key=lambda s: s.start):
        speaker = st.speaker or "unattributed"
        colour = colours.setdefault(speaker, SPEAKER_COLOURS[len(colours) % len(SPEAKER_COLOURS)])
        kind: MarkKind = "quote" if st.kind == "direct" else "reported"
        # Upright quotes, italic reported speech: a quote inside a report stands out.
        style = f"not italic {colour}" if kind == "quote" else f"italic {colour}"
        marks.append(Mark(kind, speaker, st.start, st.end, style))
    for r in document.results:
        place = r.region or r.region_code or "region unknown"
        option = f" {r.option}" if r.option else ""
        label = f"{place}{option} {r.percent:g}% {r.status}"
        marks.append(Mark("result", label, r.start, r.end, STYLES["result"]))
    for c in document.claims:
        label = f"{c.low:g}-{c.high:g}%" + (f" {c.region_code}" if c.region_code else "")
        marks.append(Mark("claim", label, c.start, c.end, STYLES["claim"]))
    for o in document.officials:
        marks.append(Mark("official", o.name, o.start, o.end, STYLES["official"]))
        marks.extend(Mark("role", o.name, ro.start, ro.end, STYLES["role"]) for ro in o.roles)
    for g in document.regions:
        marks.append(Mark("region", g.name, g.start, g.end, STYLES["region"]))
    for d in document.dates:
        marks.append(Mark("date", d.date, d.start, d.end, STYLES["date"]))
    return [m for m in marks if m.kind == "chrome" or m.kind in keep]


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; each piece lists the marks covering it, outermost
    first. Empty marks and marks outside the text are dropped."""
    ordered = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=_order)
    cuts = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    pieces: list[Segment] = []
    active: list[Mark] = []
    upcoming = iter(ordered)
    pending = next(upcoming, None)
    for start, end in pairwise(cuts):
        active = [m for m in active if m.end > start]
        while pending is not None and pending.start <= start:
            active.append(pending)
            pending = next(upcoming, None)
        active.sort(key=_order)
        pieces.append(Segment(text[start:end], start, tuple(active)))
    return pieces


def _order(mark: Mark) -> tuple[int, int, int]:
    """Enclosing marks before the marks they enclose."""
    return (mark.start, -mark.end, _NESTING[mark.kind])


def marked_text(pieces: Sequence[Segment]) -> str:
    """Plain text with ``⟦kind:label|…⟧`` around every marked span (see the module doc)."""
    out: list[str] = []
    stack: list[Mark] = []
    for piece in pieces:
        keep = 0
        while keep < min(len(stack), len(piece.marks)) and stack[keep] == piece.marks[keep]:
            keep += 1
        out.append(MARKER_CLOSE * (len(stack) - keep))
        del stack[keep:]
        for mark in piece.marks[keep:]:
            out.append(f"{MARKER_OPEN}{mark.kind}:{_clean(mark.label)}{MARKER_SEP}")
            stack.append(mark)
        out.append(piece.text)
    out.append(MARKER_CLOSE * len(stack))
    return "".join(out)


def strip_markers(marked: str) -> str:
    """The stored text back from ``marked_text``'s output."""
    return _MARKER.sub("", marked)


def _clean(label: str) -> str:
    """A label that cannot end its marker early."""
    for char in (MARKER_OPEN, MARKER_CLOSE, MARKER_SEP, "\n"):
        label = label.replace(char, " ")
    return label.strip()


def legend(marks: Iterable[Mark]) -> list[LegendEntry]:
    """What the marks mean: one entry per kind present, with counts (in nesting order, chrome
    last), then one per speaker in their colour, in the order they first speak."""
    counts: Counter[MarkKind] = Counter()
    said: dict[str, Counter[MarkKind]] = {}
    colour: dict[str, str] = {}
    for mark in sorted(marks, key=_order):
        if mark.kind in ("quote", "reported"):
            said.setdefault(mark.label, Counter())[mark.kind] += 1
            colour.setdefault(mark.label, mark.style.rpartition(" ")[2])
        else:
            counts[mark.kind] += 1
    kinds = sorted(counts, key=lambda kind: (kind == "chrome", _NESTING[kind]))
    entries = [LegendEntry(f"{kind} ({counts[kind]})", STYLES[kind]) for kind in kinds]
    for speaker, tally in said.items():
        parts = [_plural(tally["quote"], "quote"), _plural(tally["reported"], "reported")]
        summary = ", ".join(part for part in parts if part)
        entries.append(LegendEntry(f"{speaker} ({summary})", colour[speaker]))
    return entries


def _plural(count: int, noun: str) -> str:
    if not count:
        return ""
    return f"{count} {noun}" if count == 1 or noun == "reported" else f"{count} {noun}s"


def styled_text(pieces: Sequence[Segment]) -> Text:
    """The pieces as one Rich ``Text``, each piece in its marks' styles, innermost winning."""
    from rich.style import Style
    from rich.text import Text

    text = Text()
    for piece in pieces:
        style = Style.chain(Style.null(), *(Style.parse(mark.style) for mark in piece.marks))
        text.append(piece.text, style=style)
    return text


def legend_text(entries: Sequence[LegendEntry]) -> Text:
    from rich.text import Text

    text = Text("Legend: ")
    for i, entry in enumerate(entries):
        if i:
            text.append("  ")
        text.append(entry.text, style=entry.style)
    return text


def render(
    document: ExportDocument,
    only: Iterable[str] = (),
    *,
    markers: bool = False,
    stream: TextIO | None = None,
) -> None:
    """Write the one source in ``document`` with its records marked: a header (source, title,
    path), the legend, then the text; coloured at a colour terminal, else (or with
    ``markers``) with inline markers after a blank line."""
    import sys

    from rich.console import Console
    from rich.text import Text

    (source,) = document.sources
    out = stream if stream is not None else sys.stdout
    marks = marks_for(document, only)
    pieces = segments(source.text, marks)
    entries = legend(marks)
    title = f"Source {source.id}: {source.outlet or 'outlet unknown'}"
    if source.published:
        title += f", {source.published}"
    header = "\n".join([title, *([source.title] if source.title else []), source.path])
    end = "" if source.text.endswith("\n") else "\n"
    # Colour follows the terminal, NO_COLOR and FORCE_COLOR, as for tables.
    console = Console(file=out, highlight=False)
    if markers or not console.is_terminal or console.no_color:
        kinds = "; ".join(entry.text for entry in entries)
        out.write(f"{header}\nMarked as ⟦kind:label|text⟧: {kinds}\n\n")
        out.write(marked_text(pieces) + end)
        return
    console.print(Text(header, style="bold"))
    console.print(legend_text(entries))
    console.rule()
    console.print(styled_text(pieces), end=end)

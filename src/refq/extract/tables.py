"""Plain-text tables in an article: rows of cells split by pipes, tabs or runs of spaces, at
least two rows with a label and a share ("27.4%") or a bare figure ("24.6"), and the header
line above them when there is one.

    PARTY                 VOTES    SHARE    2021
    Social Alliance (SA)  361,204  27.4%    24.9%

This module only finds the cells; what a cell means (an option's share, for the place or
the year its column names) is the results stage's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Cells are split by a pipe, a tab or two or more spaces ("Social Alliance (SA)  361,204").
_GAP = re.compile(r"\s*\|\s*|\t+\s*| {2,}")
# A cell that is one share and nothing else: "27.4%", "48.72 %"; or a bare figure that is a
# share where the table says its figures are percentages ("SHARE OF THE VOTE (%)"): "24.6".
_SHARE_CELL = re.compile(r"[<>~]?\d{1,3}(?:[.,]\d+)?\s*%")
_FIGURE_CELL = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
_RULE = re.compile(r"[\s|:+=-]*")  # "---|---" or "====" under a header
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int
    end: int

    @property
    def is_share(self) -> bool:
        return _SHARE_CELL.fullmatch(self.text) is not None

    @property
    def is_figure(self) -> bool:
        """A share, or a bare number up to 100 with at most two decimals (not "361,204")."""
        if self.is_share:
            return True
        return (
            _FIGURE_CELL.fullmatch(self.text) is not None
            and float(self.text.replace(",", ".")) <= 100
        )


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Cell, ...]  # empty when the rows have no header line
    rows: tuple[tuple[Cell, ...], ...]
    start: int  # of the first row (the header, when there is one, is before it)
    end: int  # of the last row

    def header_for(self, row: tuple[Cell, ...]) -> tuple[Cell | None, ...]:
        """Each cell's column header. A header one cell short has no label column: it
        names the columns after the row labels ("        YNA    Kent    YSK")."""
        if len(self.header) == len(row):
            return self.header
        if len(self.header) == len(row) - 1:
            return (None, *self.header)
        return tuple(None for _ in row)


def split_cells(text: str, start: int, end: int) -> list[Cell]:
    cells: list[Cell] = []
    position = start
    for gap in _GAP.finditer(text, start, end):
        if gap.start() > position:
            cells.append(Cell(text[position : gap.start()], position, gap.start()))
        position = gap.end()
    if position < end:
        cells.append(Cell(text[position:end], position, end))
    return [c for c in cells if c.text]


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line.rstrip())))
        position += len(line) + 1
    return spans


def _is_row(cells: list[Cell]) -> bool:
    """A label first, then at least one share (or bare figure) among the other cells."""
    return (
        len(cells) >= 2
        and _LETTER.search(cells[0].text) is not None
        and not cells[0].is_figure
        and any(c.is_figure for c in cells[1:])
    )


def find_tables(text: str) -> list[Table]:
    if "  " not in text and "|" not in text and "\t" not in text:
        return []  # no cell gaps: no table (most articles)
    lines = _lines(text)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        start, end = lines[index]
        cells = split_cells(text, start, end)
        if not _is_row(cells):
            index += 1
            continue
        rows: list[tuple[Cell, ...]] = []
        last = index
        while last < len(lines):
            line_start, line_end = lines[last]
            if _RULE.fullmatch(text, line_start, line_end) and line_end > line_start:
                last += 1
                continue
            row = split_cells(text, line_start, line_end)
            if not _is_row(row):
                break
            rows.append(tuple(row))
            last += 1
        if len(rows) >= 2:
            tables.append(Table(_header(text, lines, index), tuple(rows), start, rows[-1][-1].end))
        index = max(last, index + 1)
    return tables


def _header(text: str, lines: list[tuple[int, int]], first_row: int) -> tuple[Cell, ...]:
    """The line right above the rows (skipping a rule line), when it has two cells or more
    and no share: "PARTY  VOTES  SHARE  2021", "Candidate | Sapporo | Rest of Hokkaido"."""
    above = first_row - 1
    if above >= 0 and _RULE.fullmatch(text, *lines[above]) and lines[above][1] > lines[above][0]:
        above -= 1
    if above < 0:
        return ()
    cells = split_cells(text, *lines[above])
    if len(cells) < 2 or any(c.is_share for c in cells):
        return ()
    return tuple(cells)

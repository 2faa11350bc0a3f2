"""Box-drawn text tables, standard library only.

Query commands print a table by default, and importing Rich's console and table machinery
costs about as much as the rest of a query put together (~50 ms here), so the query tables
are drawn here instead, in the same box style Rich uses (``box.HEAVY_HEAD``). Columns marked
``wide`` (long text such as evidence sentences) take the width the others leave and wrap at
word boundaries; words longer than a column are folded. The table never exceeds ``width``.
Text is shown literally: no markup is interpreted, and control characters are replaced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

WIDE_MIN = 20  # a wide column keeps at least this many characters while others can shrink
NARROW_MIN = 6  # a narrow column is not squeezed below this (or its widest word) if avoidable
# C0 controls and DEL would move the cursor or colour the terminal; tabs become spaces.
_CONTROLS = {code: "\N{REPLACEMENT CHARACTER}" for code in (*range(32), 127)}
_CONTROLS.update({ord("\t"): " ", ord("\n"): "\n"})
_BOLD, _ITALIC, _RESET = "\x1b[1m", "\x1b[3m", "\x1b[0m"


def draw_table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    wide: Sequence[bool],
    width: int,
    lines: bool = False,
    styled: bool = False,
) -> str:
    """The table as text (ending in a newline). ``lines``: a rule between rows;
    ``styled``: bold headers and an italic title (ANSI), for a colour terminal."""
    cells = [[_clean(cell) for cell in row] for row in rows]
    heads = [_clean(header) for header in headers]
    widths = _layout(heads, cells, wide, width)
    out: list[str] = []
    table_width = sum(widths) + 3 * len(widths) + 1
    if title:
        caption = title.center(table_width).rstrip()
        out.append(f"{_ITALIC}{caption}{_RESET}" if styled else caption)
    out.append(_rule("┏", "━", "┳", "┓", widths))
    out.extend(_row(heads, widths, "┃", bold=styled))
    out.append(_rule("┡", "━", "╇", "┩", widths))
    for index, row in enumerate(cells):
        if lines and index:
            out.append(_rule("├", "─", "┼", "┤", widths))
        out.extend(_row(row, widths, "│"))
    out.append(_rule("└", "─", "┴", "┘", widths))
    return "\n".join(out) + "\n"


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters take two, combining
    marks none."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _clean(text: str) -> str:
    return text.translate(_CONTROLS)


def _layout(
    headers: Sequence[str], rows: Sequence[Sequence[str]], wide: Sequence[bool], width: int
) -> list[int]:
    count = len(headers)
    natural = [text_width(header) for header in headers]
    longest_word = [max(map(text_width, header.split()), default=0) for header in headers]
    for row in rows:
        for index, cell in enumerate(row):
            for line in cell.split("\n"):
                natural[index] = max(natural[index], text_width(line))
                words = line.split()
                if words:
                    longest_word[index] = max(longest_word[index], *map(text_width, words))
    widths = [max(1, n) for n in natural]
    available = max(count, width - 3 * count - 1)
    spare = available - sum(widths)
    if spare >= 0:
        grow = [index for index in range(count) if wide[index]]
        for turn in range(spare if grow else 0):
            widths[grow[turn % len(grow)]] += 1
        return widths
    # Too wide: narrow the widest columns first, keeping wide columns at WIDE_MIN and
    # narrow ones at their widest word if possible; then squeeze whatever is left.
    floors = [
        min(widths[i], WIDE_MIN if wide[i] else max(NARROW_MIN, longest_word[i]))
        for i in range(count)
    ]
    if _shrink(widths, floors, list(range(count)), -spare) == 0:
        return widths
    # Even the floors do not fit: share the width in proportion to them.
    total = sum(floors)
    widths = [max(1, floor * available // total) for floor in floors]
    _shrink(widths, [1] * count, list(range(count)), sum(widths) - available)
    return widths


def _shrink(widths: list[int], floors: list[int], group: list[int], excess: int) -> int:
    """Take up to ``excess`` columns from the widest members of ``group``, none below its
    floor; return what is still to take."""
    while excess > 0:
        candidates = [i for i in group if widths[i] > floors[i]]
        if not candidates:
            break
        widest = max(widths[i] for i in candidates)
        tied = [i for i in candidates if widths[i] == widest]
        others = [widths[i] for i in candidates if widths[i] < widest]
        floor = max([*others, *(floors[i] for i in tied)])
        # Lower every tied column towards the next width down, evenly.
        step = min(widest - floor, -(-excess // len(tied)))
        for i in tied:
            cut = min(step, excess)
            widths[i] -= cut
            excess -= cut
            if excess == 0:
                break
    return excess


def _row(cells: Sequence[str], widths: Sequence[int], bar: str, *, bold: bool = False) -> list[str]:
    wrapped = [_wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(map(len, wrapped), default=1)
    lines = []
    for line_no in range(height):
        parts = []
        for column, width in zip(wrapped, widths, strict=True):
            text = column[line_no] if line_no < len(column) else ""
            padded = text + " " * (width - text_width(text))
            parts.append(f"{_BOLD}{padded}{_RESET}" if bold and text else padded)
        lines.append(f"{bar} " + f" {bar} ".join(parts) + f" {bar}")
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to ``width`` columns, folding words longer than that."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            for piece in _fold(word, width):
                if not current:
                    current = piece
                elif text_width(current) + 1 + text_width(piece) <= width:
                    current = f"{current} {piece}"
                else:
                    lines.append(current)
                    current = piece
        lines.append(current)
    return lines or [""]


def _fold(word: str, width: int) -> list[str]:
    if text_width(word) <= width:
        return [word]
    pieces: list[str] = []
    current, used = "", 0
    for char in word:
        size = _char_width(char)
        if used + size > width and current:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += size
    return [*pieces, current]


def _rule(left: str, fill: str, cross: str, right: str, widths: Sequence[int]) -> str:
    return left + cross.join(fill * (width + 2) for width in widths) + right

"""``refq show``: an article's text with its records marked in place. Pure segmenting and
marking first (golden tables, Hypothesis), then the command on real databases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from refq.cli import app
from refq.export import read_export
from refq.show import (
    MARKER_CLOSE,
    MARKER_OPEN,
    SPEAKER_COLOURS,
    Mark,
    MarkKind,
    legend,
    marked_text,
    marks_for,
    segments,
    strip_markers,
)
from refq.store.db import connect

runner = CliRunner()


def refq(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(arg) for arg in args], env=env)


def mark(kind: MarkKind, label: str, text: str, phrase: str, after: int = 0) -> Mark:
    start = text.index(phrase, after)
    return Mark(kind, label, start, start + len(phrase), "")


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled seed articles, read and stored by the real extractor and loader."""
    path = tmp_path_factory.mktemp("seeds") / "refq.db"
    loaded = refq("load", "--db", path)
    assert loaded.exit_code == 0, loaded.output
    return path


def body(result: Result) -> str:
    """The marked text: what follows the header and legend (up to the first blank line)."""
    assert result.exit_code == 0, result.output
    return result.stdout.split("\n\n", 1)[1]


# Pure: segments and markers

TEXT = '"Odesa will vote," the governor said.'
MARKING = [
    (
        "one span",
        [mark("region", "Odesa Oblast", TEXT, "Odesa")],
        '"⟦region:Odesa Oblast|Odesa⟧ will vote," the governor said.',
    ),
    (
        "a region inside a quote",
        [
            mark("region", "Odesa Oblast", TEXT, "Odesa"),
            mark("quote", "Jane Roe", TEXT, "Odesa will vote,"),
        ],
        '"⟦quote:Jane Roe|⟦region:Odesa Oblast|Odesa⟧ will vote,⟧" the governor said.',
    ),
    (
        "same span: the kind that encloses goes outside",
        [
            mark("region", "Odesa Oblast", TEXT, "Odesa"),
            mark("chrome", "caption", TEXT, "Odesa"),
        ],
        '"⟦chrome:caption|⟦region:Odesa Oblast|Odesa⟧⟧ will vote," the governor said.',
    ),
    (
        "crossing spans: the inner one is closed and opened again",
        [
            mark("quote", "Jane Roe", TEXT, "Odesa will vote,"),
            mark("role", "Jane Roe", TEXT, 'vote," the governor'),
        ],
        '"⟦quote:Jane Roe|Odesa will ⟦role:Jane Roe|vote,⟧⟧⟦role:Jane Roe|" the governor⟧ said.',
    ),
    (
        "a label cannot end its marker",
        [Mark("official", "A|B⟧C", 1, 6, "")],
        '"⟦official:A B C|Odesa⟧ will vote," the governor said.',
    ),
    (
        "empty and out-of-range marks are dropped",
        [Mark("date", "x", 3, 3, ""), Mark("date", "y", 30, 99, "")],
        TEXT,
    ),
]


@pytest.mark.parametrize(
    ("marks", "expected"), [case[1:] for case in MARKING], ids=[case[0] for case in MARKING]
)
def test_marked_text(marks: list[Mark], expected: str) -> None:
    assert marked_text(segments(TEXT, marks)) == expected
    assert strip_markers(expected) == TEXT


def test_segments_list_the_marks_over_each_stretch_outermost_first() -> None:
    quote = mark("quote", "Jane Roe", TEXT, "Odesa will vote,")
    region = mark("region", "Odesa Oblast", TEXT, "Odesa")
    pieces = segments(TEXT, [region, quote])
    assert [(p.text, p.marks) for p in pieces] == [
        ('"', ()),
        ("Odesa", (quote, region)),
        (" will vote,", (quote,)),
        ('" the governor said.', ()),
    ]
    assert "".join(p.text for p in pieces) == TEXT
    assert all(TEXT[p.start : p.start + len(p.text)] == p.text for p in pieces)


_KINDS: list[MarkKind] = ["chrome", "reported", "quote", "result", "official", "region", "date"]


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    alphabet = st.characters(blacklist_characters=f"{MARKER_OPEN}{MARKER_CLOSE}")
    text = draw(st.text(alphabet=alphabet, max_size=60))
    offsets = st.integers(min_value=0, max_value=len(text))
    marks = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        start, end = sorted((draw(offsets), draw(offsets)))
        marks.append(Mark(draw(st.sampled_from(_KINDS)), draw(st.text(max_size=8)), start, end, ""))
    return text, marks


@given(text_and_marks())
def test_markers_always_nest_and_strip_back_to_the_text(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    marked = marked_text(segments(text, marks))
    assert strip_markers(marked) == text
    depth = 0
    for token in re.findall(f"{MARKER_OPEN}|{MARKER_CLOSE}", marked):
        depth += 1 if token == MARKER_OPEN else -1
        assert depth >= 0
    assert depth == 0


def test_legend_counts_kinds_then_speakers_in_the_order_they_speak() -> None:
    marks = [
        mark("quote", "Jane Roe", TEXT, "Odesa will vote,"),
        mark("region", "Odesa Oblast", TEXT, "Odesa"),
        mark("reported", "Jane Roe", TEXT, "the governor"),
        mark("chrome", "caption", TEXT, "said"),
    ]
    assert [entry.text for entry in legend(marks)] == [
        "region (1)",
        "chrome (1)",
        "Jane Roe (1 quote, 1 reported)",
    ]


# The command


def test_show_marks_every_record_of_a_source_in_place(loaded_db: Path) -> None:
    result = refq("show", "1", "--db", loaded_db)
    header = result.stdout.split("\n\n", 1)[0].splitlines()
    assert header == [
        "Source 1: RFE/RL, 2022-09-27",
        "Annexation vote",
        "/news/rferl_annexation.txt",
        "Marked as ⟦kind:label|text⟧: result (2); official (1); role (1); region (2); date (1);"
        " chrome (1); Jens Stoltenberg (1 quote, 1 reported)",
    ]
    assert body(result) == (
        "⟦chrome:banner|Live Briefing: Russia's Invasion Of Ukraine⟧\n"
        "Authorities in ⟦region:Kherson Oblast|Kherson⟧ said"
        " ⟦result:Kherson Oblast 87% final|87 percent⟧ of voters opted for annexation.\n"
        "In ⟦region:Zaporizhzhia Oblast|Zaporizhzhya⟧, the polling authority said"
        " ⟦result:Zaporizhzhia Oblast 93% preliminary|93 percent⟧ backed it, a preliminary"
        " result.\n"
        '"⟦quote:Jens Stoltenberg|These lands are Ukraine,⟧" ⟦role:Jens Stoltenberg|NATO chief⟧'
        " ⟦official:Jens Stoltenberg|Jens Stoltenberg⟧ said on"
        " ⟦date:2022-09-27|September 27⟧.\n"
        "Stoltenberg said ⟦reported:Jens Stoltenberg|the West would never recognize the votes⟧.\n"
    )


def test_only_keeps_the_kinds_asked_for_and_the_chrome(loaded_db: Path) -> None:
    marked = body(
        refq("show", "RFE/RL", "--only", "quotes", "--only", "results", "--db", loaded_db)
    )
    kinds = re.findall(r"⟦(\w+):", marked)
    assert sorted(set(kinds)) == ["chrome", "quote", "result"]
    statements = body(refq("show", "1", "--only", "statements", "--db", loaded_db))
    assert sorted(set(re.findall(r"⟦(\w+):", statements))) == ["chrome", "quote", "reported"]


def test_an_unknown_only_is_a_usage_error(loaded_db: Path) -> None:
    assert refq("show", "1", "--only", "rumours", "--db", loaded_db).exit_code == 2


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("news", "Error: 'news' matches 2 sources: 1 (RFE/RL), 2 (DW); give one id"),
        ("tass", "Error: no source matches 'tass'; 'refq sources' lists them"),
    ],
)
def test_a_source_must_name_exactly_one_article(
    loaded_db: Path, selector: str, message: str
) -> None:
    result = refq("show", selector, "--db", loaded_db)
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_at_a_colour_terminal_records_are_coloured_not_marked(loaded_db: Path) -> None:
    coloured = refq("show", "1", "--db", loaded_db, env={"FORCE_COLOR": "1"})
    assert coloured.exit_code == 0, coloured.output
    assert "\x1b[" in coloured.stdout and MARKER_OPEN not in coloured.stdout
    assert "Legend: " in coloured.stdout
    assert "These lands are Ukraine," in coloured.stdout


@pytest.mark.parametrize(
    ("flags", "env"),
    [([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}), (["--markers"], {"FORCE_COLOR": "1"})],
    ids=["NO_COLOR", "--markers"],
)
def test_no_color_or_markers_gives_plain_markers(
    loaded_db: Path, flags: list[str], env: dict[str, str]
) -> None:
    result = refq("show", "1", *flags, "--db", loaded_db, env=env)
    assert "\x1b[" not in result.stdout
    assert "⟦quote:Jens Stoltenberg|These lands are Ukraine,⟧" in body(result)


def test_every_seed_article_strips_back_to_its_stored_text(seeds_db: Path) -> None:
    conn = connect(seeds_db)
    try:
        sources = read_export(conn).sources
    finally:
        conn.close()
    assert len(sources) == 2
    for source in sources:
        marked = body(refq("show", str(source.id), "--db", seeds_db))
        # Exactly the stored text, plus the line end the terminal needs when it has none.
        assert strip_markers(marked) == source.text.removesuffix("\n") + "\n"
        assert "⟦result:" in marked or source.outlet == "DW"
        assert "⟦quote:" in marked and "⟦region:" in marked and "⟦official:" in marked


def test_marks_come_from_the_stored_records(seeds_db: Path) -> None:
    conn = connect(seeds_db)
    try:
        (source,) = read_export(conn, [1]).sources
        document = read_export(conn, [source.id])
    finally:
        conn.close()
    marks = marks_for(document)
    quotes = [m for m in marks if m.kind == "quote"]
    direct = [s for s in document.statements if s.kind == "direct"]
    assert [(m.start, m.end, m.label) for m in quotes] == [
        (s.start, s.end, s.speaker or "unattributed") for s in direct
    ]
    colours = {m.label: m.style for m in quotes}
    assert len(set(colours.values())) == min(len(colours), len(SPEAKER_COLOURS))


def test_help_teaches_with_an_example() -> None:
    assert "$ refq show" in refq("show", "--help").stdout

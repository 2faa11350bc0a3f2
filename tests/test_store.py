"""Loading parse results and querying them back, on real SQLite files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import (
    DW_TEXT,
    GAZETTEER,
    RFERL_TEXT,
    Spans,
    article,
    dw_result,
    rferl_result,
    with_text,
)
from refq import query
from refq.errors import DatabaseError, UsageError
from refq.knowledge import Region
from refq.models import ParseResult, SourceInfo, Statement
from refq.store.db import connect
from refq.store.load import load_parse_results


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def load(path: Path, *results: ParseResult, force: bool = False) -> None:
    load_parse_results(path, results, gazetteer=GAZETTEER, force=force)


@pytest.fixture
def conn(loaded_db: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(loaded_db)
    yield connection
    connection.close()


# Loading


def test_loading_the_same_batch_twice_changes_nothing(db_path: Path) -> None:
    first = load_parse_results(db_path, [rferl_result(), dw_result()], gazetteer=GAZETTEER)
    before = dump(db_path)
    second = load_parse_results(db_path, [rferl_result(), dw_result()], gazetteer=GAZETTEER)
    assert dump(db_path) == before  # loaded_at included
    assert len(first.stored) == 2 and not first.unchanged
    assert second.stored == () and len(second.unchanged) == 2 and second.records == {}


def test_load_summary_counts_records_by_kind(db_path: Path) -> None:
    summary = load_parse_results(db_path, [rferl_result(), dw_result()], gazetteer=GAZETTEER)
    assert summary.records == {
        "officials": 3,
        "roles": 3,
        "chrome": 1,
        "region_mentions": 2,
        "results": 2,
        "statements": 4,
        "dates": 1,
    }


def test_a_changed_file_at_the_same_path_replaces_its_records(loaded_db: Path) -> None:
    changed = with_text(rferl_result(), RFERL_TEXT + "Kyiv called the vote a sham.\n")
    changed = replace(changed, statements=changed.statements[:1], results=())
    summary = load_parse_results(loaded_db, [changed], gazetteer=GAZETTEER)
    assert summary.replaced == (changed.article.path,)
    conn = connect(loaded_db)
    try:
        (source,) = query.sources(conn, source="rferl")
        assert source.sha256 == changed.article.sha256
        assert len(query.sources(conn)) == 2
        assert query.results(conn) == []
        assert [s.quote for s in query.statements(conn, source=str(source.id))] == [
            "These lands are Ukraine,"
        ]
        # The full-text index forgot the replaced statement too.
        assert query.statements(conn, contains="never recognize the votes") == []
    finally:
        conn.close()


def test_changed_source_facts_with_the_same_text_replace_the_source(loaded_db: Path) -> None:
    renamed = rferl_result()
    renamed = replace(renamed, source=replace(renamed.source, outlet="Radio Liberty"))
    summary = load_parse_results(loaded_db, [renamed], gazetteer=GAZETTEER)
    assert summary.replaced == (renamed.article.path,)
    conn = connect(loaded_db)
    try:
        assert {s.outlet for s in query.sources(conn)} == {"Radio Liberty", "DW"}
    finally:
        conn.close()


def test_force_replaces_an_unchanged_source_which_keeps_its_id(loaded_db: Path) -> None:
    summary = load_parse_results(loaded_db, [rferl_result()], gazetteer=GAZETTEER, force=True)
    assert summary.replaced == (rferl_result().article.path,)
    assert summary.records["statements"] == 2
    conn = connect(loaded_db)
    try:
        assert [(s.id, s.outlet) for s in query.sources(conn)] == [(1, "RFE/RL"), (2, "DW")]
        assert {r.source for r in query.results(conn)} == {1}
    finally:
        conn.close()


def test_a_batch_that_fails_midway_leaves_the_database_as_it_was(loaded_db: Path) -> None:
    before = dump(loaded_db)

    def batch() -> Iterator[ParseResult]:
        yield with_text(rferl_result(), RFERL_TEXT + "More.\n")
        yield rferl_result(path="/news/another.txt")
        raise RuntimeError("the extractor fell over")

    with pytest.raises(RuntimeError):
        load_parse_results(loaded_db, batch(), gazetteer=GAZETTEER)
    assert dump(loaded_db) == before


def test_a_record_the_schema_refuses_rolls_back_the_whole_batch(loaded_db: Path) -> None:
    before = dump(loaded_db)
    broken = dw_result(path="/news/broken.txt")
    bad = replace(broken.statements[0], start=-1)
    broken = replace(broken, statements=(bad,))
    with pytest.raises(DatabaseError, match="nothing was written") as caught:
        load_parse_results(loaded_db, [rferl_result("/news/new.txt"), broken], gazetteer=GAZETTEER)
    assert "\n" not in str(caught.value)
    assert dump(loaded_db) == before


def test_officials_are_merged_across_sources_by_key(conn: sqlite3.Connection) -> None:
    (official,) = query.officials(conn, name="Stoltenberg")
    assert official.name == "Jens Stoltenberg"
    assert official.aliases == ("Stoltenberg",)
    assert [(r.title, r.source) for r in official.roles] == [
        ("NATO chief", 1),
        ("NATO Secretary-General", 2),
    ]


def test_the_fullest_name_an_article_gives_wins(db_path: Path) -> None:
    longer = dw_result()
    full = replace(longer.officials[1], name="Jens Stoltenberg Jr.", aliases=("Jens Stoltenberg",))
    load(db_path, rferl_result(), replace(longer, officials=(longer.officials[0], full)))
    conn = connect(db_path)
    try:
        (official,) = query.officials(conn, name="stoltenberg")
        assert official.name == "Jens Stoltenberg Jr."
        assert "Jens Stoltenberg" in official.aliases
    finally:
        conn.close()


def test_an_official_no_source_mentions_any_more_is_pruned(loaded_db: Path) -> None:
    without_blinken = dw_result()
    without_blinken = replace(
        without_blinken,
        officials=without_blinken.officials[1:],
        statements=without_blinken.statements[1:],
        article=article(without_blinken.article.path, DW_TEXT + "Edited.\n"),
    )
    load(loaded_db, without_blinken)
    conn = connect(loaded_db)
    try:
        assert [o.name for o in query.officials(conn)] == ["Jens Stoltenberg"]
        assert conn.execute("SELECT count(*) FROM official_aliases").fetchone()[0] == 2
    finally:
        conn.close()


def test_regions_come_from_the_gazetteer_and_reloads_only_write_what_changed(
    db_path: Path,
) -> None:
    load(db_path, rferl_result())
    renamed = (replace(GAZETTEER[0], aliases=("Kherson", "Cherson")), *GAZETTEER[1:])
    load_parse_results(db_path, [rferl_result()], gazetteer=renamed)
    conn = connect(db_path)
    try:
        aliases = conn.execute("SELECT alias FROM region_aliases WHERE code = 'UA-65'").fetchall()
        assert sorted(a for (a,) in aliases) == ["Cherson", "Kherson"]
        assert [r.code for r in query.regions(conn, include_unmentioned=True)] == [
            "UA-65",
            "UA-23",
            "UA-14",
        ]
    finally:
        conn.close()


def test_a_region_the_gazetteer_does_not_know_still_gets_a_row(db_path: Path) -> None:
    result = rferl_result()
    mention = replace(result.regions[0], code="XX-01", name="Atlantis")
    load_parse_results(db_path, [replace(result, regions=(mention,))], gazetteer=())
    conn = connect(db_path)
    try:
        assert [(r.code, r.name, r.mentions) for r in query.regions(conn)] == [
            ("XX-01", "Atlantis", 1)
        ]
    finally:
        conn.close()


def test_deleting_a_source_cascades_to_everything_read_from_it(loaded_db: Path) -> None:
    with sqlite3.connect(loaded_db) as raw:
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("DELETE FROM sources")
        for table in ("chrome", "region_mentions", "official_mentions", "roles", "results"):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        assert raw.execute("SELECT count(*) FROM statements").fetchone() == (0,)
        assert raw.execute(
            "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'sham'"
        ).fetchone() == (0,)


# Queries


@pytest.mark.parametrize(
    "region",
    ["Kherson", "kherson", "KHERSON OBLAST", "ua-65", "UA-65", "Херсонська область", "Kherson!"],
)
def test_region_matches_code_name_or_alias_in_any_case(
    conn: sqlite3.Connection, region: str
) -> None:
    assert [r.percent for r in query.results(conn, region=region)] == [87.0]


@pytest.mark.parametrize("region", ["Zaporizhzhia", "zaporizhzhya", "ZAPORIŽŽJA", "Zaporižžja"])
def test_region_matching_ignores_diacritics(conn: sqlite3.Connection, region: str) -> None:
    assert [r.region_code for r in query.results(conn, region=region)] == ["UA-23"]


def test_results_carry_their_evidence_and_source(conn: sqlite3.Connection) -> None:
    kherson, zaporizhzhia = query.results(conn)
    assert (kherson.region, kherson.status, kherson.outlet, kherson.source) == (
        "Kherson Oblast",
        "final",
        "RFE/RL",
        1,
    )
    assert (zaporizhzhia.low, zaporizhzhia.high, zaporizhzhia.status) == (92.5, 93.5, "preliminary")
    text = query_text(conn, kherson.source)
    assert text[kherson.start : kherson.end] == "87 percent"
    assert text[kherson.evidence_start : kherson.evidence_end] == kherson.evidence


def test_sql_in_a_filter_is_only_ever_a_value(conn: sqlite3.Connection) -> None:
    assert query.results(conn, region="'; DROP TABLE results; --") == []
    assert query.statements(conn, speaker='" OR 1=1 --') == []
    assert query.statements(conn, contains='sham" OR text : "') == []
    assert query.sources(conn, source="%' OR '1'='1") == []
    assert len(query.results(conn)) == 2


@pytest.mark.parametrize(
    "contains", ["NEAR(sham", "sham*", "text : sham", "AND", '"sham" OR x', "-sham"]
)
def test_fts_syntax_in_contains_is_searched_for_literally(
    conn: sqlite3.Connection, contains: str
) -> None:
    # None of these should raise an FTS syntax error; at most they match nothing.
    query.statements(conn, contains=contains)


@pytest.mark.parametrize(
    ("source", "outlets"),
    [("1", {"RFE/RL"}), ("rfe/rl", {"RFE/RL"}), ("dw", {"DW"}), ("news/", {"RFE/RL", "DW"})],
)
def test_source_matches_id_outlet_or_path_part(
    conn: sqlite3.Connection, source: str, outlets: set[str]
) -> None:
    assert {s.outlet for s in query.sources(conn, source=source)} == outlets


def test_a_numeric_source_is_an_id_not_a_path_fragment(conn: sqlite3.Connection) -> None:
    assert [r.source for r in query.results(conn, source="2")] == []
    assert {s.source for s in query.statements(conn, source="2")} == {2}


@pytest.mark.parametrize(
    "speaker",
    ["Jens Stoltenberg", "stoltenberg", "STOLTENBERG", "Stöltenberg", "jens  stoltenberg"],
)
def test_speaker_matches_name_alias_or_surname(conn: sqlite3.Connection, speaker: str) -> None:
    found = query.statements(conn, speaker=speaker)
    assert {s.speaker for s in found} == {"Jens Stoltenberg"}
    assert len(found) == 3


def test_speaker_does_not_match_inside_a_name(conn: sqlite3.Connection) -> None:
    assert query.statements(conn, speaker="tenberg") == []
    assert query.statements(conn, speaker="Jens") == []


def test_quotes_are_exactly_the_quoted_text(conn: sqlite3.Connection) -> None:
    quotes = query.statements(conn, kind="direct")
    assert [q.quote for q in quotes] == ["These lands are Ukraine,", "never recognize", "sham"]
    for quote in quotes:
        text = query_text(conn, quote.source)
        assert text[quote.start : quote.end] == quote.quote
        assert text[quote.evidence_start : quote.evidence_end] == quote.evidence


def test_contains_searches_statement_text_as_a_phrase(conn: sqlite3.Connection) -> None:
    assert [s.quote for s in query.statements(conn, contains="never recognize")] == [
        "the West would never recognize the votes",
        "never recognize",
    ]
    assert query.statements(conn, contains="recognize never") == []
    assert [s.kind for s in query.statements(conn, contains="lands", kind="direct")] == ["direct"]


def test_empty_filters_are_usage_errors(conn: sqlite3.Connection) -> None:
    with pytest.raises(UsageError, match="--region"):
        query.results(conn, region="  ")
    with pytest.raises(UsageError, match="--contains"):
        query.statements(conn, contains="!!!")


def test_regions_count_mentions_and_sources(conn: sqlite3.Connection) -> None:
    rows = query.regions(conn)
    assert [(r.code, r.name, r.level, r.mentions, r.sources) for r in rows] == [
        ("UA-65", "Kherson Oblast", "oblast", 1, 1),
        ("UA-23", "Zaporizhzhia Oblast", "oblast", 1, 1),
    ]


def test_sources_round_trip_their_facts(conn: sqlite3.Connection) -> None:
    rferl, dw = query.sources(conn)
    assert rferl.wires == ("Reuters", "AP")
    assert rferl.url == "https://www.rferl.org/a/1"
    assert rferl.warnings == ("a doubtful result",)
    assert (dw.outlet, dw.title, dw.published, dw.wires) == ("DW", None, "2022-09-27", ())


def query_text(conn: sqlite3.Connection, source_id: int) -> str:
    return str(conn.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()[0])


# Property: whatever a quote says, it comes back exactly, at its offsets.


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(quote=st.text(min_size=1, max_size=60).filter(lambda q: '"' not in q))
def test_any_quote_round_trips_through_the_store(tmp_path: Path, quote: str) -> None:
    text = f'Someone said: "{quote}" today.\n'
    s = Spans(text)
    start = text.index('"') + 1
    end = start + len(quote)
    statement = Statement(
        "direct", "Someone", None, "Someone", quote, start, end, None, None,
        s.sentence("Someone"),
    )  # fmt: skip
    result = ParseResult(
        article=article("/prop.txt", text),
        source=SourceInfo(None, None, None, None, (), ()),
        sentences=(),
        regions=(),
        results=(),
        officials=(),
        statements=(statement,),
        dates=(),
    )
    db = tmp_path / f"prop-{abs(hash(quote))}.db"
    load_parse_results(db, [result], gazetteer=())
    conn = connect(db)
    try:
        (row,) = query.statements(conn)
        assert row.quote == quote
        assert query_text(conn, row.source)[row.start : row.end] == quote
    finally:
        conn.close()
        db.unlink()


def test_regions_table_starts_from_the_bundled_gazetteer_by_default(db_path: Path) -> None:
    load_parse_results(db_path, [dw_result()])
    conn = connect(db_path)
    try:
        everything = query.regions(conn, include_unmentioned=True)
        assert len(everything) > 20
        assert "UA-65" in {r.code for r in everything}
    finally:
        conn.close()


def test_gazetteer_fixture_uses_real_region_records() -> None:
    assert all(isinstance(region, Region) for region in GAZETTEER)


def test_a_region_is_found_by_any_of_its_names_transliterated(conn: sqlite3.Connection) -> None:
    """``--region`` looks folded names up in ``region_keys`` (written with the regions), so a
    name known only in Cyrillic still matches its transliteration."""
    for name in ("Khersons'ka oblast'", "Херсонська область", "UA-65", "kherson"):
        assert [r.region_code for r in query.results(conn, region=name)] == ["UA-65"], name


def test_an_older_database_gets_region_keys_by_migration(db_path: Path) -> None:
    load(db_path, rferl_result())
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP TABLE region_keys")
        raw.execute("DELETE FROM _sqlite_migrations WHERE name = 'add_region_keys'")
    upgraded = connect(db_path)
    try:
        assert [r.region_code for r in query.results(upgraded, region="kherson")] == ["UA-65"]
    finally:
        upgraded.close()

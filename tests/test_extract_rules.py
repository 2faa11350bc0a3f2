"""Extraction rules pinned on short news-style articles written for these tests (not from any
real outlet), one rule each, so that the pipeline is shown to work beyond the seeds."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refq.extract import extract_article
from refq.models import Article, ParseResult, SourceMeta


def parse(text: str, published: str | None = "2024-03-18") -> ParseResult:
    article = Article(
        "/tmp/rule.txt",
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        SourceMeta(published=published),
    )
    return extract_article(article)


def test_decimal_percentages_keep_their_stated_precision() -> None:
    parsed = parse(
        "Election officials in Kharkiv said 87.05 percent of voters backed the proposal after "
        "all votes were counted.\n"
    )
    (result,) = parsed.results
    assert (result.region_code, result.percent, result.low, result.high) == (
        "UA-63",
        87.05,
        87.045,
        87.055,
    )
    assert result.status == "final"
    assert result.reported_by == "Election officials in Kharkiv"


def test_turnout_beside_a_result_is_not_a_result() -> None:
    parsed = parse(
        "The commission in Odesa said 61.3% of ballots were cast in favor, while turnout was "
        "44 percent.\n"
    )
    assert [(r.region_code, r.percent) for r in parsed.results] == [("UA-51", 61.3)]


def test_counting_progress_and_thresholds_are_not_results() -> None:
    parsed = parse(
        "The Central Election Commission said Tuesday that so far Maria Lenz has 48.2 percent "
        "and former mayor Tomas Brandt has 39.9 percent.\n"
        "Nearly 80 percent of votes have been counted. A candidate must receive more than 50 "
        "percent of the vote to win outright.\n"
    )
    got = [(r.option, r.percent, r.status) for r in parsed.results]
    assert got == [("Maria Lenz", 48.2, "preliminary"), ("Tomas Brandt", 39.9, "preliminary")]
    assert parsed.results[0].reported_by == "Central Election Commission"


def test_curly_quote_with_speaker_named_after_it() -> None:
    parsed = parse(
        "“We will not accept this outcome,” said opposition leader Anna Kovalenko on Monday.\n"
    )
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert quote.speaker == "Anna Kovalenko"
    assert quote.text == "We will not accept this outcome,"
    assert quote.date == "2024-03-18"


def test_speaker_with_title_named_after_the_quote() -> None:
    parsed = parse(
        '"This vote has no legal force," Foreign Minister Anna Bondar said on Tuesday.\n'
    )
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert (quote.speaker, quote.text) == ("Anna Bondar", "This vote has no legal force,")
    assert quote.date == "2024-03-12"


def test_quote_introduced_by_a_colon_and_surname_resolution() -> None:
    parsed = parse(
        "Foreign Minister Piet de Vries spoke to reporters in The Hague.\n"
        'De Vries told the parliament: "The vote was neither free nor fair."\n'
    )
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert quote.speaker == "Piet de Vries"
    assert quote.speaker_surface == "De Vries"


def test_quote_introduced_by_a_dash_after_pronoun_resolution() -> None:
    parsed = parse(
        "Interior Minister Lena Koch visited the count centre in Lviv.\n"
        'She said the procedure was sound - "every ballot will be checked twice."\n'
    )
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert (quote.speaker, quote.speaker_surface) == ("Lena Koch", "She")


def test_scare_quotes_and_so_called_labels_are_not_statements() -> None:
    parsed = parse(
        'Officials condemned the so-called "referendum" in the occupied areas.\n'
        'The Moscow-staged "vote" was held over five days.\n'
    )
    assert [s for s in parsed.statements if s.kind == "direct"] == []


def test_partial_quote_after_a_naming_verb_is_a_statement() -> None:
    parsed = parse(
        'Prime Minister Jonas Berg called the ballot a "travesty" and a "cynical exercise."\n'
    )
    quotes = [(s.speaker, s.text) for s in parsed.statements if s.kind == "direct"]
    assert quotes == [("Jonas Berg", "travesty"), ("Jonas Berg", "cynical exercise.")]


def test_quote_spanning_two_paragraphs_keeps_its_speaker() -> None:
    parsed = parse(
        "Senator Ruth Alvarez said in a statement:\n"
        '"We reject the result. It was announced before the polls had closed.\n'
        '"No one will recognise it."\n'
    )
    quotes = [(s.speaker, s.text) for s in parsed.statements if s.kind == "direct"]
    assert quotes == [
        ("Ruth Alvarez", "We reject the result. It was announced before the polls had closed."),
        ("Ruth Alvarez", "No one will recognise it."),
    ]


def test_channel_is_read_from_the_attribution() -> None:
    parsed = parse(
        'Governor Ivan Petrenko wrote on Telegram that the vote "has no legal force at all."\n'
    )
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert (quote.speaker, quote.channel) == ("Ivan Petrenko", "Telegram")


def test_reported_speech_has_its_content_span() -> None:
    text = "Defense Minister Olga Marsh said that the troops would stay in the region.\n"
    parsed = parse(text)
    (reported,) = [s for s in parsed.statements if s.kind == "reported"]
    assert reported.speaker == "Olga Marsh"
    assert reported.text == "the troops would stay in the region"
    assert text[reported.start : reported.end] == reported.text


def test_relative_date_across_a_month_boundary() -> None:
    parsed = parse("The polls closed on Friday in Sumy.\n", published="2022-10-02")
    assert [(d.phrase, d.date) for d in parsed.dates] == [("on Friday", "2022-09-30")]


def test_crlf_free_text_offsets_hold_for_unicode() -> None:
    text = "Zaporizhzhia’s officials said 93% of ballots supported “joining Russia”.\n"
    parsed = parse(text)
    (result,) = parsed.results
    assert text[result.start : result.end] == "93%"


# --- properties --------------------------------------------------------------------------


_WORDS = ["said", " percent", "President ", "Kherson", " he ", "SEE ALSO: ", "date 2020-01-01 "]
news_alphabet = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?'\"“”‘’-–—%0123456789\n", *_WORDS]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(news_alphabet, max_size=200).map("".join) | st.text(max_size=300))
def test_extraction_never_raises_and_every_span_slices_to_its_text(text: str) -> None:
    parsed = parse(text)
    for result in parsed.results:
        assert 0 <= result.start < result.end <= len(text)
        assert text[result.evidence.start : result.evidence.end] == result.evidence.text
    for statement in parsed.statements:
        assert text[statement.start : statement.end] == statement.text
        assert text[statement.evidence.start : statement.evidence.end] == statement.evidence.text
    for official in parsed.officials:
        for role in official.roles:
            assert text[role.start : role.end] == role.title
    for region in parsed.regions:
        assert text[region.start : region.end] == region.surface
    for phrase in parsed.dates:
        assert text[phrase.start : phrase.end] == phrase.phrase


def test_extraction_package_imports_no_storage_cli_or_rendering() -> None:
    code = (
        "import sys, refq.extract; "
        "bad = [m for m in ('sqlite_utils', 'sqlite3', 'rich', 'typer', 'refq.store', 'refq.cli') "
        "if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

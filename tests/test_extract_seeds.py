"""Golden extraction tests on the two seed articles, read as bare files (no manifest).

Each expected record is one a careful human reader would write down from the article.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from refq.extract import extract_article
from refq.models import Article, ParseResult

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
RFERL = "rferl_2022-09-27_annexation-vote-result.txt"
DW = "dw_2022-09-27_referendums-sham.txt"


def _bare(name: str) -> ParseResult:
    text = (SEEDS / name).read_text(encoding="utf-8")
    article = Article(
        f"/tmp/{hashlib.md5(name.encode()).hexdigest()}.txt",
        text,
        hashlib.sha256(text.encode()).hexdigest(),
    )
    return extract_article(article)


@pytest.fixture(scope="module")
def rferl() -> ParseResult:
    return _bare(RFERL)


@pytest.fixture(scope="module")
def dw() -> ParseResult:
    return _bare(DW)


def _direct(parsed: ParseResult) -> list[tuple[str | None, str, str | None]]:
    return [(s.speaker, s.text, s.channel) for s in parsed.statements if s.kind == "direct"]


# --- sources ---------------------------------------------------------------------------------


def test_rferl_source_is_recognised_from_its_own_chrome(rferl: ParseResult) -> None:
    assert rferl.source.outlet == "RFE/RL"
    assert rferl.source.title == (
        "Pro-Russian Officials Say Annexation Vote In Ukraine Delivers Expected Result: "
        "Overwhelming Approval"
    )
    assert rferl.source.wires == ("AFP", "AP", "Reuters", "dpa")
    assert rferl.source.dateline is None
    assert rferl.source.published is None  # a bare file says nothing about its date


def test_dw_banner_gives_outlet_and_dateline_not_publication_date(dw: ParseResult) -> None:
    assert dw.source.outlet == "DW"
    assert dw.source.dateline == "2017-07-11"
    assert dw.source.published is None
    assert sorted(dw.source.wires) == ["AFP", "AP", "Reuters", "dpa"]


def test_page_chrome_is_marked_and_kept_in_the_text(rferl: ParseResult) -> None:
    kinds = [block.kind for block in rferl.source.chrome]
    assert kinds == ["headline", "caption", "live_box", "live_box", "teaser", "credit"]
    text = rferl.article.text
    caption = rferl.source.chrome[1]
    assert text[caption.start : caption.end].startswith("A construction worker casts his ballot")
    teaser = rferl.source.chrome[4]
    assert text[teaser.start : teaser.end].startswith("SEE ALSO:")


# --- results ---------------------------------------------------------------------------------


def test_rferl_gives_four_regional_results(rferl: ParseResult) -> None:
    got = [(r.region_code, r.percent, r.low, r.high, r.status) for r in rferl.results]
    assert got == [
        ("UA-23", 93.0, 92.5, 93.5, "preliminary"),
        ("UA-65", 87.0, 86.5, 87.5, "final"),
        ("UA-09", 98.0, 97.5, 98.5, "final"),
        ("UA-14", 99.0, 98.5, 99.5, "final"),
    ]
    reported = [r.reported_by for r in rferl.results]
    assert reported[0] == "polling authority in Zaporizhzhya"
    assert reported[1] == "Authorities in Kherson"
    assert reported[2] is not None and reported[2].startswith("Russian news agencies")
    assert reported[3] is not None and reported[3].startswith("Russian-installed poll body")


def test_result_spans_and_evidence_slice_to_what_they_cite(rferl: ParseResult) -> None:
    text = rferl.article.text
    kherson = rferl.results[1]
    assert text[kherson.start : kherson.end] == "87 percent"
    assert text[kherson.evidence.start : kherson.evidence.end] == kherson.evidence.text
    assert kherson.evidence.text.startswith("Authorities in Kherson said 87 percent")


def test_dw_share_of_territory_is_not_a_result(dw: ParseResult) -> None:
    assert dw.results == ()


# --- officials -------------------------------------------------------------------------------


def test_rferl_names_eight_people_with_their_roles(rferl: ParseResult) -> None:
    people = {o.name: [r.title for r in o.roles] for o in rferl.officials if o.kind == "person"}
    assert people == {
        "Vladimir Putin": ["Russian President"],
        "Volodymyr Zelenskiy": ["Ukrainian President"],
        "Jens Stoltenberg": ["NATO Secretary-General"],
        "Joe Biden": ["U.S. President"],
        "Dmytro Kuleba": ["Ukrainian Foreign Minister"],
        "Catherine Colonna": ["French Foreign Minister"],
        "Denis Pushilin": ["Moscow-backed separatist leader in Donetsk"],
        "Valentina Matviyenko": ["chairperson of the parliament's upper house"],
    }
    bodies = [o.name for o in rferl.officials if o.kind == "body"]
    assert bodies == ["British Ministry of Defense"]


def test_surname_mentions_become_aliases_of_the_person(rferl: ParseResult) -> None:
    kuleba = next(o for o in rferl.officials if o.name == "Dmytro Kuleba")
    assert "Kuleba" in kuleba.aliases


def test_dw_officials(dw: ParseResult) -> None:
    people = {o.name: [r.title for r in o.roles] for o in dw.officials if o.kind == "person"}
    assert people == {
        "Antony Blinken": ["US Secretary of State"],
        "Jens Stoltenberg": ["NATO chief"],
        "Volodymyr Zelenskyy": ["Ukrainian President"],
        "Vladimir Putin": ["Russian President"],
    }
    assert [o.name for o in dw.officials if o.kind == "body"] == ["United Kingdom Defense Ministry"]


def test_transliterations_share_one_key(rferl: ParseResult, dw: ParseResult) -> None:
    key_rferl = next(o.key for o in rferl.officials if o.name == "Volodymyr Zelenskiy")
    key_dw = next(o.key for o in dw.officials if o.name == "Volodymyr Zelenskyy")
    assert key_rferl == key_dw


# --- statements ------------------------------------------------------------------------------


def test_rferl_direct_quotations_with_speakers(rferl: ParseResult) -> None:
    assert _direct(rferl) == [
        ("Denis Pushilin", "We have all wanted this for a very long time,", "news agency"),
        ("Volodymyr Zelenskiy", "defend", None),
        (
            "Volodymyr Zelenskiy",
            "This farce in the occupied territory cannot even be called an imitation of "
            "referendums,",
            "Telegram",
        ),
        (
            "Volodymyr Zelenskiy",
            "forced to fill out some papers for a TV picture under the muzzles of machine guns,",
            "Telegram",
        ),
        ("Kyiv and its allies", "sham", None),
        ("Jens Stoltenberg", "sham", None),
        ("Jens Stoltenberg", "blatant violation of international law.", None),
        (
            "Jens Stoltenberg",
            "and made clear that NATO Allies are unwavering in our support for Ukraine's "
            "sovereignty and right to self-defense.",
            "Twitter",
        ),
        ("Joe Biden", "sham", None),
        ("Joe Biden", "false pretext to try to annex parts of Ukraine by force.", None),
        ("Vladimir Putin", "save people", None),
        (
            "British Ministry of Defense",
            "almost certainly hope that any accession announcement will be seen as a "
            "vindication of the special military operation and will consolidate patriotic "
            "support for the conflict.",
            "intelligence bulletin",
        ),
    ]


def test_pronoun_attributed_quotes_name_who_said_them(rferl: ParseResult) -> None:
    telegram = [s for s in rferl.statements if s.channel == "Telegram" and s.kind == "direct"]
    assert [(s.speaker_surface, s.speaker) for s in telegram] == [
        ("he", "Volodymyr Zelenskiy"),
        ("he", "Volodymyr Zelenskiy"),
    ]


def test_dw_quotes_skip_scare_quotes(dw: ParseResult) -> None:
    assert _direct(dw) == [
        ("Antony Blinken", "never recognize", None),
        ("Antony Blinken", "will impose additional swift and severe costs on Russia", None),
        ("Jens Stoltenberg", "unwavering", "Twitter"),
        (
            "Jens Stoltenberg",
            "The sham referenda held by Russia have no legitimacy and are a blatant violation "
            "of international law. These lands are Ukraine,",
            None,
        ),
    ]
    assert all(s.text.strip(".") != "referendums" for s in dw.statements)


def test_reported_speech_is_kept_with_its_content(rferl: ParseResult) -> None:
    reported = [(s.speaker, s.text) for s in rferl.statements if s.kind == "reported"]
    assert (
        "Dmytro Kuleba",
        "the European Union to impose further economic sanctions on Russia to punish it for "
        "the votes",
    ) in reported
    assert (
        "Volodymyr Zelenskiy",
        "Ukraine would not be able to negotiate with Russia after the votes",
    ) in reported
    assert (
        "Valentina Matviyenko",
        "lawmakers could consider annexation legislation on October 4",
    ) in reported
    video = next(s for s in rferl.statements if s.text.startswith("Ukraine would not be able"))
    assert video.channel == "video message"


def test_every_statement_span_is_exactly_its_text(rferl: ParseResult, dw: ParseResult) -> None:
    for parsed in (rferl, dw):
        text = parsed.article.text
        for statement in parsed.statements:
            assert text[statement.start : statement.end] == statement.text
            assert text[statement.evidence.start : statement.evidence.end] == (
                statement.evidence.text
            )
            assert statement.evidence.start <= statement.start <= statement.end
            assert statement.end <= statement.evidence.end


def test_no_statement_comes_from_page_chrome(rferl: ParseResult) -> None:
    chrome = [(b.start, b.end) for b in rferl.source.chrome]
    for statement in rferl.statements:
        assert not any(s <= statement.start < e for s, e in chrome)


# --- dates -----------------------------------------------------------------------------------


def test_dw_relative_dates_resolve_against_its_dateline_when_unpublished(dw: ParseResult) -> None:
    assert [(d.phrase, d.date) for d in dw.dates] == [
        ("on Tuesday", "2017-07-11"),
        ("later today", "2017-07-11"),
        ("began on Friday", "2017-07-07"),
    ]

"""compare-sources rules, each pinned on a small pair of hand-made articles (written for these
tests, news style), run through the real extractor."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from refq.compare import Comparison, Finding, SourceRecords, compare_sources
from refq.extract import extract_article
from refq.models import Article, SourceMeta


def records(
    source_id: str,
    text: str,
    outlet: str,
    published: str | None = "2024-05-12",
    wires: tuple[str, ...] | None = None,
) -> SourceRecords:
    meta = SourceMeta(outlet=outlet, published=published)
    parsed = extract_article(
        Article(f"/tmp/{source_id}.txt", text, hashlib.sha256(text.encode()).hexdigest(), meta)
    )
    found = SourceRecords.from_parse(source_id, parsed)
    return found if wires is None else replace(found, wires=wires)


def only(comparison: Comparison, kind: str, verdict: str) -> list[Finding]:
    return [f for f in comparison.findings if f.kind == kind and f.verdict == verdict]


def test_results_agree_within_stated_precision() -> None:
    a = records("1", "Officials in Kherson said 93 percent of voters backed the plan.\n", "Alpha")
    b = records(
        "2", "In Kherson, 93.11% of ballots were cast in favor, the commission said.\n", "Beta"
    )
    (finding,) = [
        f for f in compare_sources([a, b], ["results"]).findings if f.subject.startswith("Kherson")
    ]
    assert finding.verdict == "agree"
    assert [e.source for e in finding.evidence] == ["1", "2"]


def test_results_that_cannot_both_be_true_conflict() -> None:
    a = records("1", "Officials in Kherson said 93 percent of voters backed the plan.\n", "Alpha")
    b = records("2", "Officials in Kherson said 87 percent of voters backed the plan.\n", "Beta")
    comparison = compare_sources([a, b], ["results"])
    (finding,) = only(comparison, "results", "conflict")
    assert finding.sources == ("1", "2")
    assert comparison.conflicts == 1


def test_preliminary_against_final_is_not_a_conflict() -> None:
    a = records(
        "1",
        "Officials in Sumy said 61 percent of voters backed the plan, a preliminary result.\n",
        "Alpha",
    )
    b = records(
        "2",
        "Officials in Sumy said 64 percent of voters backed it after all votes were counted.\n",
        "Beta",
    )
    (finding,) = compare_sources([a, b], ["results"]).findings
    assert finding.verdict == "agree"
    assert "preliminary" in finding.detail


def test_qualitative_claim_is_checked_against_numbers() -> None:
    a = records("1", "Officials in Sumy said 52 percent of voters backed the plan.\n", "Alpha")
    b = records(
        "2", "Voters in the region gave the plan overwhelming support, officials said.\n", "Beta"
    )
    findings = compare_sources([a, b], ["results"]).findings
    claim = next(f for f in findings if f.subject.startswith("qualitative"))
    assert claim.verdict == "conflict"
    single = next(f for f in findings if f.subject.startswith("Sumy"))
    assert single.verdict == "only_in" and "INCONSISTENT" in single.detail


def test_partial_quote_contained_in_a_fuller_one_agrees() -> None:
    a = records(
        "1", 'Mayor Olena Bondar said the city was "calm and united behind its council."\n', "Alpha"
    )
    b = records("2", 'Mayor Olena Bondar described the city as "calm."\n', "Beta")
    (finding,) = only(compare_sources([a, b], ["statements"]), "statements", "agree")
    assert finding.sources == ("1", "2")
    assert '"calm."' in finding.detail and "united" in finding.detail


def test_the_same_words_given_to_different_speakers_conflict() -> None:
    a = records(
        "1", '"We will never accept this result," said Foreign Minister Ana Lis.\n', "Alpha"
    )
    b = records("2", '"We will never accept this result," said Prime Minister Karl Brun.\n', "Beta")
    (finding,) = only(compare_sources([a, b], ["statements"]), "statements", "conflict")
    assert "Ana Lis" in finding.detail and "Karl Brun" in finding.detail


def test_people_who_share_a_surname_with_conflicting_roles_stay_apart() -> None:
    a = records("1", "Ukrainian Foreign Minister Horak met envoys.\n", "Alpha")
    b = records("2", "Russian Defense Minister Ivan Horak met envoys.\n", "Beta")
    comparison = compare_sources([a, b], ["officials"])
    assert not only(comparison, "officials", "agree")
    assert sorted(f.subject for f in only(comparison, "officials", "only_in")) == [
        "Horak",
        "Ivan Horak",
    ]


def test_one_name_given_two_incompatible_roles_conflicts() -> None:
    a = records("1", "Ukrainian Foreign Minister Ivan Horak met envoys.\n", "Alpha")
    b = records("2", "Russian Defense Minister Ivan Horak met envoys.\n", "Beta")
    (conflict,) = only(compare_sources([a, b], ["officials"]), "officials", "conflict")
    assert conflict.subject == "role of Ivan Horak"


def test_transliterations_and_compatible_roles_merge_with_reason() -> None:
    a = records(
        "1", "NATO Secretary-General Jens Holm spoke to President Volodymyr Zelenskiy.\n", "Alpha"
    )
    b = records("2", "NATO chief Jens Holm spoke to President Volodymyr Zelenskyy.\n", "Beta")
    agreed = {
        f.subject: f for f in only(compare_sources([a, b], ["officials"]), "officials", "agree")
    }
    assert set(agreed) == {"Jens Holm", "Volodymyr Zelenskiy"}
    assert "transliterations" in agreed["Volodymyr Zelenskiy"].detail


def test_bodies_with_the_same_meaning_are_one_body() -> None:
    a = records("1", "The British Ministry of Defense said the vote was staged.\n", "Alpha")
    b = records("2", "The United Kingdom Defence Ministry said the vote was staged.\n", "Beta")
    (finding,) = only(compare_sources([a, b], ["officials"]), "officials", "agree")
    assert "British Ministry of Defense" in finding.detail


def test_relative_date_across_a_month_boundary_matches_an_explicit_one() -> None:
    a = records("1", "Voting began on Friday in Sumy.\n", "Alpha", published="2022-10-02")
    b = records("2", "Voting began on September 30 in Sumy.\n", "Beta", published="2022-10-03")
    (finding,) = only(compare_sources([a, b], ["dates"]), "dates", "agree")
    assert finding.subject == "2022-09-30"


def test_a_dateline_that_contradicts_the_body_conflicts() -> None:
    text = "date 2015-01-02 Banner text.\nThe referendum was held on March 3, 2019 in Sumy.\n"
    a = records("1", text, "Alpha", published=None)
    (finding,) = only(compare_sources([a], ["dates"]), "dates", "conflict")
    assert "2019-03-03" in finding.detail


def test_shared_wire_services_make_agreement_not_independent() -> None:
    a = records(
        "1",
        "Officials in Sumy said 61 percent of voters backed the plan.\n",
        "Alpha",
        wires=("AP",),
    )
    b = records(
        "2", "Officials in Sumy said 61 percent of voters backed the plan.\n", "Beta", wires=("AP",)
    )
    comparison = compare_sources([a, b])
    sumy = next(f for f in comparison.findings if f.kind == "results")
    assert sumy.verdict == "agree" and sumy.independent is False
    (shared,) = only(comparison, "sources", "agree")
    assert shared.subject == "shared upstream: AP" and shared.sources == ("1", "2")


def test_grouping_scales_by_blocking_not_pairs() -> None:
    many = [
        records(
            str(i), f"Officials in Sumy said {50 + i % 3} percent of voters backed it.\n", f"O{i}"
        )
        for i in range(60)
    ]
    comparison = compare_sources(many, ["results"])
    assert [f.verdict for f in comparison.findings if f.subject.startswith("Sumy")] == ["conflict"]

"""Shared test data: small hand-built parse results whose spans are real (every ``start``/``end``
is found in the article text, so ``text[start:end]`` is what the record claims), and a tiny
gazetteer, so storage and query tests do not depend on the extractor or on data/."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from refq.knowledge import Region
from refq.models import (
    Article,
    ChromeBlock,
    DatedPhrase,
    Evidence,
    Official,
    ParseResult,
    RegionMention,
    Result,
    ResultStatus,
    Role,
    SourceInfo,
    SourceMeta,
    Statement,
    StatementKind,
)
from refq.store.load import load_parse_results

GAZETTEER = (
    Region("UA-65", "Kherson Oblast", "Kherson", "oblast", "UA", ("Kherson", "Херсонська область")),
    Region(
        "UA-23",
        "Zaporizhzhia Oblast",
        "Zaporizhzhia",
        "oblast",
        "UA",
        ("Zaporizhzhia", "Zaporizhzhya", "Zaporižžja"),
    ),
    Region("UA-14", "Donetsk Oblast", "Donetsk", "oblast", "UA", ("Donetsk",)),
)

RFERL_TEXT = (
    "Live Briefing: Russia's Invasion Of Ukraine\n"
    "Authorities in Kherson said 87 percent of voters opted for annexation.\n"
    "In Zaporizhzhya, the polling authority said 93 percent backed it, a preliminary result.\n"
    '"These lands are Ukraine," NATO chief Jens Stoltenberg said on September 27.\n'
    "Stoltenberg said the West would never recognize the votes.\n"
)
DW_TEXT = (
    'US Secretary of State Antony Blinken said the US will "never recognize" the votes.\n'
    'NATO Secretary-General Jens Stoltenberg called the vote a "sham" [sic].\n'
)


@dataclass(frozen=True)
class Spans:
    """Offsets of phrases in one text, found once here so records cite real spans."""

    text: str

    def of(self, phrase: str, after: int = 0) -> tuple[int, int]:
        start = self.text.index(phrase, after)
        return start, start + len(phrase)

    def sentence(self, phrase: str) -> Evidence:
        start, _ = self.of(phrase)
        begin = self.text.rfind("\n", 0, start) + 1
        end = self.text.index("\n", start)
        return Evidence(self.text[begin:end], begin, end)


def article(path: str, text: str, meta: SourceMeta | None = None) -> Article:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(path=path, text=text, sha256=digest, meta=meta or SourceMeta())


def vote_share(
    s: Spans, code: str, region: str, percent: float, status: ResultStatus, by: str
) -> Result:
    """A result whose percentage phrase is "<percent> percent" in the text."""
    phrase = f"{percent:g} percent"
    start, end = s.of(phrase)
    return Result(
        region_code=code,
        region=region,
        option=None,
        percent=percent,
        low=percent - 0.5,
        high=percent + 0.5,
        status=status,
        reported_by=by,
        start=start,
        end=end,
        evidence=s.sentence(phrase),
    )


def said(
    s: Spans, kind: StatementKind, speaker: str, surface: str, words: str, date: str | None = None
) -> Statement:
    start, end = s.of(words)
    return Statement(
        kind=kind,
        speaker=speaker,
        speaker_key=speaker.lower(),
        speaker_surface=surface,
        text=words,
        start=start,
        end=end,
        channel=None,
        date=date,
        evidence=s.sentence(words),
    )


def official(s: Spans, name: str, title: str, *aliases: str) -> Official:
    start, end = s.of(name)
    return Official(
        key=name.lower(),
        name=name,
        kind="person",
        aliases=(name, *aliases),
        roles=(Role(title, *s.of(title)),),
        start=start,
        end=end,
        evidence=s.sentence(name),
    )


def rferl_result(path: str = "/news/rferl_annexation.txt", text: str = RFERL_TEXT) -> ParseResult:
    s = Spans(text)
    stoltenberg = "Jens Stoltenberg"
    return ParseResult(
        article=article(path, text, SourceMeta(outlet="RFE/RL", url="https://www.rferl.org/a/1")),
        source=SourceInfo(
            outlet="RFE/RL",
            title="Annexation vote",
            published="2022-09-27",
            dateline=None,
            wires=("Reuters", "AP"),
            chrome=(ChromeBlock("banner", *s.of("Live Briefing: Russia's Invasion Of Ukraine")),),
        ),
        sentences=(),
        regions=(
            RegionMention("UA-65", "Kherson Oblast", "Kherson", *s.of("Kherson")),
            RegionMention("UA-23", "Zaporizhzhia Oblast", "Zaporizhzhya", *s.of("Zaporizhzhya")),
        ),
        results=(
            vote_share(s, "UA-65", "Kherson Oblast", 87, "final", "Authorities in Kherson"),
            vote_share(
                s, "UA-23", "Zaporizhzhia Oblast", 93, "preliminary", "the polling authority"
            ),
        ),
        officials=(official(s, stoltenberg, "NATO chief", "Stoltenberg"),),
        statements=(
            said(s, "direct", stoltenberg, stoltenberg, "These lands are Ukraine,", "2022-09-27"),
            said(
                s,
                "reported",
                stoltenberg,
                "Stoltenberg",
                "the West would never recognize the votes",
            ),
        ),
        dates=(
            DatedPhrase(
                phrase="September 27",
                date="2022-09-27",
                precision="day",
                relative=False,
                start=s.of("September 27")[0],
                end=s.of("September 27")[1],
                evidence=s.sentence("September 27"),
            ),
        ),
        warnings=("a doubtful result",),
    )


def dw_result(path: str = "/news/dw_sham.txt", text: str = DW_TEXT) -> ParseResult:
    s = Spans(text)
    blinken, stoltenberg = "Antony Blinken", "Jens Stoltenberg"
    return ParseResult(
        article=article(path, text),
        source=SourceInfo("DW", None, "2022-09-27", None, (), ()),
        sentences=(),
        regions=(),
        results=(),
        officials=(
            official(s, blinken, "US Secretary of State", "Blinken"),
            official(s, stoltenberg, "NATO Secretary-General", "Stoltenberg"),
        ),
        statements=(
            said(s, "direct", blinken, blinken, "never recognize"),
            said(s, "direct", stoltenberg, stoltenberg, "sham"),
        ),
        dates=(),
    )


def with_text(result: ParseResult, text: str) -> ParseResult:
    """The same records over a different text at the same path (spans still valid: the new
    text only appends)."""
    assert text.startswith(result.article.text)
    return replace(result, article=article(result.article.path, text, result.article.meta))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "refq.db"


@pytest.fixture
def loaded_db(db_path: Path) -> Path:
    """A database holding the two hand-built sources: RFE/RL is source 1, DW source 2."""
    load_parse_results(db_path, [rferl_result(), dw_result()], gazetteer=GAZETTEER)
    return db_path


@pytest.fixture(scope="session")
def knowledge_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("knowledge-cache")


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, knowledge_cache: Path
) -> Iterator[None]:
    """No test may touch the user's real database; Rich tables get a fixed width."""
    monkeypatch.setenv("REFQ_DB", str(tmp_path / "default" / "refq.db"))
    # Parsed reference data is cached per test session, never in the user's cache folder.
    monkeypatch.setenv("REFQ_CACHE_DIR", str(knowledge_cache))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield

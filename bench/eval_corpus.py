"""Measure refq's extractor against hand-written gold on the held-out real-news corpus.

    .venv/bin/python bench/eval_corpus.py [--corpus DIR] [--gold DIR] [--json]

The corpus is read where it lives (``--corpus``, else ``$REFQ_CORPUS``, else
``../shared/corpus`` next to the repository) and is never copied into the project. Gold
annotations are ``bench/gold/<article stem>.json``, written by reading each article, not from
extractor output.

For results, officials and direct quotations it prints gold count, extracted count, true
positives, precision and recall per article and in total, plus attribution accuracy for
quotations (of the matched ones, the share with the right speaker); then every miss, false
positive and wrong speaker, so a developer can see what to fix. Always exits 0 (it is a
measurement) unless the corpus folder is missing (exit 2).

Matching rules:

* results: same region code, same option (``name_key``), percent within 0.01 (a gold entry may
  give ``low``/``high`` for a stated range: any percent inside it matches). Extracted results
  that repeat one another exactly (same region, option, percent) are collapsed and listed as
  duplicates rather than counted as false positives.
* officials: same ``name_key``; for persons also when one key is the other's surname-only form.
* quotations (``kind == "direct"`` only): normalised text (casefold, punctuation and quote marks
  dropped, whitespace collapsed) equal, or one contains the other with at least 3 words. The
  speaker is right when ``name_key`` matches the gold speaker (or one of its
  ``speaker_aliases``), when surname keys match (person speakers), or when the folded role
  phrase is equal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from refq.extract import extract_article
from refq.models import Article, Official, Result, SourceMeta, Statement
from refq.names import fold, name_key, surname

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT_GOLD = BENCH_DIR / "gold"
PERCENT_TOLERANCE = 0.01
MIN_CONTAINED_WORDS = 3
CATEGORIES = ("results", "officials", "quotes")

_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")

G = TypeVar("G")
E = TypeVar("E")


class GoldError(ValueError):
    """A gold file that cannot be read as annotations."""


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldResult:
    region_code: str | None
    option: str | None
    percent: float
    low: float
    high: float
    status: str

    def describe(self) -> str:
        span = f"{self.low:g}-{self.high:g}" if self.low != self.high else f"{self.percent:g}"
        return f"{self.region_code or '-'} {self.option or '-'} {span}% [{self.status}]"


@dataclass(frozen=True, slots=True)
class GoldOfficial:
    name: str
    kind: str

    def describe(self) -> str:
        return f"{self.name} ({self.kind})"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: str
    speaker_aliases: tuple[str, ...]
    quote: str

    def describe(self) -> str:
        return f"{_clip(self.quote)!r} <- {self.speaker}"


@dataclass(frozen=True, slots=True)
class Gold:
    file: str
    results: tuple[GoldResult, ...]
    officials: tuple[GoldOfficial, ...]
    quotes: tuple[GoldQuote, ...]


def _str_or_none(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if value is None or isinstance(value, str):
        return value
    raise GoldError(f"{key!r} must be a string or null, got {value!r}")


def _str(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if isinstance(value, str) and value:
        return value
    raise GoldError(f"{key!r} must be a non-empty string, got {value!r}")


def _number(entry: dict[str, Any], key: str, default: float | None = None) -> float:
    value = entry.get(key, default)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise GoldError(f"{key!r} must be a number, got {value!r}")


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise GoldError(f"{key!r} must be a list of objects")
    return value


def load_gold(path: Path) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(str(exc)) from exc
    if not isinstance(data, dict):
        raise GoldError("top level must be an object")
    results: list[GoldResult] = []
    for entry in _entries(data, "results"):
        percent = _number(entry, "percent")
        results.append(
            GoldResult(
                region_code=_str_or_none(entry, "region_code"),
                option=_str_or_none(entry, "option"),
                percent=percent,
                low=_number(entry, "low", percent),
                high=_number(entry, "high", percent),
                status=_str_or_none(entry, "status") or "unknown",
            )
        )
    officials = [
        GoldOfficial(name=_str(entry, "name"), kind=_str(entry, "kind"))
        for entry in _entries(data, "officials")
    ]
    quotes: list[GoldQuote] = []
    for entry in _entries(data, "quotes"):
        # The held-out sets' READMEs name the key "aliases"; "speaker_aliases" is older.
        aliases = entry.get("speaker_aliases", entry.get("aliases", []))
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GoldError("'aliases' (or 'speaker_aliases') must be a list of strings")
        quotes.append(
            GoldQuote(
                speaker=_str(entry, "speaker"),
                speaker_aliases=tuple(aliases),
                quote=_str(entry, "quote"),
            )
        )
    return Gold(
        file=str(data.get("file", path.stem)),
        results=tuple(results),
        officials=tuple(officials),
        quotes=tuple(quotes),
    )


# --------------------------------------------------------------------------- normalising


def normalise_quote(text: str) -> str:
    """Casefold, drop punctuation (quote marks included), collapse whitespace."""
    kept = "".join(ch for ch in fold(text) if not unicodedata.category(ch).startswith("P"))
    return _SPACES.sub(" ", kept).strip()


def fold_role(text: str) -> str:
    """A role phrase for comparison: "the White House Press Secretary" -> "white house press
    secretary"."""
    return _LEADING_ARTICLE.sub("", normalise_quote(text.replace("-", " ")))


def surname_key(name: str) -> str:
    return name_key(surname(name.strip()))


def _option_key(option: str | None) -> str | None:
    return name_key(option) if option else None


def _clip(text: str, width: int = 90) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= width else text[: width - 3] + "..."


# --------------------------------------------------------------------------- matching


@dataclass(slots=True)
class Matching:
    """A one-to-one pairing of gold items with extracted items."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


def match(gold: Sequence[G], extracted: Sequence[E], score: Callable[[G, E], int]) -> Matching:
    """Greedy one-to-one matching: best-scoring pairs first (score 0 means no match)."""
    candidates = sorted(
        (
            (-s, g_index, e_index)
            for g_index, g_item in enumerate(gold)
            for e_index, e_item in enumerate(extracted)
            if (s := score(g_item, e_item)) > 0
        ),
    )
    used_gold: set[int] = set()
    used_extracted: set[int] = set()
    matching = Matching()
    for _, g_index, e_index in candidates:
        if g_index in used_gold or e_index in used_extracted:
            continue
        used_gold.add(g_index)
        used_extracted.add(e_index)
        matching.pairs.append((g_index, e_index))
    matching.pairs.sort()
    matching.missed = [i for i in range(len(gold)) if i not in used_gold]
    matching.spurious = [i for i in range(len(extracted)) if i not in used_extracted]
    return matching


# --ignore-region: score figures (option, percent) alone, to tell extraction errors from
# gaps in the gazetteer.
SCORE_REGIONS = True


def result_score(gold: GoldResult, got: Result) -> int:
    if SCORE_REGIONS and gold.region_code != got.region_code:
        return 0
    if _option_key(gold.option) != _option_key(got.option):
        return 0
    if abs(gold.percent - got.percent) <= PERCENT_TOLERANCE:
        return 2
    if gold.low - PERCENT_TOLERANCE <= got.percent <= gold.high + PERCENT_TOLERANCE:
        return 1
    return 0


def _official_keys(official: Official) -> set[str]:
    return {key for key in (official.key, name_key(official.name)) if key}


def official_score(gold: GoldOfficial, got: Official) -> int:
    gold_key = name_key(gold.name)
    got_keys = _official_keys(got)
    if gold_key in got_keys:
        return 2
    if gold.kind == "person" and got.kind == "person":
        if surname_key(gold.name) in got_keys:
            return 1
        if gold_key == surname_key(got.name):
            return 1
    return 0


def quote_score(gold: GoldQuote, got: Statement) -> int:
    want = normalise_quote(gold.quote)
    have = normalise_quote(got.text)
    if not want or not have:
        return 0
    if want == have:
        return 1_000_000
    short, long = (want, have) if len(want) <= len(have) else (have, want)
    if len(short.split()) >= MIN_CONTAINED_WORDS and f" {short} " in f" {long} ":
        return len(short.split())
    return 0


def speaker_correct(gold: GoldQuote, got: Statement, person_keys: set[str]) -> bool:
    names = [name for name in (got.speaker, got.speaker_key) if name]
    if not names:
        return False
    wanted = (gold.speaker, *gold.speaker_aliases)
    wanted_keys = {name_key(w) for w in wanted}
    if any(name_key(name) in wanted_keys for name in names):
        return True
    if (
        name_key(gold.speaker) in person_keys
        and got.speaker
        and surname_key(gold.speaker) == surname_key(got.speaker)
    ):
        return True
    roles = {fold_role(w) for w in wanted}
    return any(fold_role(name) in roles for name in names)


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Counts:
    gold: int = 0
    extracted: int = 0
    tp: int = 0
    attributed: int = 0  # quotes only: matched with the right speaker

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.extracted += other.extracted
        self.tp += other.tp
        self.attributed += other.attributed

    @property
    def precision(self) -> float | None:
        return self.tp / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def attribution(self) -> float | None:
        return self.attributed / self.tp if self.tp else None

    def as_json(self, with_attribution: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "gold": self.gold,
            "extracted": self.extracted,
            "tp": self.tp,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
        }
        if with_attribution:
            data["attributed"] = self.attributed
            data["attribution_accuracy"] = _round(self.attribution)
        return data


@dataclass(frozen=True, slots=True)
class Issue:
    kind: str  # miss, false_positive, wrong_speaker, duplicate, error
    category: str  # results, officials, quotes, article
    article: str
    text: str


@dataclass(slots=True)
class ArticleScore:
    file: str
    counts: dict[str, Counts]
    issues: list[Issue]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _result_text(result: Result) -> str:
    return (
        f"{result.region_code or '-'} {result.option or '-'} {result.percent:g}% "
        f"[{result.status}] in {_clip(result.evidence.text, 70)!r}"
    )


def _dedupe_results(results: Sequence[Result]) -> tuple[list[Result], list[Result]]:
    seen: set[tuple[str | None, str | None, float]] = set()
    kept: list[Result] = []
    repeats: list[Result] = []
    for result in results:
        key = (result.region_code, _option_key(result.option), round(result.percent, 2))
        if key in seen:
            repeats.append(result)
        else:
            seen.add(key)
            kept.append(result)
    return kept, repeats


def score_article(
    file: str,
    gold: Gold,
    results: Sequence[Result],
    officials: Sequence[Official],
    statements: Sequence[Statement],
) -> ArticleScore:
    issues: list[Issue] = []
    counts: dict[str, Counts] = {}

    def issue(kind: str, category: str, text: str) -> None:
        issues.append(Issue(kind, category, file, text))

    kept, repeats = _dedupe_results(results)
    for result in repeats:
        issue("duplicate", "results", _result_text(result))
    m = match(gold.results, kept, result_score)
    counts["results"] = Counts(len(gold.results), len(kept), len(m.pairs))
    for i in m.missed:
        issue("miss", "results", gold.results[i].describe())
    for i in m.spurious:
        issue("false_positive", "results", _result_text(kept[i]))

    m = match(gold.officials, officials, official_score)
    counts["officials"] = Counts(len(gold.officials), len(officials), len(m.pairs))
    for i in m.missed:
        issue("miss", "officials", gold.officials[i].describe())
    for i in m.spurious:
        official = officials[i]
        roles = ", ".join(role.title for role in official.roles)
        suffix = f" [{roles}]" if roles else ""
        issue("false_positive", "officials", f"{official.name} ({official.kind}){suffix}")

    direct = [s for s in statements if s.kind == "direct"]
    m = match(gold.quotes, direct, quote_score)
    person_keys = {name_key(o.name) for o in gold.officials if o.kind == "person"}
    attributed = 0
    for g_index, e_index in m.pairs:
        want, got = gold.quotes[g_index], direct[e_index]
        if speaker_correct(want, got, person_keys):
            attributed += 1
        else:
            issue(
                "wrong_speaker",
                "quotes",
                f"{_clip(want.quote, 60)!r}: gold {want.speaker!r}, got {got.speaker!r}",
            )
    counts["quotes"] = Counts(len(gold.quotes), len(direct), len(m.pairs), attributed)
    for i in m.missed:
        issue("miss", "quotes", gold.quotes[i].describe())
    for i in m.spurious:
        extra = direct[i]
        issue("false_positive", "quotes", f"{_clip(extra.text)!r} <- {extra.speaker}")
    return ArticleScore(file, counts, issues)


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True, slots=True)
class Entry:
    file: str
    meta: SourceMeta


def _meta_str(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) and value else None


def corpus_entries(corpus: Path) -> tuple[list[Entry], list[str]]:
    """The articles to evaluate, from manifest.json (or every *.txt when it has none)."""
    notes: list[str] = []
    manifest = corpus / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        notes.append(f"{manifest} not found: evaluating every *.txt without metadata")
        return [Entry(p.name, SourceMeta()) for p in sorted(corpus.glob("*.txt"))], notes
    except (OSError, json.JSONDecodeError) as exc:
        notes.append(f"{manifest} unreadable ({exc}): evaluating every *.txt without metadata")
        return [Entry(p.name, SourceMeta()) for p in sorted(corpus.glob("*.txt"))], notes
    items = data if isinstance(data, list) else []
    entries = [
        Entry(
            item["file"],
            SourceMeta(outlet=_meta_str(item, "outlet"), published=_meta_str(item, "published")),
        )
        for item in items
        if isinstance(item, dict) and isinstance(item.get("file"), str)
    ]
    if not entries:
        notes.append(f"{manifest} lists no articles")
    return entries, notes


def read_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def evaluate(corpus: Path, gold_dir: Path) -> tuple[list[ArticleScore], list[Issue], list[str]]:
    entries, notes = corpus_entries(corpus)
    scores: list[ArticleScore] = []
    problems: list[Issue] = []
    for entry in entries:
        stem = Path(entry.file).stem
        gold_path = gold_dir / f"{stem}.json"
        if not gold_path.is_file():
            notes.append(f"{entry.file}: no gold file {gold_path.name}; not scored")
            continue
        try:
            gold = load_gold(gold_path)
        except GoldError as exc:
            notes.append(f"{entry.file}: bad gold file {gold_path.name} ({exc}); not scored")
            continue
        path = corpus / entry.file
        try:
            text = read_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Issue("error", "article", entry.file, f"cannot read: {exc}"))
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        article = Article(str(path), text, digest, entry.meta)
        try:
            parsed = extract_article(article)
            results, officials, statements = parsed.results, parsed.officials, parsed.statements
        except Exception as exc:  # a crash is a finding, scored as extracting nothing
            problems.append(Issue("error", "article", entry.file, f"extractor raised {exc!r}"))
            results, officials, statements = (), (), ()
        scores.append(score_article(entry.file, gold, results, officials, statements))
    return scores, problems, notes


def totals(scores: Sequence[ArticleScore]) -> dict[str, Counts]:
    total = {category: Counts() for category in CATEGORIES}
    for score in scores:
        for category in CATEGORIES:
            total[category].add(score.counts[category])
    return total


# --------------------------------------------------------------------------- output


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _row(label: str, counts: dict[str, Counts], width: int) -> str:
    cells = [f"{label:<{width}}"]
    for category in CATEGORIES:
        c = counts[category]
        cells.append(
            f"{c.gold:>4} {c.extracted:>4} {c.tp:>4} {_pct(c.precision):>5} {_pct(c.recall):>5}"
        )
    cells.append(f"{_pct(counts['quotes'].attribution):>5}")
    return " | ".join(cells)


def render_table(scores: Sequence[ArticleScore]) -> str:
    width = max([len("TOTAL"), len("article"), *(len(Path(s.file).stem) for s in scores)])
    group = "   g    e   tp     P     R"
    header = " | ".join([f"{'':<{width}}", *(f"{c:<{len(group)}}" for c in CATEGORIES), "quotes"])
    columns = " | ".join([f"{'article':<{width}}", group, group, group, " attr"])
    rule = "-" * len(columns)
    lines = [header.rstrip(), columns, rule]
    lines += [_row(Path(s.file).stem, s.counts, width) for s in scores]
    lines += [rule, _row("TOTAL", totals(scores), width)]
    return "\n".join(lines)


def render_issues(scores: Sequence[ArticleScore], problems: Sequence[Issue]) -> str:
    issues = [*problems, *(i for s in scores for i in s.issues)]
    if not issues:
        return "no misses, false positives or wrong speakers"
    order = {"error": 0, "miss": 1, "false_positive": 2, "wrong_speaker": 3, "duplicate": 4}
    issues.sort(key=lambda i: (order.get(i.kind, 9), i.category, i.article))
    kind_w = max(len(i.kind) for i in issues)
    cat_w = max(len(i.category) for i in issues)
    art_w = max(len(Path(i.article).stem) for i in issues)
    lines = [f"{len(issues)} issues (kind, category, article, text):"]
    lines += [
        f"  {i.kind:<{kind_w}}  {i.category:<{cat_w}}  {Path(i.article).stem:<{art_w}}  {i.text}"
        for i in issues
    ]
    return "\n".join(lines)


def as_json(
    scores: Sequence[ArticleScore], problems: Sequence[Issue], notes: Sequence[str]
) -> dict[str, Any]:
    def figures(counts: dict[str, Counts]) -> dict[str, Any]:
        return {c: counts[c].as_json(with_attribution=c == "quotes") for c in CATEGORIES}

    return {
        "articles": [{"file": s.file, **figures(s.counts)} for s in scores],
        "total": figures(totals(scores)),
        "issues": [
            {"kind": i.kind, "category": i.category, "article": i.article, "text": i.text}
            for i in [*problems, *(i for s in scores for i in s.issues)]
        ],
        "notes": list(notes),
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="corpus folder (default: $REFQ_CORPUS, else ../shared/corpus beside the repo)",
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold annotation folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--ignore-region", action="store_true", help="match results on option and percent only"
    )
    return parser.parse_args(argv)


def resolve_corpus(option: Path | None) -> Path:
    if option is not None:
        return option
    env = os.environ.get("REFQ_CORPUS")
    return Path(env) if env else DEFAULT_CORPUS


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    global SCORE_REGIONS
    SCORE_REGIONS = not args.ignore_region
    corpus = resolve_corpus(args.corpus)
    if not corpus.is_dir():
        print(
            f"eval_corpus: corpus folder not found: {corpus} (use --corpus DIR or REFQ_CORPUS)",
            file=sys.stderr,
        )
        return 2
    scores, problems, notes = evaluate(corpus, args.gold)
    if args.json:
        print(json.dumps(as_json(scores, problems, notes), indent=2, ensure_ascii=False))
        return 0
    print(f"corpus: {corpus}  gold: {args.gold}  articles scored: {len(scores)}")
    for note in notes:
        print(f"note: {note}")
    print()
    print(render_table(scores))
    print()
    print(render_issues(scores, problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())

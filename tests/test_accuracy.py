"""Extraction accuracy on annotated articles, as a floor that a change must not break.

Each set is scored with bench/eval_corpus.py (gold annotations a careful reader wrote). The
floors sit a little under the figures measured when they were set, so an honest improvement
passes and a regression fails; the README gives the measured figures and the command.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_corpus", ROOT / "bench" / "eval_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_corpus"] = module
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()

# (precision, recall) floors per category; attribution floor for quotes.
SHARED = {"results": (0.9, 0.9), "officials": (0.9, 0.9), "quotes": (0.9, 0.9)}
HELDOUT = {"results": (0.7, 0.7), "officials": (0.9, 0.75), "quotes": (0.9, 0.88)}
DEVELOPMENT = {"results": (0.65, 0.6), "officials": (0.8, 0.6), "quotes": (0.9, 0.8)}
FLOORS = {
    "shared corpus": (ROOT.parent / "shared" / "corpus", ROOT / "bench" / "gold", SHARED, 0.9),
    "held-out set 1": (
        ROOT / "bench" / "heldout",
        ROOT / "bench" / "heldout" / "gold",
        HELDOUT,
        0.9,
    ),
    # Sets 2 and 3 became development sets this session; set 4 stays out of the tests, so
    # that nothing is ever tuned to pass on it.
    "held-out set 2": (
        ROOT / "bench" / "heldout2",
        ROOT / "bench" / "heldout2" / "gold",
        DEVELOPMENT,
        0.8,
    ),
    "held-out set 3": (
        ROOT / "bench" / "heldout3",
        ROOT / "bench" / "heldout3" / "gold",
        DEVELOPMENT,
        0.65,
    ),
    # Sets 5 and 7 are development sets too (third session); sets 4 and 6 stay out.
    "held-out set 5": (
        ROOT / "bench" / "heldout5",
        ROOT / "bench" / "heldout5" / "gold",
        DEVELOPMENT,
        0.7,
    ),
    "held-out set 7": (
        ROOT / "bench" / "heldout7",
        ROOT / "bench" / "heldout7" / "gold",
        {"results": (0.55, 0.55), "officials": (0.8, 0.7), "quotes": (0.9, 0.85)},
        0.65,
    ),
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_extraction_stays_above_its_measured_floor(name: str) -> None:
    corpus, gold, floors, attribution = FLOORS[name]
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here (CI has ../shared beside the clone)")
    scores, problems, _ = EVAL.evaluate(corpus, gold)
    assert [p for p in problems if p.kind == "error"] == []
    totals = EVAL.totals(scores)
    for category, (precision, recall) in floors.items():
        counts = totals[category]
        assert counts.tp / max(counts.extracted, 1) >= precision, (category, counts)
        assert counts.tp / max(counts.gold, 1) >= recall, (category, counts)
    quotes = totals["quotes"]
    assert quotes.attributed / max(quotes.tp, 1) >= attribution

"""Generated news-style articles about one event, for benchmarks.

Every article is distinct (its own mix of figures, quotes and wording), deterministic for a
given seed, and written from templates here -- no real article text.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

REGIONS = ["Kherson", "Zaporizhzhia", "Donetsk", "Luhansk", "Sumy", "Kharkiv", "Odesa", "Lviv"]
FIRST = ["Anna", "Ivan", "Olena", "Petro", "Maria", "Taras", "Irina", "Oleh", "Nina", "Yuri"]
LAST = ["Bondar", "Kovalenko", "Shevchuk", "Marchenko", "Lysenko", "Tkachenko", "Horak", "Melnyk"]
TITLES = ["Foreign Minister", "Defense Minister", "Governor", "opposition leader", "Mayor"]
WIRES = ["AFP", "AP", "Reuters", "dpa"]
CHANNELS = ["on Telegram", "in a video message", "on Twitter", "at a press conference"]
QUOTES = [
    "This vote has no legal force and we will not recognise it",
    "The people have spoken and the result is clear",
    "Ballots were counted under the eyes of armed men",
    "We call on our partners to impose further sanctions",
    "Nobody in the region believes these numbers",
]


def article(index: int, seed: int = 7) -> str:
    rng = random.Random(seed * 100_003 + index)
    region, other = rng.sample(REGIONS, 2)
    speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    title = rng.choice(TITLES)
    share = round(rng.uniform(55, 99), rng.choice([0, 1, 2]))
    share2 = round(rng.uniform(40, 99), 1)
    quote = rng.choice(QUOTES)
    wires = ", ".join(rng.sample(WIRES, rng.randint(1, 3)))
    status = rng.choice([" after all votes were counted", " in a preliminary result", ""])
    return (
        f"Officials Report Vote Results In {region} And {other} (Report {index})\n\n"
        f"Election officials in {region} said {share} percent of voters backed the proposal"
        f"{status}, while in {other} {share2}% of ballots were cast in favor.\n\n"
        f"{title} {speaker} said {rng.choice(CHANNELS)} that the count in {region} "
        f"was flawed and that observers were kept away from polling station number {index}.\n\n"
        f'"{quote}," {speaker.split()[-1]} said. Turnout was {rng.randint(20, 80)} percent.\n\n'
        f'The vote, which some called a "farce," began on Friday and ended on Tuesday.\n\n'
        f"With reporting by {wires}\n"
    )


def articles(count: int, seed: int = 7) -> Iterator[str]:
    for index in range(count):
        yield article(index, seed)

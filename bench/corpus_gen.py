"""Generated news-style articles about one event, for benchmarks.

Every article is distinct (its own mix of figures, quotes and wording), deterministic for a
given seed, and written from templates here -- no real article text.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

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


BACKGROUND = [
    "The vote was organised in a matter of days and held while fighting continued nearby.",
    "Independent observers were not admitted to most polling stations, officials said.",
    "Residents described armed men accompanying election workers from door to door.",
    "Western governments said in advance that they would not recognise any outcome.",
    "Local authorities extended voting hours twice, citing what they called high demand.",
    "Several towns in the region were without electricity for much of the week.",
    "Ballot boxes were carried into courtyards and apartment blocks, witnesses said.",
    "The electoral commission did not publish turnout figures for individual districts.",
    "Refugees who had left the region were offered ballots at centres across the border.",
    "Schools and hospitals were closed on the final day of voting, according to residents.",
    "Election officials said they had printed more ballots than there were registered voters.",
    "Queues formed outside a handful of polling stations in the regional centre on Sunday.",
    "Mobile phone coverage was cut for several hours on the second day, residents reported.",
    "Officials offered no explanation for the differences between neighbouring districts.",
    "Opposition groups said many of their members had left the region before the vote.",
    "The commission said it would publish a full breakdown of the count within a month.",
]
REACTIONS = [
    "called the result a foregone conclusion",
    "said the figures could not be verified",
    "said the outcome would be challenged at the United Nations",
    "urged voters to ignore what he called a staged exercise",
    "said the international community would respond in the coming days",
]


def long_article(index: int, seed: int = 7) -> str:
    """A longer (about 2.5 KB), more varied news article: headline, lede with results from
    three regions, turnout, direct and reported speech from two officials, background
    paragraphs and a wire credit. Distinct for every index."""
    rng = random.Random(seed * 1_000_003 + index)
    first, second, third = rng.sample(REGIONS, 3)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
    titles = rng.sample(TITLES, 2)
    shares = [round(rng.uniform(55, 99), rng.choice([0, 1, 2])) for _ in range(3)]
    quotes = rng.sample(QUOTES, 2)
    background = rng.sample(BACKGROUND, 11)
    third_person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    wires = ", ".join(rng.sample(WIRES, rng.randint(1, 3)))
    day = rng.randint(1, 28)
    status = rng.choice(["after all votes were counted", "in a preliminary result", "so far"])
    paragraphs = [
        f"Officials Say {first} Vote Backs Proposal As {second} Count Continues ({index})",
        f"KYIV, September {day} -- Election officials in {first} said {shares[0]} percent of"
        f" voters backed the proposal {status}, while in {second} {shares[1]}% of ballots were"
        f" cast in favor and in {third} the figure was {shares[2]} percent.",
        f"Turnout was {rng.randint(20, 80)} percent in {first} and {rng.randint(20, 80)}"
        f" percent in {second}, according to the regional election commission, which gave no"
        f" figures for polling station number {index}.",
        f"{_capital(titles[0])} {people[0]} said {rng.choice(CHANNELS)} that the count in"
        f" {first} was flawed and that observers had been kept away from the polls.",
        f'"{quotes[0]}," {people[0].split()[-1]} said. "We have seen this before and we know'
        f' how it ends."',
        " ".join(background[:2]),
        f"{_capital(titles[1])} {people[1]} {rng.choice(REACTIONS)}, and added that the vote in"
        f" {second} had been held under pressure.",
        f'"{quotes[1]}," {people[1].split()[-1]} told reporters {rng.choice(CHANNELS)}.',
        " ".join(background[2:5]),
        f"In {third}, regional governor {third_person} said {rng.choice(CHANNELS)} that"
        f" {rng.randint(2, 40)} polling stations had opened late and that the count there"
        f" would take until the end of the week.",
        " ".join(background[5:8]),
        f"Speaking {rng.choice(CHANNELS)}, {people[0].split()[-1]} said the results from"
        f" {second} and {third} should be read together. " + " ".join(background[8:]),
        f'The vote, which critics called a "farce," began on Friday and ended on Tuesday.'
        f" Results for {third} are expected later this week.",
        f"With reporting by {wires}",
    ]
    return "\n\n".join(paragraphs) + "\n"


def _capital(title: str) -> str:
    return title[:1].upper() + title[1:]


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` distinct long articles as ``folder/NNNNNN.txt`` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{index:06d}.txt"
        path.write_text(long_article(index, seed), encoding="utf-8")
        paths.append(path)
    return paths

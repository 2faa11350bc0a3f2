"""The extraction pipeline: text -> sentences -> mentions -> records.

Pure: no storage, CLI or Rich imports (a test asserts this). Every stage receives the article
text and offsets into it; no stage searches the text again to find where something was.
"""

from __future__ import annotations

from dataclasses import replace

from refq.extract.claims import find_citations, find_claims
from refq.extract.dates import find_dates, parse_iso
from refq.extract.lexicon import Lexicon, compile_lexicon
from refq.extract.people import (
    PeopleIndex,
    find_people,
    looks_like_person,
    speaking_bodies,
    written_as_place,
)
from refq.extract.quotes import find_statements
from refq.extract.regions import find_regions, without_people
from refq.extract.results import find_results
from refq.extract.sources import read_source
from refq.extract.text import chrome_blocks, segment
from refq.knowledge import Knowledge, load_knowledge
from refq.models import Article, Evidence, Official, ParseResult, Sentence, Statement
from refq.names import name_key

__all__ = ["extract_article"]


def extract_article(article: Article, knowledge: Knowledge | None = None) -> ParseResult:
    """Read one article into typed records."""
    knowledge = knowledge or load_knowledge()
    lexicon = compile_lexicon(knowledge)
    text = article.text
    paras, sentences = segment(text, lexicon)
    source = read_source(text, paras, chrome_blocks(paras), article.meta, lexicon)
    anchor = parse_iso(source.published) or parse_iso(source.dateline)
    regions = find_regions(text, sentences, lexicon)
    people = find_people(text, sentences, lexicon)
    regions = without_people(regions, people.mentions, lexicon)
    names = {key: person.name for key, person in people.persons.items()}
    names.update({key: body[0] for key, body in people.bodies.items()})
    names.update(people.offices)
    dates = find_dates(text, sentences, lexicon, anchor)
    results, candidates = find_results(
        text, sentences, regions, people.mentions, names, lexicon, people.full_names
    )
    statements = find_statements(
        text, sentences, [(p.start, p.end) for p in paras], people.mentions, names, dates, lexicon
    )
    officials = _officials(text, people, statements, lexicon)
    officials += _candidates(text, sentences, candidates, officials, lexicon)
    officials += _named_speakers(statements, officials, lexicon)
    source = replace(source, cites=tuple(find_citations(text, sentences, lexicon)))
    return ParseResult(
        article=article,
        source=source,
        sentences=tuple(sentences),
        regions=tuple(regions),
        results=tuple(results),
        officials=tuple(officials),
        statements=tuple(statements),
        dates=tuple(dates),
        claims=tuple(find_claims(text, sentences, regions, lexicon)),
        extractor=knowledge.fingerprint,
    )


def _candidates(
    text: str,
    sentences: list[Sentence],
    named: list[tuple[str, int, int]],
    known: list[Official],
    lexicon: Lexicon,
) -> list[Official]:
    """Candidates the article names only with their share of the vote."""
    keys = {o.key for o in known}
    found: list[Official] = []
    for name, start, end in named:
        key = name_key(name)
        if key in keys or not looks_like_person(name, lexicon, min_tokens=2):
            continue
        particles = lexicon.knowledge.name_particles
        if any(not w[0].isupper() and w not in particles for w in name.split()):
            continue  # "Freedom and Homeland", "Greens for Brandenburg": lists, not people
        if written_as_place(text, name.split()[-1]):
            continue  # "Open Lier" in a story about voters "in Lier": a local list
        keys.add(key)
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        if sentence is None:
            continue
        evidence = Evidence(text[sentence.start : sentence.end], sentence.start, sentence.end)
        found.append(Official(key, name, "person", (name,), (), start, end, evidence))
    return found


def _named_speakers(
    statements: list[Statement], known: list[Official], lexicon: Lexicon
) -> list[Official]:
    """People quoted by a name the people stage did not list: "Its co-leader, Udo Brenner,
    called the result ..." (a speaker is an official)."""
    keys = {o.key for o in known}
    found: list[Official] = []
    for statement in statements:
        name, key = statement.speaker, statement.speaker_key
        if not name or not key or key in keys or key.startswith("role:"):
            continue
        if not looks_like_person(name, lexicon, min_tokens=2):
            continue
        keys.add(key)
        start = statement.evidence.start
        found.append(Official(key, name, "person", (name,), (), start, start, statement.evidence))
    return found


def _officials(
    text: str, people: PeopleIndex, statements: list[Statement], lexicon: Lexicon
) -> list[Official]:
    officials: list[Official] = []
    for person in people.persons.values():
        if not person.roles and len(person.name.split()) < 2 and not person.transcript_speaker:
            continue
        sentence = person.sentence
        officials.append(
            Official(
                key=person.key,
                name=max(person.aliases, key=lambda a: (len(a.split()), len(a))),
                kind="person",
                aliases=tuple(person.aliases),
                roles=tuple(person.roles),
                start=person.start,
                end=person.end,
                evidence=Evidence(
                    text[sentence.start : sentence.end], sentence.start, sentence.end
                ),
            )
        )
    speaking = {s.speaker_key for s in statements if s.speaker_key}
    speaking |= speaking_bodies(text, people.mentions, lexicon)
    for key, (name, start, end, sentence) in people.bodies.items():
        if key in speaking:
            officials.append(
                Official(
                    key=key,
                    name=name,
                    kind="body",
                    aliases=(name,),
                    roles=(),
                    start=start,
                    end=end,
                    evidence=Evidence(
                        text[sentence.start : sentence.end], sentence.start, sentence.end
                    ),
                )
            )
    return officials

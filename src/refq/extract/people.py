"""Stage 2b: people, speaking bodies and pronouns mentioned in body text.

A person is found where the text gives a role with the name: a title before it ("Polish
Foreign Minister Anna Nowak"), an appositive after it ("Jan Kowal, a Moscow-backed
separatist leader"), a role then the name ("An official with X's campaign, Abas Noyan,"), or
where a full name is the subject of a reporting verb. Later surname-only mentions resolve to
the same person.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from refq.extract.lexicon import NAME_TOKEN, Lexicon
from refq.models import Role, Sentence
from refq.names import name_key, surname

MentionKind = Literal["person", "body", "pronoun"]

_ARTICLES = frozenset({"The", "A", "An", "In", "On", "At", "For", "With", "By", "From", "And"})
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
_TOKEN = re.compile(r"\S+")
# A name followed by a vote share is a candidate: "Maria Lenz has 48.2 percent".
_CANDIDATE = re.compile(
    r"\s+(?:has|had|won|received|secured|got|garnered|took)\s+"
    r"(?:about |nearly |almost |around |more than |over |some )?\d"
)
_SPACE = re.compile(r"\s+")
# A role, then the name: "An official with X's campaign, Abas Noyan,", "Otieno's chief agent,
# Brian Omondi, told", "The No campaign's director, Siobhán Keating of the ...".
_ROLE_BEFORE = re.compile(
    r"(?:^|(?<=[.;:]\s))(?:An?|The|Its|His|Her|Their|[A-Z][\w’'-]+['’]s)\s+([^,]{2,80}),\s+$"
)
_APPOSITIVE = re.compile(
    r",\s+((?:an?|the)\s+|[^,]{2,40}?['’]s\s+)?([^,.;\"“”]{2,100}?)(?=,|\.$|\s+(?:said|says|told))"
)
# Honorifics that open a transcript turn; courtesy titles give no role.
_TRANSCRIPT_LABEL = re.compile(
    r"(MR|MRS|MS|DR|AMBASSADOR|SECRETARY|SENATOR|GENERAL|PRESIDENT|MINISTER|SPOKESPERSON"
    r"|SPOKESMAN|SPOKESWOMAN|GOVERNOR|MAYOR|CHAIRMAN|CHAIRWOMAN|CHAIR)\.?\s+"
    r"([A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?):"
)
# "the"/"The" at a word start, its first letter read before the look-behind: `re` skips to the
# t's instead of trying the look-behind at every position.
_OFFICE = re.compile(r"[tT](?<![\w-][tT])he\s+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2})")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s$")  # "LGAs", "MPs": never part of a name
_POSSESSIVE = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN})*['’]s$")
_COMMA_OR_OF = re.compile(r",|\s+of\s")  # after a name: "X, ..." or "X of the ..."
_VERB_BEFORE = re.compile(r"(?:[,”\"’']\s*(?:said|says|added|told)|\b[Mm]y name is)\s+$")
_SPACE_CAPITAL = re.compile(r"\s+[A-Z]")
_HEAD_BREAK = re.compile(r"[\s'’]")


@dataclass(slots=True)
class Mention:
    kind: MentionKind
    start: int
    end: int
    surface: str
    key: str | None  # person or body key; None for a pronoun until it is resolved


@dataclass(slots=True)
class Person:
    key: str
    name: str
    start: int
    end: int
    sentence: Sentence
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    transcript_speaker: bool = False  # labels a turn in a transcript ("MR PRICE:")


@dataclass(slots=True)
class PeopleIndex:
    persons: dict[str, Person]
    mentions: list[Mention]  # persons, bodies and pronouns in text order
    bodies: dict[str, tuple[str, int, int, Sentence]]  # key -> (name, start, end, sentence)
    offices: dict[str, str]  # "role:..." key -> the office as written, for unnamed officeholders
    # Capitalized names of two to four words the article writes, by each word after the first.
    full_names: dict[str, set[str]] = field(default_factory=dict)


def written_as_place(text: str, word: str) -> bool:
    """Whether the article writes the word as a place: "in Lier", "from Lier"."""
    return re.search(rf"\b(?:in|at|from|near|across) {re.escape(word)}\b", text) is not None


def looks_like_person(name: str, lexicon: Lexicon, min_tokens: int = 1) -> bool:
    """Whether a capitalized phrase can be a person's name: not a place, not an organisation,
    no stop word or acronym in it."""
    return _valid_name(name, lexicon, min_tokens)


def _valid_name(name: str, lexicon: Lexicon, min_tokens: int = 1) -> bool:
    tokens = name.split()
    if len(tokens) < min_tokens or tokens[0] in lexicon.non_names:
        return False
    if name in lexicon.region_by_alias or tokens[-1] in lexicon.organisation_heads:
        return False  # "Georgian Unity", "Patriotic Bloc": parties and bodies, not people
    stops = lexicon.stop_capitals
    for token in tokens:
        if token in stops or token.isupper():
            return False
        if "A" <= token[1:2] <= "Z" and _PLURAL_ACRONYM.match(token):  # a second capital first
            return False
    return True


def _starts_with_role(phrase: str, lexicon: Lexicon) -> bool:
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first in lexicon.modifiers or bool(lexicon.title_pattern.match(phrase))


def _trim_name(name: str, lexicon: Lexicon) -> str:
    """Cut a captured name before the first word that cannot be part of one."""
    kept: list[str] = []
    for token in name.split():
        if token in lexicon.name_breakers and kept:
            break
        kept.append(token)
    return " ".join(kept)


def _role_start(text: str, title_start: int, floor: int, lexicon: Lexicon) -> int:
    """Extend a title leftwards over its modifiers: "former World Bank official"."""
    tokens = list(_TOKEN.finditer(text, floor, title_start))
    start = title_start
    for token in reversed(tokens[-4:]):
        word = token.group()
        if word.endswith((",", ";", ":", '"', "”")) or word in _ARTICLES:
            break
        capitalized = word[0].isupper() or ("-" in word and any(c.isupper() for c in word))
        if not (capitalized or word.lower() in lexicon.modifiers or _POSSESSIVE.match(word)):
            break
        if word.lower() == "the":
            break
        start = token.start()
    return start


def _names_in(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, str]]:
    """Capitalized runs cleaned into candidate names: leading titles, nationalities and
    acronyms dropped ("UN Secretary-General Ana Lima" -> "Ana Lima")."""
    found: list[tuple[int, str]] = []
    for run in lexicon.name_pattern.finditer(text, start, end):
        surface = run.group()
        if len(surface.split()) == 1:  # most runs, one word: the same steps, shorter
            if not (
                lexicon.title_pattern.match(surface)
                or surface in lexicon.non_names
                or surface.isupper()
            ):
                found.append((run.start(), surface))
            continue
        tokens = list(_TOKEN.finditer(surface))
        while tokens:
            head = tokens[0].group()
            title = lexicon.title_pattern.match(surface, tokens[0].start())
            if title:  # a title of several words: "Government Councillor"
                tokens = [t for t in tokens if t.start() >= title.end()]
            elif head in lexicon.non_names or head.isupper():
                tokens.pop(0)
            else:
                break
        # A title inside the run ends the words before it: "Greens Leader Rosalie Chen" (two
        # words at least after it).
        for index in range(len(tokens) - 3, 0, -1):
            inner = lexicon.title_pattern.match(surface, tokens[index].start())
            if inner and inner.end() == tokens[index].end():
                tokens = tokens[index + 1 :]
                break
        if not tokens:
            continue
        offset = run.start() + tokens[0].start()
        name = _trim_name(text[offset : run.start() + tokens[-1].end()], lexicon)
        found.append((offset, name))
    return found


class _Builder:
    def __init__(self, text: str, lexicon: Lexicon, body: list[Sentence]) -> None:
        self.text = text
        self.lexicon = lexicon
        self.persons: dict[str, Person] = {}
        # Full names the article writes anywhere, by each word after the first: a surname
        # alone as a speaker ("Ortega said", "Huamán told supporters") is the one full name
        # with it ("Luis Ortega", "Javier Huamán Ccori"), placed where that name is written.
        self.full_names: dict[str, set[str]] = {}
        self.particles = {p.lower() for p in lexicon.knowledge.name_particles}
        self._places: dict[str, bool] = {}
        self.written: dict[str, tuple[int, Sentence]] = {}
        self.with_titles: set[int] = set()  # starts of the sentences that write a title
        # Titles are found faster in ASCII text lowered (str.lower() keeps every offset).
        self.lowered = text.lower() if text.isascii() else None
        self.names: dict[int, list[tuple[int, str]]] = {
            sentence.start: _names_in(text, sentence.start, sentence.end, lexicon)
            for sentence in body
        }
        for sentence in body:
            for offset, name in self.names[sentence.start]:
                if 2 <= len(name.split()) <= 4 and _valid_name(name, lexicon, min_tokens=2):
                    self.written.setdefault(name, (offset, sentence))
                    for token in name.split()[1:]:
                        self.full_names.setdefault(token, set()).add(name)

    def full_name(self, name: str) -> str:
        """The one fuller name an article gives for a surname, or the name as it is: "Ortega"
        for "Luis Ortega", "Ní Bhriain" for "Siobhán Ní Bhriain" (a surname of two words)."""
        words = name.split()
        if len(words) == 1:
            owners = self.full_names.get(name, set())
            if owners and self.named_as_place(name):
                owners = set()  # "in Lier": the town, not the surname of "Open Lier"
        elif len(words) <= 3 and words[0].lower() in self.particles:
            owners = {n for n in self.full_names.get(words[-1], set()) if n.endswith(" " + name)}
        else:
            owners = set()
        return next(iter(owners)) if len(owners) == 1 else name

    def named_as_place(self, word: str) -> bool:
        """Whether the article writes the word as a place: "in Lier", "from Lier"."""
        if word not in self._places:
            self._places[word] = written_as_place(self.text, word)
        return self._places[word]

    def add(self, name: str, start: int, sentence: Sentence, role: Role | None) -> None:
        key = name_key(name)
        if not key:
            return
        person = self.persons.get(key)
        if person is None:
            person = Person(key, name, start, start + len(name), sentence)
            self.persons[key] = person
        if name not in person.aliases:
            person.aliases.append(name)
        if role and all(r.title.casefold() != role.title.casefold() for r in person.roles):
            person.roles.append(role)

    def titled(self, sentence: Sentence) -> None:
        """Title then name: "UN Secretary-General Ana Lima"."""
        text, lex = self.text, self.lexicon
        for title in self.titles(sentence):
            self.with_titles.add(sentence.start)
            gap = _SPACE.match(text, title.end(), sentence.end)
            if not gap:
                continue
            found = lex.name_pattern.match(text, gap.end(), sentence.end)
            if not found:
                continue
            name_start, title_end = found.start(), title.end()
            # "Chief Counting Officer Fiona Grant": the title runs on inside the capitalized
            # run; the name starts after the last title word in it.
            inner = list(lex.title_pattern.finditer(text, found.start(), found.end()))
            if inner and inner[-1].end() < found.end():
                gap = _SPACE.match(text, inner[-1].end(), found.end())
                if gap is None:
                    continue
                name_start, title_end = gap.end(), inner[-1].end()
            name = _trim_name(text[name_start : found.end()], lex)
            if not _valid_name(name, lex):
                continue
            role_start = _role_start(text, title.start(), sentence.start, lex)
            role = Role(text[role_start:title_end], role_start, title_end)
            self.add(name, name_start, sentence, role)

    def titles(self, sentence: Sentence) -> Iterator[re.Match[str]]:
        """lexicon.title_pattern.finditer over the sentence (matched in the lowered text when
        that is the same and faster: only the offsets of these matches are read)."""
        lowercase = self.lexicon.title_in_lowercase
        if self.lowered is not None and lowercase is not None:
            return lowercase.finditer(self.lowered, sentence.start, sentence.end)
        return self.lexicon.title_pattern.finditer(self.text, sentence.start, sentence.end)

    def courtesy(self, sentence: Sentence) -> None:
        text, lex = self.text, self.lexicon
        # A courtesy title makes the name after it a person's, with no role: "Mr Tebogo
        # Mahlangu", "Prof. Nilüfer Arslan", "Alhaji Musa Bello Danbatta".
        if not lex.courtesy_cue.search(text, sentence.start, sentence.end):
            return
        for title in lex.courtesy_name.finditer(text, sentence.start, sentence.end):
            found = lex.name_pattern.match(text, title.end(), sentence.end)
            if found is None:
                continue
            name = _trim_name(found.group(), lex)
            if _valid_name(name, lex, min_tokens=2) and name_key(name) not in self.persons:
                self.add(name, found.start(), sentence, None)

    def appositive(self, sentence: Sentence) -> None:
        """Name then role: "Jan Kowal, a Moscow-backed separatist leader in Odesa,"."""
        text, lex = self.text, self.lexicon
        for name_start, surface in self.names[sentence.start]:
            name_end = name_start + len(surface)
            name = self.full_name(surface)
            if not _valid_name(name, lex, min_tokens=2):
                continue
            tail = _APPOSITIVE.match(text, name_end, sentence.end)
            if tail and not tail.group(1) and not _starts_with_role(tail.group(2), lex):
                tail = None  # a bare appositive must open with its role: "X, deputy leader of"
            if tail and (
                lex.title_pattern.search(tail.group(2))
                or (tail.group(1) and lex.people_noun.search(tail.group(2)))
            ):
                lead = tail.group(1) or ""
                role_start = tail.start(2)
                if lead and lead.strip().lower() not in {"a", "an", "the"}:
                    role_start = tail.start(1)  # keep a possessive: "X's first deputy"
                role = Role(text[role_start : tail.end(2)], role_start, tail.end(2))
                self.add(name, name_start, sentence, role)
                continue
            head = _ROLE_BEFORE.search(text[sentence.start : name_start])
            if head and _COMMA_OR_OF.match(text[name_end : name_end + 4]):
                role_text = head.group(1)
                if lex.title_pattern.search(role_text):
                    role_start = sentence.start + head.start(1)
                    role = Role(role_text, role_start, role_start + len(role_text))
                    self.add(name, name_start, sentence, role)

    def transcript_turn(self, sentence: Sentence) -> None:
        """A transcript's speaker label: "AMBASSADOR THOMAS-GREENFIELD:", "MR PRICE:"."""
        label = _TRANSCRIPT_LABEL.match(self.text, sentence.start, sentence.end)
        if not label:
            return
        honorific, name = label.group(1), label.group(2)
        if honorific.rstrip(".").title() in self.lexicon.honorifics:  # "MR": no role
            role = None
        else:
            role = Role(honorific, label.start(1), label.end(1))
        self.add(name.title(), label.start(2), sentence, role)
        self.persons[name_key(name)].transcript_speaker = True

    def speakers(self, sentence: Sentence) -> None:
        """A full name as the subject of a reporting verb: "Sergey Kiriyenko said"."""
        text, lex = self.text, self.lexicon
        for name_start, name in self.names[sentence.start]:
            name_end = name_start + len(name)
            name = self.full_name(name)
            if not _valid_name(name, lex, min_tokens=2) or name_key(name) in self.persons:
                continue
            at, where = self.written.get(name, (name_start, sentence))
            after = text[name_end : min(name_end + 40, sentence.end)]
            before = text[max(sentence.start, name_start - 14) : name_start]
            verb_after = lex.speech_pattern.match(after.lstrip()) or _CANDIDATE.match(after)
            verb_before = _VERB_BEFORE.search(before)
            if verb_after or verb_before:
                self.add(name, at, where, None)


def find_people(text: str, sentences: list[Sentence], lexicon: Lexicon) -> PeopleIndex:
    body = [s for s in sentences if not s.chrome]
    builder = _Builder(text, lexicon, body)
    for sentence in body:
        builder.titled(sentence)
        builder.courtesy(sentence)
    for sentence in body:
        builder.appositive(sentence)
        builder.speakers(sentence)
        builder.transcript_turn(sentence)
    persons = _merge_surnames(builder.persons)
    mentions = _person_mentions(text, body, persons, lexicon)
    roles = [(r.start, r.end) for p in persons.values() for r in p.roles]
    taken = [(m.start, m.end) for m in mentions] + roles
    bodies: dict[str, tuple[str, int, int, Sentence]] = {}
    offices: dict[str, str] = {}
    for sentence in body:
        titled = sentence.start in builder.with_titles
        for mention in _bodies_and_offices(text, sentence, lexicon, titled):
            if any(s < mention.end and mention.start < e for s, e in taken):
                continue
            taken.append((mention.start, mention.end))
            mentions.append(mention)
            if mention.kind == "body":
                bodies.setdefault(
                    mention.key or "", (mention.surface, mention.start, mention.end, sentence)
                )
            else:
                offices.setdefault(mention.key or "", mention.surface)
        for mention in _unnamed_people(text, sentence, lexicon):
            inside = [m for m in mentions if mention.start <= m.start and m.end <= mention.end]
            if any(s < mention.end and mention.start < e for s, e in taken) and not inside:
                continue
            if any(
                m.kind == "person" and _APPOSITION_GAP.fullmatch(text, m.end, mention.start)
                for m in mentions
            ):
                continue  # "Dr Hanna Wróbel, a political scientist at ...": her role
            # A place in the phrase read as a name ("a fruit seller in Cerro Colorado said")
            # is the phrase's: the phrase is the speaker.
            for swallowed in inside:
                mentions.remove(swallowed)
                _drop_if_unanchored(persons, swallowed, mentions)
            taken.append((mention.start, mention.end))
            mentions.append(mention)
            offices.setdefault(mention.key or "", mention.surface)
        for found in lexicon.pronoun_pattern.finditer(text, sentence.start, sentence.end):
            mentions.append(Mention("pronoun", found.start(), found.end(), found.group(), None))
        if bodies:  # a reference needs a body named before it
            mentions += _body_references(text, sentence, mentions, lexicon)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return PeopleIndex(persons, mentions, bodies, offices, builder.full_names)


def _bodies_and_offices(
    text: str, sentence: Sentence, lexicon: Lexicon, titled: bool
) -> list[Mention]:
    """Named bodies ("the British Ministry of Defense") and offices named without a holder
    ("the Secretary-General", "the White House Press Secretary"): an office is a person.
    `titled`: whether the sentence writes a title, which an office needs."""
    found: list[Mention] = []
    if lexicon.body_cue.search(text, sentence.start, sentence.end):
        found += _bodies(text, sentence, lexicon)
    if not titled:
        return found
    for match in _OFFICE.finditer(text, sentence.start, sentence.end):
        title = lexicon.title_pattern.fullmatch(match.group(1))
        followed_by_name = _SPACE_CAPITAL.match(text[match.end() : match.end() + 2])
        if title and match.group(1)[0].isupper() and not followed_by_name:
            found.append(_office(text, match.start(1), match.end(1)))
    return found


def _bodies(text: str, sentence: Sentence, lexicon: Lexicon) -> list[Mention]:
    found: list[Mention] = []
    for match in lexicon.body_pattern.finditer(text, sentence.start, sentence.end):
        end = match.end()
        stripped = _LEADING_ARTICLE.sub("", match.group())
        start = end - len(stripped)
        gap = _SPACE.match(text, end, sentence.end)
        title = gap and lexicon.title_pattern.match(text, gap.end(), sentence.end)
        if title and title.group()[0].isupper():
            found.append(_office(text, start, title.end()))
        else:
            found.append(Mention("body", start, end, stripped, name_key(stripped)))
    return found


_APPOSITION_GAP = re.compile(r"\s*,\s*")


# Between a body and its verb: an aside ("the commission, which met on Monday, said") or a time.
_BEFORE_VERB = re.compile(r"(?:\s*,[^,;]{1,80},)?(?:\s+(?:on|late on|early on)\s+\w+day)?\s+")


def speaking_bodies(text: str, mentions: list[Mention], lexicon: Lexicon) -> set[str]:
    """Keys of the bodies that speak in the text, quoted or not: "the Supreme Election
    Council said on Monday that ...", "the commission announced". A body only named is not,
    nor a news agency the story cites."""
    found: set[str] = set()
    for mention in mentions:
        if mention.kind != "body" or not mention.key or mention.key in found:
            continue
        if mention.surface in lexicon.agency_by_alias:
            continue  # "RIA said": a news agency reporting is a source (cites), not an official
        gap = _BEFORE_VERB.match(text, mention.end)
        if gap and lexicon.speech_pattern.match(text, gap.end()):
            found.add(mention.key)
    return found


def _unnamed_people(text: str, sentence: Sentence, lexicon: Lexicon) -> list[Mention]:
    """People a story quotes without a name: "A 34-year-old software developer in Almaty"
    -> the speaker "a software developer in Almaty" (the age describes, it does not name)."""
    found: list[Mention] = []
    for match in lexicon.unnamed_person.finditer(text, sentence.start, sentence.end):
        phrase = match.group()
        if match["age"]:
            cut = match.start("age") - match.start()
            phrase = phrase[:cut] + phrase[cut + len(match["age"]) :]
        phrase = phrase[0].lower() + phrase[1:]
        found.append(
            Mention("person", match.start(), match.end(), phrase, "role:" + name_key(phrase))
        )
    return found


def _drop_if_unanchored(
    persons: dict[str, Person], mention: Mention, mentions: list[Mention]
) -> None:
    """Forget a person whose only evidence was a mention now read as part of a phrase."""
    person = persons.get(mention.key or "")
    if person is None or person.roles:
        return
    if not any(m.key == person.key for m in mentions):
        del persons[person.key]


def _body_references(
    text: str, sentence: Sentence, mentions: list[Mention], lexicon: Lexicon
) -> list[Mention]:
    """ "the commission said" after "the Central Election Commission": a lowercase head noun
    refers to the last body named with that head."""
    found: list[Mention] = []
    for match in lexicon.body_reference.finditer(text, sentence.start, sentence.end):
        head = match.group(1).casefold()
        for earlier in reversed(mentions):
            if earlier.start >= match.start():
                continue
            if earlier.kind == "body" and earlier.surface.casefold().split()[-1] == head:
                found.append(
                    Mention("body", match.start(), match.end(), match.group(), earlier.key)
                )
                break
    return found


def _office(text: str, start: int, end: int) -> Mention:
    surface = text[start:end]
    return Mention("person", start, end, surface, "role:" + name_key(surface))


def _merge_surnames(persons: dict[str, Person]) -> dict[str, Person]:
    """ "President Obama" after "President Barack Obama" is the same person: a shorter name
    that ends exactly one fuller name in the article joins that person."""
    kept: dict[str, Person] = {}
    for key, person in persons.items():
        owners = [p for k, p in persons.items() if k != key and k.endswith(" " + key)]
        if len(owners) != 1:
            kept[key] = person
            continue
        owner = owners[0]
        owner.aliases += [a for a in person.aliases if a not in owner.aliases]
        titles = {r.title.casefold() for r in owner.roles}
        owner.roles += [r for r in person.roles if r.title.casefold() not in titles]
        if person.start < owner.start:
            owner.start, owner.end, owner.sentence = person.start, person.end, person.sentence
    return kept


def _person_mentions(
    text: str, body: list[Sentence], persons: dict[str, Person], lexicon: Lexicon
) -> list[Mention]:
    """Every full-name or surname-only mention of a known person. A surname shared by two
    people in one article is left unresolved rather than guessed."""
    owner: dict[str, str | None] = {}
    for person in persons.values():
        for alias in person.aliases:
            owner[alias] = person.key
            last = surname(alias)
            # "de Vries" opens a sentence as "De Vries". A name of three words may be cited
            # by its middle one too: "Cavalcanti" for Renato Cavalcanti Lobo.
            forms = {last, last[:1].upper() + last[1:]}
            words = alias.split()
            if len(words) == 3 and words[1][:1].isupper() and len(words[1]) > 2:
                forms.add(words[1])
            for form in forms:
                previous = owner.get(form, person.key)
                owner[form] = person.key if previous == person.key else None
    # Names by their first word, longest first. Each first word is looked for with str.find
    # (a handful per article): cheaper than a regex over every word of the text.
    by_head: dict[str, list[str]] = {}
    for alias, key in owner.items():
        if key is not None:
            by_head.setdefault(_HEAD_BREAK.split(alias, maxsplit=1)[0], []).append(alias)
    for group in by_head.values():
        group.sort(key=len, reverse=True)
    ends = [s.end for s in body]
    found: list[tuple[int, int, str]] = []  # (start, -length, alias): leftmost, then longest
    for head, aliases in by_head.items():
        if not head:
            continue
        at = text.find(head)
        while at >= 0:
            if at == 0 or not _joins_word(text[at - 1]):
                index = bisect.bisect_right(ends, at)
                if index < len(body) and body[index].start <= at:
                    written = _alias_at(text, at, body[index].end, aliases)
                    if written is not None:
                        found.append((at, -len(written), written))
            at = text.find(head, at + 1)
    found.sort()
    mentions: list[Mention] = []
    position = 0
    for start, _, alias in found:
        if start < position:
            continue
        key = owner[alias]
        assert key is not None
        mentions.append(Mention("person", start, start + len(alias), alias, key))
        if alias not in persons[key].aliases:
            persons[key].aliases.append(alias)
        position = start + len(alias)
    return mentions


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in "_'’-"


def _alias_at(text: str, at: int, limit: int, aliases: list[str]) -> str | None:
    """The longest alias written at `at` that ends on a word boundary before `limit`."""
    for alias in aliases:
        end = at + len(alias)
        if end > limit or not text.startswith(alias, at):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in "-_"):
            continue
        return alias
    return None

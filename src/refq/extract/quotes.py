"""Stage 3b: statements. Direct quotations with their speaker, channel and date, and reported
speech ("Smith urged the commission to ...") with its content span.

Attribution follows the sentence's grammar as far as patterns can: the subject of the
reporting verb that governs the quotation, before it (`X said: "..."`, `X called it a
"sham"`) or after it (`"...," X said`), with a parenthetical after the subject skipped, a
coordinated verb ("... and added that") given the subject of its clause, and "he"/"she"
resolved to the last person named outside a quotation. Short quoted words with no reporting
verb governing them are scare quotes, not statements.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from refq.extract.dates import date_at
from refq.extract.lexicon import Lexicon
from refq.extract.people import Mention, looks_like_person
from refq.models import DatedPhrase, Evidence, Sentence, Statement
from refq.names import name_key


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    open: int  # the opening mark
    inner_start: int
    inner_end: int
    close: int  # the closing mark, or the paragraph end when the quote runs on


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    key: str | None
    surface: str
    kind: str  # person, body, phrase


_AUXILIARY = re.compile(
    r"\s+(?:has|have|had|also|was|were|is|are|would|will|previously|repeatedly|earlier|"
    r"later|then|on|in|at|during)\b.*$"
)
# "that" after a non-word character is `\bthat`; written as a literal first, `re` skips to it.
_CLAUSE_OPENER = re.compile(r"(?:,\s+(?:which|who|whom)\s+|that(?<!\wthat)\s+|;\s+)")
_SCARE_BEFORE = re.compile(r"(?:so-called|\w+-(?:staged|backed|organized|organised|style))\s*$")
_CONTENT_END = re.compile(
    r",[\"”]?\s+(?=(?:reminded|accused|adding|insisting|warning)\b)|,?\s+and\s+(?:said|added|told|urged|warned|claimed|stated|insisted|noted|stressed)\b"
    r"|,\s+(?:which|who)\b|;|,\s+according to\b|,\s+citing\b|,\s+(?:he|she|they)\s+said\b"
)
_ADVERBIAL = (
    r"on|in|at|to|during|after|before|earlier|later|via|through|from|with|while|when|of|as"
    r"|for|by|about|late|last|this|yesterday|today|again|also|repeatedly|previously"
)
# Words that cannot open a reported clause right after the verb: "said on Telegram.",
# "claimed were meant to" (the subject was moved away by a relative clause).
_CONTENT_START_BAD = re.compile(
    rf"(?:{_ADVERBIAL}|it|was|were|is|are|had|has|have|would|will|could|can|did|does"
    r"|[:,.\"“”])(?:\b|(?<=[:,.\"“”]))",
    re.IGNORECASE,
)
_GAP_OK = re.compile(
    rf"^(?:(?:{_ADVERBIAL})\b|(?:him|her|them|reporters|journalists|lawmakers)\b)", re.I
)
_THAT = re.compile(r"that(?<!\wthat)\s+")  # `\bthat\s+`, the literal first
_OBJECT_VERBS = frozenset({"urged", "urges", "told", "tells", "asked", "called on"})
_CURLY_QUOTE = re.compile(r"“([^“”]*)(”|$)")
_STRAIGHT_MARK = re.compile('"')
_ENDS_WITH_AND = re.compile(r"(?:^|\s)and\s+$")
_PARTICIPLE_GAP = re.compile(r"(?:\s+[^,.;]{1,40})?\s*,\s*")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_CLAUSE_MARK = re.compile(r"[,.;]")
_ADVERB = re.compile(r"\s+\w+ly\s+")
_NOT_WORD = re.compile(r"[^\w\s-]")
_SINGLE_QUOTED_LABEL = re.compile(r"[‘'](\w[\w -]{0,30}\w)[’']")
_SO_CALLED = re.compile(r"\bso-called\s+([\w-]+)", re.I)
_CALLED = re.compile(r"-(?i:called)")  # in every _SO_CALLED match; `re` skips to the hyphens
_ENDS_LIKE_ATTRIBUTED = re.compile(r"[,?!]\s*$")  # `"...,"` / `"...?"`: a speaker follows
_SENTENCE_MARK = re.compile(r"[.;:!?]")
_QUOTE_OR_COMMA = re.compile(r"[\"“”,]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    for start, end in paragraphs:
        for match in _CURLY_QUOTE.finditer(text[start:end]):
            open_at = start + match.start()
            close_at = start + match.end(1)
            spans.append(QuoteSpan(open_at, open_at + 1, close_at, close_at))
        spans += _single_quoted(text, start, end)
        marks = [start + m.start() for m in _STRAIGHT_MARK.finditer(text[start:end])]
        for i in range(0, len(marks), 2):
            open_at = marks[i]
            close_at = marks[i + 1] if i + 1 < len(marks) else end
            spans.append(QuoteSpan(open_at, open_at + 1, close_at, close_at))
    spans.sort(key=lambda q: q.open)
    return [q for q in spans if text[q.inner_start : q.inner_end].strip()]


# British style sets speech in single quotes: an opening ‘ after a space or punctuation, closed
# by the first ’ that is not an apostrophe inside a word (didn’t, Ireland’s). Typed text uses
# the straight ' for both; an opening one must be followed by a letter ('Reruns ...').
# Each style: the opening mark, what must follow it, and its closing pattern. The opening
# mark is found with str.find and its left side checked by hand: a look-behind at the head
# of a regex is tried at every position of the paragraph.
_SINGLE_STYLES = (
    ("‘", None, re.compile(r"’(?![^\W\d_])")),
    ("'", re.compile(r"[^\W\d_]"), re.compile(r"(?<=\S)'(?![^\W\d_])")),
)
_OPEN_AFTER = frozenset(" \t\n([:—–-")


def _single_quoted(text: str, start: int, end: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    for mark, followed_by, closer in _SINGLE_STYLES:
        position = start
        while (at := text.find(mark, position, end)) >= 0:
            position = at + 1
            if at > start and text[at - 1] not in _OPEN_AFTER:
                continue  # an apostrophe: "didn't", "Ireland's"
            if followed_by is not None and not followed_by.match(text, at + 1, end):
                continue
            closing = closer.search(text, at + 1, end)
            close_at = closing.start() if closing else end
            spans.append(QuoteSpan(at, at + 1, close_at, close_at))
            position = close_at + 1
    return spans


class _Attributor:
    def __init__(
        self,
        text: str,
        mentions: list[Mention],
        quotes: list[QuoteSpan],
        names: dict[str, str],
        lexicon: Lexicon,
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.names = names
        self.quotes = quotes
        self.mentions = [m for m in mentions if not self.in_quote(m.start)]
        self.starts = [m.start for m in self.mentions]
        self.channels: dict[tuple[int, int], str | None] = {}

    def channel(self, sentence: Sentence) -> str | None:
        """The channel a sentence names outside quotations, once per sentence: statements
        (a quotation, the reported speech around it) often share one."""
        key = (sentence.start, sentence.end)
        if key not in self.channels:
            self.channels[key] = _channel(self.text, sentence, self.quotes, self.lexicon)
        return self.channels[key]

    def in_quote(self, pos: int) -> bool:
        return any(q.inner_start <= pos < q.inner_end for q in self.quotes)

    def speaker_of(self, mention: Mention) -> Speaker | None:
        if mention.kind == "pronoun":
            return self.antecedent(mention)
        key = mention.key
        name = self.names.get(key or "", mention.surface)
        return Speaker(name, key, mention.surface, mention.kind)

    def antecedent(self, pronoun: Mention) -> Speaker | None:
        wanted = "person" if pronoun.surface in self.lexicon.person_pronouns else "body"
        index = bisect.bisect_left(self.starts, pronoun.start)
        for mention in reversed(self.mentions[:index]):
            if mention.kind == wanted:
                name = self.names.get(mention.key or "", mention.surface)
                return Speaker(name, mention.key, pronoun.surface, mention.kind)
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def subject(self, sentence: Sentence, verb_start: int) -> Speaker | None:
        """The subject of the reporting verb at `verb_start`."""
        text = self.text
        floor = sentence.start
        for opener in _CLAUSE_OPENER.finditer(text, sentence.start, verb_start):
            if self.in_quote(opener.start()):
                continue
            relative = opener.group().lstrip(", ").startswith(("who", "which", "whom"))
            if relative and text[opener.end() : verb_start].rstrip().endswith(","):
                continue  # "X, who sided with Y, wrote": the relative clause is an aside
            floor = opener.end()
        before = text[floor:verb_start]
        if _ENDS_WITH_AND.search(before):
            # A coordinated verb shares the subject of its clause: "he spoke ... and told him".
            candidates = self.mentions_in(floor, verb_start)
            return self.speaker_of(candidates[0]) if candidates else None
        cut = verb_start
        stripped = before.rstrip()
        if stripped.endswith(","):
            inner = stripped[:-1].rfind(",")
            if inner > 0:
                cut = floor + inner  # skip "X, a separatist leader in Y, said"
                # ... unless the aside is the name: "An official with X's campaign, Abas Noyan,"
                named = self.aside_name(stripped[inner + 1 : -1].strip(), cut, verb_start)
                if named is not None:
                    return named
        candidates = self.mentions_in(floor, cut)
        if candidates:
            return self.speaker_of(candidates[-1])
        phrase = text[floor:cut].strip().rstrip(",").split(", ")[-1]
        phrase = _AUXILIARY.sub("", phrase).strip()
        if phrase and len(phrase.split()) <= 6 and (phrase[0].isupper() or phrase[:4] == "the "):
            return Speaker(phrase, None, phrase, "phrase")
        return None

    def aside_name(self, aside: str, start: int, end: int) -> Speaker | None:
        """The name in apposition after a role: "An official with X's campaign, Abas Noyan,
        said", "Its co-leader, Udo Brenner, called", "the court's president, Judge Alberto
        Fagundes Neto, said". Not a role after a name ("X, leader of the Yes campaign,")."""
        title = self.lexicon.title_pattern.match(aside)
        bare = aside[title.end() :].strip() if title else aside
        mentions = self.mentions_in(start, end)
        if mentions:
            first = mentions[0]
            named = first.kind == "person" and not (first.key or "").startswith("role:")
            if named and (aside.startswith(first.surface) or bare.startswith(first.surface)):
                return self.speaker_of(first)
            return None
        particles = self.lexicon.knowledge.name_particles
        words = bare.split()
        if (
            2 <= len(words) <= 5
            and all(w[0].isupper() or w in particles for w in words)
            and looks_like_person(bare, self.lexicon, 2)
        ):
            return Speaker(bare, name_key(bare), bare, "person")
        return None

    def participle_subject(self, sentence: Sentence, verb_start: int) -> Speaker | None:
        """Who speaks in `X said, adding that ...` / `said X, adding ...`: the speaker of the
        reporting verb the participle follows."""
        text = self.text
        verbs = [
            v
            for v in self.lexicon.speech_pattern.finditer(text, sentence.start, verb_start)
            if not self.in_quote(v.start())
        ]
        if not verbs or not _PARTICIPLE_GAP.fullmatch(text[verbs[-1].end() : verb_start]):
            return None
        last = verbs[-1]
        after = self.mentions_in(last.end(), verb_start)  # "said Ruiz, adding"
        if after:
            return self.speaker_of(after[0])
        before = self.mentions_in(max(sentence.start, last.start() - 60), last.start())
        return self.speaker_of(before[-1]) if before else None

    def speaker_after(self, sentence: Sentence, pos: int) -> Speaker | None:
        """`"...," X said` or `"...," said X`."""
        text, lex = self.text, self.lexicon
        gap = _COMMA_GAP.match(text, pos, sentence.end)
        at = gap.end() if gap else pos
        verb = lex.speech_pattern.match(text, at, sentence.end)
        if verb:
            following = self.mentions_in(verb.end(), min(sentence.end, verb.end() + 60))
            return self.speaker_of(following[0]) if following else None
        for mention in self.mentions_in(at, min(sentence.end, at + 80)):
            # The name may come with its role first: `"...," Foreign Minister X said`.
            lead = text[at : mention.start]
            if mention.start > at + 2 and not (
                len(lead) < 60 and lex.title_pattern.search(lead) and not _CLAUSE_MARK.search(lead)
            ):
                break
            tail = text[mention.end : min(sentence.end, mention.end + 30)]
            if lex.speech_pattern.match(tail.lstrip()) or (
                _ADVERB.match(tail) and lex.speech_pattern.search(tail)
            ):
                return self.speaker_of(mention)
        return None


def _channel(
    text: str, sentence: Sentence, quotes: list[QuoteSpan], lexicon: Lexicon
) -> str | None:
    outside = text[sentence.start : sentence.end]
    if any(q.inner_start < sentence.end and sentence.start < q.inner_end for q in quotes):
        chars = list(outside)
        for quote in quotes:
            for i in range(
                max(quote.inner_start, sentence.start), min(quote.inner_end, sentence.end)
            ):
                chars[i - sentence.start] = " "
        outside = "".join(chars)
    if not lexicon.any_channel.search(outside):
        return None
    for name, pattern in lexicon.channels:
        if pattern.search(outside):
            return name
    return None


def _norm(quoted: str) -> str:
    return _NOT_WORD.sub("", quoted).strip().casefold()


def label_words(text: str, quotes: list[QuoteSpan], naming_governed: set[str]) -> set[str]:
    """Short quoted expressions the article uses as labels, not as anyone's words: repeated in
    quotation marks, set in single quotes, or called "so-called X" (`"referendums"`). A word
    that some speaker is said to have called something ("a "sham"") is never a label."""
    counts: dict[str, int] = {}
    for quote in quotes:
        inner = _norm(text[quote.inner_start : quote.inner_end])
        if inner and len(inner.split()) <= 2:
            counts[inner] = counts.get(inner, 0) + 1
    labels = {word for word, count in counts.items() if count >= 2}
    labels |= {_norm(m.group(1)) for m in _SINGLE_QUOTED_LABEL.finditer(text)}
    if _CALLED.search(text):
        labels |= {_norm(m.group(1)) for m in _SO_CALLED.finditer(text)}
    return labels - naming_governed


@dataclass(frozen=True, slots=True)
class _Found:
    statement: Statement
    continues: bool  # `"...," he added` / a paragraph that carries a quotation on


class _QuoteReader:
    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        attributor: _Attributor,
        dates: list[DatedPhrase],
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.attributor = attributor
        self.quotes = attributor.quotes
        self.dates = dates
        self.lexicon = attributor.lexicon
        self.last_verbs: dict[tuple[int, int], tuple[int, int, bool] | None] = {}
        governed = set()
        for quote in self.quotes:
            verb = self.governing_verb(self.sentence_at(quote.open), quote, 3)
            if verb and verb[2]:
                governed.add(_norm(text[quote.inner_start : quote.inner_end]))
        self.labels = label_words(text, self.quotes, governed)

    def sentence_at(self, pos: int) -> Sentence:
        return self.sentences[max(0, bisect.bisect_right(self.starts, pos) - 1)]

    def governing_verb(
        self, sentence: Sentence, quote: QuoteSpan, words: int
    ) -> tuple[int, int, bool] | None:
        """The last speech or naming verb before the quotation, outside other quotations;
        short quotations need it close by, as in `called the votes a "sham"`."""
        key = (sentence.start, quote.open)
        if key not in self.last_verbs:  # asked for each quotation twice: labels, then reading
            self.last_verbs[key] = self.last_verb(sentence, quote)
        found = self.last_verbs[key]
        if found is None:
            return None
        distance = len(self.text[found[1] : quote.open].split())
        if words <= 3 and distance > 14:
            return None
        return found

    def last_verb(self, sentence: Sentence, quote: QuoteSpan) -> tuple[int, int, bool] | None:
        lex = self.lexicon
        found: tuple[int, int, bool] | None = None
        for pattern, naming in ((lex.speech_pattern, False), (lex.naming_pattern, True)):
            for verb in pattern.finditer(self.text, sentence.start, quote.open):
                if self.attributor.in_quote(verb.start()):
                    continue
                if found is None or verb.start() > found[0]:
                    found = (verb.start(), verb.end(), naming)
        return found

    def block_speaker(self, quote: QuoteSpan) -> Speaker | None:
        """A quotation opening a paragraph after `X said:` at the end of the one before."""
        before = self.text[: quote.open].rstrip()
        if not before.endswith(":"):
            return None
        sentence = self.sentence_at(len(before) - 1)
        verbs = list(self.lexicon.speech_pattern.finditer(self.text, sentence.start, len(before)))
        if not verbs:
            return None
        return self.attributor.subject(sentence, verbs[-1].start())

    def colon_speaker(self, sentence: Sentence, quote: QuoteSpan) -> Speaker | None:
        """A quotation introduced by a colon with no reporting verb: the sentence's subject
        speaks ("Rana put it bluntly: ...", "The voivode, X, was terse: ...")."""
        before = self.text[sentence.start : quote.open].rstrip()
        if not before.endswith(":"):
            return None
        for mention in self.attributor.mentions_in(sentence.start, sentence.start + len(before)):
            if mention.kind in {"person", "body", "pronoun"}:
                return self.attributor.speaker_of(mention)
        return None

    def runs_on_before(self, quote: QuoteSpan) -> bool:
        """Whether the quotation before this one ran to its paragraph's end unclosed: news
        style repeats the opening mark on each paragraph of a long quotation."""
        earlier = [q for q in self.quotes if q.close <= quote.open]
        if not earlier:
            return False
        previous = earlier[-1]
        return self.text[previous.close : previous.close + 1] not in {'"', "”", "’"}

    def last_person_before(self, pos: int) -> Speaker | None:
        """A quotation standing alone as a paragraph belongs to the person the story has just
        named (within a few lines), as news convention has it."""
        candidates = self.attributor.mentions_in(max(0, pos - 500), pos)
        for mention in reversed(candidates):
            if mention.kind == "person":
                return self.attributor.speaker_of(mention)
        return None

    def read(self, quote: QuoteSpan) -> _Found | None:
        text, lex = self.text, self.lexicon
        sentence = self.sentence_at(quote.open)
        if sentence.chrome:
            return None
        inner = text[quote.inner_start : quote.inner_end]
        words = len(inner.split())
        last = self.sentence_at(max(quote.inner_end - 1, quote.inner_start))
        end_sentence = last if last.end >= sentence.end else sentence
        speaker: Speaker | None = None
        continues = False
        if _ENDS_LIKE_ATTRIBUTED.search(inner) or text[quote.close + 1 : quote.close + 2] == ",":
            speaker = self.attributor.speaker_after(end_sentence, quote.close + 1)
            if speaker:
                after = lex.speech_pattern.search(text, quote.close + 1, end_sentence.end)
                continues = bool(after and after.group() in {"added", "adds", "continued"})
        if speaker is None:
            governing = self.governing_verb(sentence, quote, words)
            if governing is not None:
                verb_start, _, naming = governing
                scare = _SCARE_BEFORE.search(text[sentence.start : quote.open]) and words <= 3
                label = not naming and words <= 2 and _norm(inner) in self.labels
                if scare or label:
                    return None
                speaker = self.attributor.subject(sentence, verb_start)
        if speaker is None and quote.open > sentence.start:
            speaker = self.colon_speaker(sentence, quote)
        if speaker is None and quote.open == sentence.start:
            speaker = self.block_speaker(quote)
            if speaker is None and self.runs_on_before(quote):
                continues = True
            elif speaker is None:
                speaker = self.last_person_before(quote.open)
        if speaker is None and not continues:
            return None
        evidence = Evidence(
            text[sentence.start : end_sentence.end], sentence.start, end_sentence.end
        )
        outside = [d for d in self.dates if not quote.inner_start <= d.start < quote.inner_end]
        statement = Statement(
            kind="direct",
            speaker=speaker.name if speaker else None,
            speaker_key=speaker.key if speaker else None,
            speaker_surface=speaker.surface if speaker else None,
            text=inner,
            start=quote.inner_start,
            end=quote.inner_end,
            channel=self.attributor.channel(sentence),
            date=date_at(outside, sentence.start, end_sentence.end),
            evidence=evidence,
        )
        return _Found(statement, continues)


def find_statements(
    text: str,
    sentences: list[Sentence],
    paragraphs: list[tuple[int, int]],
    mentions: list[Mention],
    names: dict[str, str],
    dates: list[DatedPhrase],
    lexicon: Lexicon,
) -> list[Statement]:
    quotes = find_quote_spans(text, _with_body_text(paragraphs, sentences))
    attributor = _Attributor(text, mentions, quotes, names, lexicon)
    reader = _QuoteReader(text, sentences, attributor, dates)
    statements: list[Statement] = []
    for quote in quotes:
        found = reader.read(quote)
        if found is None:
            continue
        statement = found.statement
        if found.continues:
            statement = _continue(statement, statements)
        if statement.speaker is not None:
            statements.append(statement)
    for sentence in sentences:
        if not sentence.chrome:
            statements.extend(_reported(text, sentence, attributor, quotes, dates))
    statements.sort(key=lambda s: (s.start, s.kind))
    return statements


def _with_body_text(
    paragraphs: list[tuple[int, int]], sentences: list[Sentence]
) -> list[tuple[int, int]]:
    """The paragraphs that hold a body sentence. Sentences are in text order: the ones inside
    a paragraph are those from the first that starts in it."""
    starts = [s.start for s in sentences]
    kept: list[tuple[int, int]] = []
    for paragraph in paragraphs:
        start, end = paragraph
        index = bisect.bisect_left(starts, start)
        while index < len(sentences) and sentences[index].start <= end:
            sentence = sentences[index]
            if sentence.end <= end and not sentence.chrome:
                kept.append(paragraph)
                break
            index += 1
    return kept


def _continue(statement: Statement, earlier: list[Statement]) -> Statement:
    """A quotation that carries on the previous one (`"...," he added`, or a new paragraph
    opening with a quote mark) keeps its speaker, channel and date when the text is silent."""
    direct = [s for s in earlier if s.kind == "direct"]
    if not direct:
        return statement
    previous = direct[-1]
    if statement.speaker is not None and statement.speaker_key != previous.speaker_key:
        return statement
    return replace(
        statement,
        speaker=statement.speaker or previous.speaker,
        speaker_key=statement.speaker_key or previous.speaker_key,
        speaker_surface=statement.speaker_surface or previous.speaker_surface,
        channel=statement.channel or previous.channel,
        date=statement.date or previous.date,
    )


def _reported(
    text: str,
    sentence: Sentence,
    attributor: _Attributor,
    quotes: list[QuoteSpan],
    dates: list[DatedPhrase],
) -> list[Statement]:
    lex = attributor.lexicon
    found: list[Statement] = []
    for verb in lex.reported_pattern.finditer(text, sentence.start, sentence.end):
        if attributor.in_quote(verb.start()) or _attributes_a_quote(
            text, verb.start(), quotes, lex
        ):
            continue
        content_start = _content_start(text, verb, sentence)
        if content_start is None:
            continue
        ender = _CONTENT_END.search(text, content_start, sentence.end)
        content_end = ender.start() if ender else sentence.end
        if text[content_end : content_end + 2] in {',"', ",”"}:
            content_end += 2  # keep a quotation the content ends with whole
        content = text[content_start:content_end].rstrip(" .,")
        if len(content.split()) < 4 or content[0] in '"“':
            continue
        if verb.group().endswith("ing"):  # "..., she said, adding that ..."
            speaker = attributor.participle_subject(sentence, verb.start())
        else:
            speaker = attributor.subject(sentence, verb.start())
        if speaker is None or speaker.kind == "phrase":
            continue
        found.append(
            Statement(
                kind="reported",
                speaker=speaker.name,
                speaker_key=speaker.key,
                speaker_surface=speaker.surface,
                text=content,
                start=content_start,
                end=content_start + len(content),
                channel=attributor.channel(sentence),
                date=date_at(dates, sentence.start, content_start),
                evidence=Evidence(
                    text[sentence.start : sentence.end], sentence.start, sentence.end
                ),
            )
        )
    return found


def _attributes_a_quote(
    text: str, verb_start: int, quotes: list[QuoteSpan], lexicon: Lexicon
) -> bool:
    """`"...," Huamán told supporters on Sunday night`: the first verb after a quotation
    (and its speaker) reports that quotation, so what follows it is no reported speech.
    A second verb does report: `"...," she said, adding that ...`."""
    for quote in quotes:
        if not quote.close < verb_start <= quote.close + 60:
            continue
        between = text[quote.close + 1 : verb_start]
        if _SENTENCE_MARK.search(between) or lexicon.speech_pattern.search(between):
            continue
        if between.lstrip().startswith(",") or text[quote.inner_end - 1 : quote.inner_end] in {
            ",",
            "?",
            "!",
        }:
            return True
    return False


def _content_start(text: str, verb: re.Match[str], sentence: Sentence) -> int | None:
    after_start = verb.end()
    window = text[after_start : min(sentence.end, after_start + 120)]
    that = _THAT.search(window)
    if that:
        gap = window[: that.start()].strip()
        # Only adverbials or an addressee may stand between the verb and "that":
        # "said on Twitter that", "told reporters that";
        # not "said the X are ..., reminded them that".
        if not gap or (
            len(gap.split()) <= 10 and not _QUOTE_OR_COMMA.search(gap) and _GAP_OK.match(gap)
        ):
            return after_start + that.end()
    stripped = window.lstrip()
    if not stripped or _CONTENT_START_BAD.match(stripped):
        return None
    if verb.group() not in _OBJECT_VERBS and not _ASCII_LETTER.match(stripped):
        return None
    return after_start + (len(window) - len(stripped))

"""Stage 3b: statements. Direct quotations with their speaker, channel and date, and reported
speech ("Kuleba urged the European Union to ...") with its content span.

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
from dataclasses import dataclass

from refq.extract.dates import date_at
from refq.extract.lexicon import Lexicon
from refq.extract.people import Mention
from refq.models import DatedPhrase, Evidence, Sentence, Statement


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
_CLAUSE_OPENER = re.compile(r"(?:,\s+(?:which|who|whom)\s+|\bthat\s+|;\s+)")
_SCARE_BEFORE = re.compile(r"(?:so-called|\w+-(?:staged|backed|organized|organised|style))\s*$")
_CONTENT_END = re.compile(
    r",?\s+and\s+(?:said|added|told|urged|warned|claimed|stated|insisted|noted|stressed)\b"
    r"|,\s+(?:which|who)\b|;|,\s+according to\b|,\s+citing\b|,\s+(?:he|she|they)\s+said\b"
)
_CONTENT_START_BAD = re.compile(
    r"(?:on|in|at|to|during|after|before|earlier|later|via|through|from|with|while|when|of|as"
    r"|for|by|about|late|last|this|yesterday|today|it|[:,.\"“”])\b",
    re.IGNORECASE,
)
_THAT = re.compile(r"\bthat\s+")
_OBJECT_VERBS = frozenset({"urged", "urges", "told", "tells", "asked", "called on"})


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    for start, end in paragraphs:
        for match in re.finditer(r"“([^“”]*)(”|$)", text[start:end]):
            open_at = start + match.start()
            close_at = start + match.end(1)
            spans.append(QuoteSpan(open_at, open_at + 1, close_at, close_at))
        marks = [start + m.start() for m in re.finditer('"', text[start:end])]
        for i in range(0, len(marks), 2):
            open_at = marks[i]
            close_at = marks[i + 1] if i + 1 < len(marks) else end
            spans.append(QuoteSpan(open_at, open_at + 1, close_at, close_at))
    spans.sort(key=lambda q: q.open)
    return [q for q in spans if text[q.inner_start : q.inner_end].strip()]


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
            if not self.in_quote(opener.start()):
                floor = opener.end()
        before = text[floor:verb_start]
        if re.search(r"(?:^|\s)and\s+$", before):
            # A coordinated verb shares the subject of its clause: "he spoke ... and told him".
            candidates = self.mentions_in(floor, verb_start)
            return self.speaker_of(candidates[0]) if candidates else None
        cut = verb_start
        stripped = before.rstrip()
        if stripped.endswith(","):
            inner = stripped[:-1].rfind(",")
            if inner > 0:
                cut = floor + inner  # skip "X, a separatist leader in Y, said"
        candidates = self.mentions_in(floor, cut)
        if candidates:
            return self.speaker_of(candidates[-1])
        phrase = _AUXILIARY.sub("", text[floor:cut].strip().rstrip(",")).strip()
        phrase = phrase.split(", ")[-1]
        if phrase and len(phrase.split()) <= 6 and (phrase[0].isupper() or phrase[:4] == "the "):
            return Speaker(phrase, None, phrase, "phrase")
        return None

    def speaker_after(self, sentence: Sentence, pos: int) -> Speaker | None:
        """`"...," X said` or `"...," said X`."""
        text, lex = self.text, self.lexicon
        gap = re.compile(r"\s*,?\s*").match(text, pos, sentence.end)
        at = gap.end() if gap else pos
        verb = lex.speech_pattern.match(text, at, sentence.end)
        if verb:
            following = self.mentions_in(verb.end(), min(sentence.end, verb.end() + 60))
            return self.speaker_of(following[0]) if following else None
        for mention in self.mentions_in(at, min(sentence.end, at + 80)):
            if mention.start > at + 2:
                break
            tail = text[mention.end : min(sentence.end, mention.end + 30)]
            if lex.speech_pattern.match(tail.lstrip()) or re.match(
                r"\s+\w+ly\s+", tail
            ) and lex.speech_pattern.search(tail):
                return self.speaker_of(mention)
        return None


def _channel(text: str, sentence: Sentence, quotes: list[QuoteSpan], lexicon: Lexicon) -> str | None:
    chars = list(text[sentence.start : sentence.end])
    for quote in quotes:
        for i in range(max(quote.inner_start, sentence.start), min(quote.inner_end, sentence.end)):
            chars[i - sentence.start] = " "
    outside = "".join(chars)
    for name, pattern in lexicon.channels:
        if pattern.search(outside):
            return name
    return None


def _sentence_at(sentences: list[Sentence], starts: list[int], pos: int) -> Sentence:
    return sentences[max(0, bisect.bisect_right(starts, pos) - 1)]


def find_statements(
    text: str,
    sentences: list[Sentence],
    paragraphs: list[tuple[int, int]],
    mentions: list[Mention],
    names: dict[str, str],
    dates: list[DatedPhrase],
    lexicon: Lexicon,
) -> list[Statement]:
    body_paragraphs = [
        p for p in paragraphs if any(s.start >= p[0] and s.end <= p[1] and not s.chrome
                                     for s in sentences)
    ]
    quotes = find_quote_spans(text, body_paragraphs)
    attributor = _Attributor(text, mentions, quotes, names, lexicon)
    starts = [s.start for s in sentences]
    statements: list[Statement] = []
    for quote in quotes:
        sentence = _sentence_at(sentences, starts, quote.open)
        if sentence.chrome:
            continue
        statement = _direct(text, quote, sentence, sentences, starts, attributor, quotes, dates)
        if statement is not None:
            statements.append(_inherit(statement, statements))
    for sentence in sentences:
        if not sentence.chrome:
            statements.extend(_reported(text, sentence, attributor, quotes, dates))
    statements.sort(key=lambda s: (s.start, s.kind))
    return statements


def _direct(
    text: str,
    quote: QuoteSpan,
    sentence: Sentence,
    sentences: list[Sentence],
    starts: list[int],
    attributor: _Attributor,
    quotes: list[QuoteSpan],
    dates: list[DatedPhrase],
) -> Statement | None:
    lex = attributor.lexicon
    inner = text[quote.inner_start : quote.inner_end]
    words = len(inner.split())
    last = _sentence_at(sentences, starts, max(quote.inner_end - 1, quote.inner_start))
    end_sentence = last if last.end >= sentence.end else sentence
    speaker: Speaker | None = None
    verb_text = ""
    if re.search(r"[,?!]\s*$", inner) or text[quote.close + 1 : quote.close + 2] == ",":
        speaker = attributor.speaker_after(end_sentence, quote.close + 1)
        if speaker:
            after = text[quote.close + 1 : end_sentence.end]
            verb = lex.speech_pattern.search(after)
            verb_text = verb.group() if verb else ""
    if speaker is None:
        if _SCARE_BEFORE.search(text[sentence.start : quote.open]) and words <= 3:
            return None
        verb = _governing_verb(text, sentence, quote, attributor, words)
        if verb is None:
            return None
        verb_text = text[verb[0] : verb[1]]
        speaker = attributor.subject(sentence, verb[0])
    if speaker is None:
        return None
    evidence = Evidence(text[sentence.start : end_sentence.end], sentence.start, end_sentence.end)
    outside_dates = [d for d in dates if not quote.inner_start <= d.start < quote.inner_end]
    return Statement(
        kind="direct",
        speaker=speaker.name,
        speaker_key=speaker.key,
        speaker_surface=speaker.surface if verb_text not in {"added", "adds"} else "+" + speaker.surface,
        text=inner,
        start=quote.inner_start,
        end=quote.inner_end,
        channel=_channel(text, sentence, quotes, lex),
        date=date_at(outside_dates, sentence.start, end_sentence.end),
        evidence=evidence,
    )


def _governing_verb(
    text: str, sentence: Sentence, quote: QuoteSpan, attributor: _Attributor, words: int
) -> tuple[int, int] | None:
    """The last speech or naming verb before the quotation, outside other quotations; short
    quotations need it close by, as in `called the votes a "sham"`."""
    lex = attributor.lexicon
    found: tuple[int, int] | None = None
    for pattern in (lex.speech_pattern, lex.naming_pattern):
        for verb in pattern.finditer(text, sentence.start, quote.open):
            if attributor.in_quote(verb.start()):
                continue
            if found is None or verb.start() > found[0]:
                found = (verb.start(), verb.end())
    if found is None:
        return None
    distance = len(text[found[1] : quote.open].split())
    if words <= 3 and distance > 14:
        return None
    return found


def _inherit(statement: Statement, earlier: list[Statement]) -> Statement:
    """`"...," he added.` continues the previous statement: same channel and date."""
    surface = statement.speaker_surface or ""
    if not surface.startswith("+"):
        return statement
    from dataclasses import replace

    channel, date = statement.channel, statement.date
    for previous in reversed(earlier):
        if previous.speaker_key == statement.speaker_key and previous.speaker == statement.speaker:
            channel = channel or previous.channel
            date = date or previous.date
            break
    return replace(statement, speaker_surface=surface[1:], channel=channel, date=date)


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
        if attributor.in_quote(verb.start()):
            continue
        content_start = _content_start(text, verb, sentence)
        if content_start is None:
            continue
        ender = _CONTENT_END.search(text, content_start, sentence.end)
        content_end = ender.start() if ender else sentence.end
        content = text[content_start:content_end].rstrip(" .")
        if len(content.split()) < 4 or content[0] in "\"“":
            continue
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
                channel=_channel(text, sentence, quotes, lex),
                date=date_at(dates, sentence.start, content_start),
                evidence=Evidence(text[sentence.start : sentence.end], sentence.start, sentence.end),
            )
        )
    return found


def _content_start(text: str, verb: re.Match[str], sentence: Sentence) -> int | None:
    after_start = verb.end()
    window = text[after_start : min(sentence.end, after_start + 120)]
    that = _THAT.search(window)
    if that and len(window[: that.start()].split()) <= 10:
        return after_start + that.end()
    stripped = window.lstrip()
    if not stripped or _CONTENT_START_BAD.match(stripped):
        return None
    if verb.group() not in _OBJECT_VERBS and not re.match(r"[A-Za-z]", stripped):
        return None
    return after_start + (len(window) - len(stripped))

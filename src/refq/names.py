"""Name folding shared by extraction, storage and queries: one key for the spellings of one
name across transliterations (Kovalskiy / Kovalskyy / Kovalsky), case and diacritics."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DOUBLED = re.compile(r"([a-z])\1+")
# Transliteration endings that differ only by romanization system: -iy/-yy/-yi/-ij/-ii -> -y.
_ENDING = re.compile(r"(?:iy|yy|yi|ij|ii|yj)$")
_NON_LETTER = re.compile(r"[^a-z ]+")
_PREFIX = re.compile(r"^(?:the)\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for matching user input ("Zaporižžja" -> "zaporizzja").

    ``anyascii`` is imported lazily: query start-up must not pay for it unless it is used."""
    if text.isascii():
        return text.casefold()
    from anyascii import anyascii

    return anyascii(unicodedata.normalize("NFC", text)).casefold()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The identity of a name: folded, punctuation dropped, doubled letters collapsed and
    transliteration endings unified, token by token."""
    folded = _PREFIX.sub("", fold(name).replace("-", " ").replace("’", "").replace("'", ""))
    tokens = []
    for token in _NON_LETTER.sub(" ", folded).split():
        token = _DOUBLED.sub(r"\1", token)
        token = _ENDING.sub("y", token)
        tokens.append(token)
    return " ".join(tokens)


def surname(name: str) -> str:
    """The family name, with the particles that belong to it: "Piet de Vries" -> "de Vries"."""
    parts = name.split()
    index = len(parts) - 1
    while index > 1 and parts[index - 1].islower():
        index -= 1
    return " ".join(parts[index:]) if parts else name

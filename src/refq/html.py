"""Saved web pages -> article text and what the page says about itself (stdlib only).

A page is read with ``html.parser``: scripts, styles, navigation, headers, footers, asides
and forms are dropped; paragraphs, headings, list items and block quotes become paragraphs
separated by a blank line, the way plain-text articles are written. When the page marks its
story with ``<article>`` or ``<main>``, only that is kept, so menus and teasers around it do
not become article text.

What the page says about itself comes from its ``<head>``: the title (``og:title``, else
``<title>``), the publication date (``article:published_time`` and kin, else the first
``<time datetime>``), the outlet (``og:site_name``) and the canonical URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose whole content is page chrome or not text at all.
_DROPPED = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
        "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "dialog",
        "figure", "head",
    }
)  # fmt: skip
# ARIA landmarks that mean the same as the dropped elements.
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Elements that end one paragraph and start another.
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
        "figcaption", "address", "hr", "center",
    }
)  # fmt: skip
# Elements that never have content or an end tag.
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    }
)  # fmt: skip
_STORY = frozenset({"article", "main"})
_PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
)
_SPACES = re.compile(r"\s+")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Page:
    """A page's article text and its self-description; every field but ``text`` may be None."""

    text: str
    title: str | None = None
    published: str | None = None  # as the page gives it (often a full ISO timestamp)
    outlet: str | None = None
    url: str | None = None


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document (doctype or ``<html>``)."""
    return _HTML_START.match(data[:4096]) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta charset>`` or ``http-equiv`` tag declares, if any."""
    found = _CHARSET.search(data[:8192])
    return found.group(1).decode("ascii").lower() if found else None


def extract_page(markup: str) -> Page:
    """The article text of an HTML page, page chrome dropped, with the page's metadata."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return parser.page()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._open: list[tuple[str, bool, bool]] = []  # (tag, drops content, is story)
        self._dropped = 0  # how many open elements drop their content
        self._story = 0  # how many open elements are <article>/<main>
        self._blocks: list[tuple[str, bool]] = []  # (paragraph text, inside the story)
        self._current: list[str] = []
        self._in_title = False
        self._title: list[str] = []
        self._meta: dict[str, str] = {}
        self._time: str | None = None
        self._canonical: str | None = None
        self._seen_story = False

    # Parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            self._read_meta(attributes)
            return
        if tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self._canonical = attributes.get("href") or self._canonical
            return
        if tag == "title":
            self._in_title = True
        if tag == "time" and self._time is None and not self._dropped:
            self._time = attributes.get("datetime") or None
        if tag == "br":
            self._current.append("\n")
            return
        if tag in _BLOCKS:
            self._end_paragraph()
        if tag in _VOID:
            return
        drops = (
            tag in _DROPPED
            or attributes.get("role", "").lower() in _DROPPED_ROLES
            or "hidden" in attributes
            or attributes.get("aria-hidden", "").lower() == "true"
        )
        story = tag in _STORY
        self._open.append((tag, drops, story))
        self._dropped += drops
        self._story += story
        self._seen_story |= story and not self._dropped

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _BLOCKS:
            self._end_paragraph()
        # Close the innermost open element of this name and everything left open inside it
        # (HTML lets <p> and <li> go unclosed).
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                for _, drops, story in self._open[depth:]:
                    self._dropped -= drops
                    self._story -= story
                del self._open[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._dropped:
            # Line ends in the markup are spaces; only <br> breaks a line.
            self._current.append(data.replace("\n", " ").replace("\r", " "))

    # Assembly

    def _end_paragraph(self) -> None:
        if not self._current:
            return
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self._current).split("\n"))
        text = "\n".join(line for line in lines if line)
        self._current = []
        if text:
            self._blocks.append((text, self._story > 0))

    def _read_meta(self, attributes: dict[str, str]) -> None:
        key = (
            attributes.get("property") or attributes.get("name") or attributes.get("itemprop", "")
        ).lower()
        content = attributes.get("content", "").strip()
        if key and content and key not in self._meta:
            self._meta[key] = content

    def page(self) -> Page:
        self._end_paragraph()
        story_only = self._seen_story and any(in_story for _, in_story in self._blocks)
        blocks = [text for text, in_story in self._blocks if in_story or not story_only]
        title = self._meta.get("og:title") or _SPACES.sub(" ", "".join(self._title)).strip()
        published = next((self._meta[k] for k in _PUBLISHED_KEYS if k in self._meta), None)
        return Page(
            text="\n\n".join(blocks) + "\n" if blocks else "",
            title=title or None,
            published=published or self._time,
            outlet=self._meta.get("og:site_name"),
            url=self._meta.get("og:url") or self._canonical,
        )

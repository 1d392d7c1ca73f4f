"""Normalisation of :class:`~newsspider.items.Article` records.

:func:`normalize_article` is the pure logic (also used by ``newsspider extract``);
:class:`NormalizePipeline` runs it inside a crawl.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsspider import config
from newsspider.dates import normalize_date
from newsspider.textlength import word_count
from newsspider.urls import join_url

logger = logging.getLogger(__name__)

BODY_FIELD = "body"
#: Single-line text fields: all whitespace (newlines included) collapses to one space.
INLINE_TEXT_FIELDS: tuple[str, ...] = ("title", "section", "description", "language", "site", "extraction")
LIST_FIELDS: tuple[str, ...] = ("authors", "tags")
DATE_FIELDS: tuple[str, ...] = ("published", "modified")
URL_FIELDS: tuple[str, ...] = ("url", "canonical_url", "image")

# --------------------------------------------------------------------------- text

_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 controls other than tab/newline/carriage return/vertical tab/form feed/file-group-record
# separators (the latter are line breaks for str.splitlines), plus DEL.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F])


def clean_text(value: Any) -> str:
    """``str(value)`` without NUL/control characters and lone surrogates, in Unicode NFC.

    A valid surrogate *pair* (e.g. from JSON ``"\\ud83d\\ude00"``) is joined into its character.
    """
    text = value if isinstance(value, str) else str(value)
    # One pass in C finds both: UTF-8 refuses surrogates, and the control characters are
    # single bytes that never occur inside the encoding of another character.
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        # Join valid pairs, then drop whatever surrogates are left (the lone ones).
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _SURROGATES.sub("", text)
        data = text.encode("utf-8")
    kept = data.translate(None, _CONTROL_BYTES)
    if len(kept) != len(data):
        text = kept.decode("utf-8")
    return unicodedata.normalize("NFC", text)


def normalize_inline(value: Any) -> str:
    """Clean a single-line text: :func:`clean_text`, every whitespace run -> one space, stripped."""
    return " ".join(clean_text(value).split())  # str.split's whitespace is re's \s


def normalize_body(value: Any) -> str:
    """Clean article text: :func:`clean_text`; spaces/tabs collapsed inside lines; lines stripped;
    paragraphs separated by exactly one blank line; no leading/trailing blank lines."""
    out: list[str] = []
    for line in clean_text(value).splitlines():
        line = " ".join(line.split())
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def normalize_list(values: Any) -> list[str]:
    """Clean a list of short strings: stripped, empty removed, de-duplicated preserving order.

    A single string is treated as a one-element list.
    """
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):  # a number or a bool from a custom spider
        values = [values]
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        if value is None:
            continue
        text = normalize_inline(value)
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def body_fingerprint(body: str) -> str | None:
    """SHA-1 hex of ``body`` casefolded with whitespace collapsed; None for an empty body."""
    return normalized_body_fingerprint(clean_text(body))


def normalized_body_fingerprint(body: str) -> str | None:
    """:func:`body_fingerprint` of a body :func:`normalize_body` returned (already clean: one
    pass over it fewer, for the pipelines that fingerprint every record)."""
    key = " ".join(body.casefold().split())
    if not key:
        return None
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- dates

# ``normalize_date`` is newsspider.dates' (imported above): one date reader for extraction and pipelines.


# --------------------------------------------------------------------------- URLs


def normalize_url(value: Any, base: str | None = None) -> str | None:
    """Stripped URL made absolute against ``base``; None when empty or unreadable (``https://[x]/``)."""
    if value is None:
        return None
    text = normalize_inline(value)
    if not text:
        return None
    if base:
        return join_url(base, text)  # None for a URL urllib cannot read ("https://[x]/")
    return text


# --------------------------------------------------------------------------- record


def _set(adapter: ItemAdapter, name: str, value: Any) -> None:
    try:
        adapter[name] = value
    except KeyError:  # an Item class without this field: nothing to normalise into
        pass


def normalize_article(adapter: ItemAdapter, base_url: str | None = None) -> None:
    """Normalise one record in place (see the module's helpers for each rule).

    Text fields -> NFC, without NUL/control characters/lone surrogates, whitespace cleaned;
    ``authors``/``tags`` -> cleaned, de-duplicated lists; ``published``/``modified``/
    ``fetched_at`` -> ISO 8601 or None; ``url`` absolute (against ``base_url``),
    ``canonical_url``/``image`` absolute against ``url``, ``canonical_url`` defaulting to ``url``;
    computes ``word_count`` and ``fingerprint``. Empty optional strings become None.
    """
    url = normalize_url(adapter.get("url"), base_url)
    _set(adapter, "url", url or "")
    _set(adapter, "canonical_url", normalize_url(adapter.get("canonical_url"), url) or url or None)
    _set(adapter, "image", normalize_url(adapter.get("image"), url))

    for name in INLINE_TEXT_FIELDS:
        value = adapter.get(name)
        if value is not None:
            _set(adapter, name, normalize_inline(value) or None)
    for name in LIST_FIELDS:
        _set(adapter, name, normalize_list(adapter.get(name)))
    for name in (*DATE_FIELDS, "fetched_at"):
        if adapter.get(name) is not None:
            _set(adapter, name, normalize_date(adapter.get(name)))

    body = normalize_body(adapter.get(BODY_FIELD) or "")
    _set(adapter, BODY_FIELD, body)
    _set(adapter, "word_count", word_count(body))
    _set(adapter, "fingerprint", normalized_body_fingerprint(body))


def _has_value(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


class NormalizePipeline:
    """Item pipeline running :func:`normalize_article` on every record.

    Settings: ``NEWSSPIDER_NORMALIZE_ENABLED`` (default True; False -> NotConfigured).
    Stats: ``newsspider/normalize/bad_date`` (+1 per non-empty date field that could not be
    parsed and was set to None).
    """

    BAD_DATE_STAT = "newsspider/normalize/bad_date"

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self._warned_bad_date = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        if not config.get(crawler.settings, "NEWSSPIDER_NORMALIZE_ENABLED"):
            raise NotConfigured("NEWSSPIDER_NORMALIZE_ENABLED is False")
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        raw_dates = {name: adapter.get(name) for name in DATE_FIELDS}
        normalize_article(adapter)
        for name, raw in raw_dates.items():
            if _has_value(raw) and adapter.get(name) is None:
                if self.stats is not None:
                    self.stats.inc_value(self.BAD_DATE_STAT)
                if not self._warned_bad_date:
                    self._warned_bad_date = True
                    logger.info(
                        "Unparseable %s %r on %s set to None; further ones are only counted in stats as %s",
                        name,
                        raw,
                        adapter.get("url"),
                        self.BAD_DATE_STAT,
                    )
        return item

"""trafilatura's character thresholds scaled to the page's script (Chinese, Japanese, Thai...).

trafilatura measures text in characters with thresholds tuned on spaced languages: a paragraph
shorter than 30-60 characters, a block shorter than 100-300, a link shorter than 10 are "short".
A Chinese text carries about three times as much per character (one English word of ~6
characters, its space included, is ~2 Chinese characters: :mod:`newsspider.textlength`), so on a
Chinese page most paragraphs and list items fell under those thresholds, and its link-density
test removed article paragraphs holding a link or two (the cause of most of the body F1 the
``cjk`` proxy of ``benchmarks/multilingual.py`` lost against ``latin-cipher``, docs/benchmarks.md).

:func:`scaled` sets, for one extraction, the factor (:func:`newsspider.textlength.character_scale`
of the page's text) by which those thresholds are multiplied. At 1.0 (any page without text of a
script written without spaces) trafilatura's own function runs: spaced pages are untouched.
trafilatura is pinned (``pyproject.toml``); :func:`_scaled_link_density_test` follows its 2.3.1
``htmlprocessing.link_density_test`` with the length thresholds multiplied.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import trafilatura
from lxml.html import HtmlElement
from trafilatura import htmlprocessing
from trafilatura.utils import LINK_FARM_RATIO, trim

#: The trafilatura release whose ``link_density_test`` :func:`_scaled_link_density_test` follows.
COPIED_FROM = "2.3.1"
_SCALE: ContextVar[float] = ContextVar("trafilatura_character_scale", default=1.0)
_ORIGINAL_LINK_DENSITY_TEST = htmlprocessing.link_density_test


@contextmanager
def scaled(scale: float) -> Iterator[None]:
    """trafilatura's character thresholds multiplied by ``scale`` within the block."""
    token = _SCALE.set(scale)
    try:
        yield
    finally:
        _SCALE.reset(token)


def _link_info(links: list[HtmlElement], short: float) -> tuple[int, int, int]:
    """Characters of link text, links with text, and those shorter than ``short`` characters."""
    lengths = [len(text) for text in (trim(link.text_content()) for link in links) if text]
    return sum(lengths), len(lengths), sum(1 for length in lengths if length < short)


def _scaled_link_density_test(element: HtmlElement, favor_precision: bool, scale: float) -> tuple[bool, bool]:
    """trafilatura's ``link_density_test`` (remove a link-rich section; flag a short linked one)
    with its length thresholds multiplied by ``scale``."""
    links = element.findall(".//ref")
    if not links or element.find(".//graphic") is not None:
        return False, False
    text = trim(element.text_content())
    if len(links) == 1:
        link_text = trim(links[0].text_content())
        if len(link_text) > (10 if favor_precision else 100) * scale and len(link_text) > len(text) * 0.9:
            return True, False
    if element.tag == "p":
        limit = 60 if element.getnext() is None else 30
    else:
        limit = 300 if element.getnext() is None else 100
    if len(text) < limit * scale:
        link_chars, count, short = _link_info(links, 10 * scale)
        if count == 0:
            return True, False
        return link_chars > len(text) * 0.8 or (count > 1 and short / count > 0.8), True
    if len(links) > 4:
        link_chars, count, _ = _link_info(links, 10 * scale)
        if (
            link_chars > len(text) * LINK_FARM_RATIO
            and link_chars < 100 * scale * count
            and not htmlprocessing.is_paragraph_listing(links)
        ):
            return True, False
    return False, False


def link_density_test(element: HtmlElement, favor_precision: bool = False) -> tuple[bool, bool]:
    """trafilatura's test at the scale :func:`scaled` set (its own function at 1.0)."""
    scale = _SCALE.get()
    if scale == 1.0:
        return _ORIGINAL_LINK_DENSITY_TEST(element, favor_precision)
    return _scaled_link_density_test(element, favor_precision, scale)


def install() -> bool:
    """Route trafilatura's link-density test through :func:`link_density_test` (idempotent).

    Only on the release the scaled copy follows: another trafilatura keeps its own test at
    every scale (CJK pages then lose what the scaling gained, nothing breaks) until the copy is
    checked against it and :data:`COPIED_FROM` moved. Returns whether it is installed.
    """
    if trafilatura.__version__ != COPIED_FROM:
        return False
    htmlprocessing.link_density_test = link_density_test
    return True

"""HTML + URL (+ site rules) -> article record fields. Pure functions: no Scrapy imports.

Public API:
- :class:`SiteRules` (rules.py): per-site selectors and boilerplate patterns.
- :func:`extract_page` (extract.py): returns a :class:`PageResult` holding either the
  record fields or the reason the page yields no record.

The names are imported on first use (PEP 562): a crawl process that leaves extraction to its
pool workers imports ``newsspider.extraction.rules`` or ``.boilerplate`` without loading the
extractor (lxml, trafilatura, the models: ~0.5 s of CPU at start).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsspider.extraction.extract import (
        PageResult,
        extract_page,
        extract_page_fast,
        extract_page_full,
        extract_page_model_first,
    )
    from newsspider.extraction.rules import SiteRules

__all__ = ["PageResult", "SiteRules", "extract_page", "extract_page_fast", "extract_page_full", "extract_page_model_first"]

#: Public name -> the module defining it.
_HOMES = {
    "PageResult": "newsspider.extraction.extract",
    "extract_page": "newsspider.extraction.extract",
    "extract_page_fast": "newsspider.extraction.extract",
    "extract_page_full": "newsspider.extraction.extract",
    "extract_page_model_first": "newsspider.extraction.extract",
    "SiteRules": "newsspider.extraction.rules",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

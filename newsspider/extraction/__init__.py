"""HTML + URL (+ site rules) -> article record fields. Pure functions: no Scrapy imports.

Public API:
- :class:`SiteRules` (rules.py): per-site selectors and boilerplate patterns.
- :func:`extract_page` (extract.py): returns a :class:`PageResult` holding either the
  record fields or the reason the page yields no record.
"""

from newsspider.extraction.extract import PageResult, extract_page, extract_page_fast
from newsspider.extraction.rules import SiteRules

__all__ = ["PageResult", "SiteRules", "extract_page", "extract_page_fast"]

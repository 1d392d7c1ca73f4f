"""Per-site extraction rules: what a site spider may add to the generic extractor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteRules:
    """Site-specific additions to generic extraction.

    ``remove``: CSS selectors (or XPath expressions starting with ``/`` or ``(``) whose
    elements are deleted from the page before extraction.
    ``boilerplate``: regular expressions; a body line (paragraph) matching any of them
    (``re.search``) is removed after extraction.
    ``body``: optional CSS/XPath selector of the article body container; when it matches,
    extraction is restricted to it.
    """

    remove: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    body: str | None = None

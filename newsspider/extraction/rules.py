"""Per-site extraction rules: what a site spider may add to the generic extractor."""

from __future__ import annotations

from dataclasses import dataclass

#: Record fields a site may override (``[fields]``); list fields take every match.
LIST_FIELDS = ("authors", "tags")
OVERRIDABLE_FIELDS = (
    "title", "authors", "published", "modified", "language", "section", "tags", "description", "image", "body",
    "canonical_url",
)  # fmt: skip
#: How an override finds its value.
FIELD_KINDS = ("css", "xpath", "function")


@dataclass(frozen=True)
class FieldRule:
    """One per-field override, applied after generic extraction: ``kind`` is ``css``, ``xpath``
    (the matches' text) or ``function`` (import path ``package.module:name`` or
    ``package.module.name`` of ``callable(selector, fields) -> value``)."""

    field: str
    kind: str
    expr: str


@dataclass(frozen=True)
class SiteRules:
    """Site-specific additions to generic extraction.

    ``remove``: CSS selectors (or XPath expressions starting with ``/`` or ``(``) whose
    elements are deleted from the page before extraction.
    ``boilerplate``: regular expressions; a body line (paragraph) matching any of them
    (``re.search``) is removed after extraction.
    ``body``: optional CSS/XPath selector of the article body container; when it matches,
    extraction is restricted to it.
    ``fields``: per-field overrides applied after extraction (:class:`FieldRule`).
    ``versions``: rules of older page designs, by date (:meth:`for_date`).
    """

    remove: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    body: str | None = None
    fields: tuple[FieldRule, ...] = ()
    versions: tuple[RulesVersion, ...] = ()

    def for_date(self, day: str) -> SiteRules:
        """The rules of a page dated ``day`` (``YYYY-MM-DD``): the first version whose ``until`` is
        after it, else these (the current design)."""
        for version in self.versions:
            if day < version.until:
                return version.rules
        return self


@dataclass(frozen=True)
class RulesVersion:
    """The complete rules of pages dated before ``until`` (``YYYY-MM-DD``)."""

    until: str
    rules: SiteRules

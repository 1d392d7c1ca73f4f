"""The page's ``<meta>`` values and its elements of a few tags, each read once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.html import HtmlElement

if TYPE_CHECKING:
    from newsspider.extraction.metadata.bylines import MarkedElements


class Meta:
    """``<meta>`` values of a page by lower-cased property/name (a name may repeat)."""

    def __init__(self, tree: HtmlElement) -> None:
        self.values: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
            content = meta.get("content")
            if key and content and content.strip():
                self.values.setdefault(key.strip().lower(), []).append(" ".join(content.split()))

    def first(self, *keys: str) -> str | None:
        for key in keys:
            if self.values.get(key):
                return self.values[key][0]
        return None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


# Tags of the elements the metadata reads by tag (headings, <title>, <time>, <link>, hidden
# inputs, scripts, containers): found in one walk of the page (in C), not one walk per tag.
_INDEXED_TAGS = ("h1", "h2", "h3", "title", "time", "link", "input", "script", "article", "main")


class PageTags:
    """The page's elements of :data:`_INDEXED_TAGS`, by tag, in document order (as
    ``tree.iter(tag)`` gives them): one walk of the tree instead of one per tag and function."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.found: list[HtmlElement] = list(tree.iter(*_INDEXED_TAGS))
        self.by_tag: dict[str, list[HtmlElement]] = {tag: [] for tag in _INDEXED_TAGS}
        for element in self.found:
            self.by_tag[element.tag].append(element)
        #: The byline walk's findings, when the bylines were searched (its itemprops and first
        #: breadcrumb spare the dates and the section a walk of their own).
        self.marked: MarkedElements | None = None

    def __call__(self, *tags: str) -> list[HtmlElement]:
        """The elements of ``tags`` (indexed ones), in document order."""
        if len(tags) == 1:
            return self.by_tag[tags[0]]
        return [element for element in self.found if element.tag in tags]

    def headline(self) -> HtmlElement | None:
        """The first ``<h1>`` inside an ``<article>``, else inside a ``<main>``, else the first
        (the first of ``.//article//h1``, ``.//main//h1``, ``.//h1``)."""
        headings = self.by_tag["h1"]
        for container in ("article", "main"):
            if self.by_tag[container]:
                found = next((h for h in headings if any(a.tag == container for a in h.iterancestors())), None)
                if found is not None:
                    return found
        return headings[0] if headings else None


"""schema.org JSON-LD: collect the top-level nodes of a page and find its article node.

Only top-level nodes (and ``@graph`` members) count: an index page listing NewsArticle
teasers inside an ``ItemList`` must not look like an article itself.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "SatiricalArticle",
        "SocialMediaPosting",
    }
)
# Page types that say "this is not a single article" (WebSite is not one: it describes the
# site and sits in the @graph of every Yoast page, articles included).
NON_ARTICLE_TYPES = frozenset(
    {"CollectionPage", "AboutPage", "ContactPage", "ProfilePage", "SearchResultsPage", "FAQPage"}
)

_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*$", re.MULTILINE)
_SEPARATORS = re.compile(r"[\s,;]*")


def _loads(text: str) -> Any:
    text = _CDATA.sub("", text.strip())
    try:
        return json.loads(text)
    except RecursionError:  # nested deeper than Python's stack: no page's metadata
        return None
    except ValueError:
        pass
    # the common CMS mistakes: trailing commas, raw newlines inside strings, // comment lines
    repaired = _TRAILING_COMMA.sub(r"\1", _LINE_COMMENT.sub("", text)).replace("\n", " ")
    try:
        return json.loads(repaired, strict=False)
    except RecursionError:
        return None
    except ValueError:
        return _leading_values(repaired)


def _leading_values(text: str) -> Any:
    """The JSON values a script starts with, one after another: two objects written into one
    script, or an object followed by junk (a stray ``}``); None when there is none."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    at = 0
    while True:
        at = _SEPARATORS.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text):
            break
        try:
            value, at = decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            break
        values.extend(value if isinstance(value, list) else [value])
    return values[0] if len(values) == 1 else values or None


def types_of(node: dict[str, Any]) -> set[str]:
    """The node's @type(s) without a schema.org prefix."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    """All top-level JSON-LD objects of the page, ``@graph`` flattened."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        data = _loads(script.text or "")
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph")
            if isinstance(graph, list):
                found.extend(g for g in graph if isinstance(g, dict))
            elif isinstance(graph, dict):
                found.append(graph)
            if "@type" in item:
                found.append(item)
    return found


def by_id(all_nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Index of nodes by ``@id`` for resolving ``{"@id": ...}`` references (Yoast graphs)."""
    return {n["@id"]: n for n in all_nodes if isinstance(n.get("@id"), str)}


#: Lists in lists deeper than this hold no metadata (a value nested 1,000 deep exhausted the stack).
MAX_LIST_DEPTH = 8


def resolve(value: Any, index: dict[str, dict[str, Any]], depth: int = 0) -> Any:
    """Replace references by the node they point to (one level): ``{"@id": ...}`` without a name
    of its own (a type or a URL beside the id), or the node's id alone as a string. Lists nested
    deeper than :data:`MAX_LIST_DEPTH` are emptied."""
    if isinstance(value, list):
        return [resolve(v, index, depth + 1) for v in value] if depth < MAX_LIST_DEPTH else []
    if isinstance(value, dict) and not value.get("name") and isinstance(value.get("@id"), str) and value["@id"] in index:
        return index[value["@id"]]
    if isinstance(value, str) and value in index:
        return index[value]
    return value


def find_article(all_nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's article node; the one with the longest ``articleBody`` when several."""
    articles = [n for n in all_nodes if types_of(n) & ARTICLE_TYPES]
    if not articles:
        # A WebPage whose mainEntity is the article.
        for node in all_nodes:
            main = node.get("mainEntity")
            if isinstance(main, dict) and types_of(main) & ARTICLE_TYPES:
                articles.append(main)
    if not articles:
        return None
    return max(articles, key=lambda n: (len(str(n.get("articleBody") or "")), bool(n.get("headline"))))


def breadcrumb(all_nodes: list[dict[str, Any]]) -> list[str]:
    """Names of a BreadcrumbList's items, in position order."""
    return [name for name, _ in breadcrumb_items(all_nodes)]


def breadcrumb_items(all_nodes: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(name, URL) of a BreadcrumbList's items, in position order (URL None when not given)."""
    for node in all_nodes:
        if "BreadcrumbList" not in types_of(node):
            continue
        items = node.get("itemListElement")
        if not isinstance(items, list):
            continue
        named: list[tuple[float, str, int, str | None]] = []
        for order, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            name = item.get("name")
            inner = item.get("item")
            if not name and isinstance(inner, dict):
                name = inner.get("name")
            target = inner.get("@id") or inner.get("url") if isinstance(inner, dict) else inner
            try:
                position = float(item.get("position", order))
            except (TypeError, ValueError):
                position = order
            if isinstance(name, str) and name.strip():
                named.append((position, " ".join(name.split()), order, target if isinstance(target, str) else None))
        return [(name, target) for _, name, _, target in sorted(named)]
    return []


def first_string(value: Any, key: str = "name") -> str | None:
    """A string from a string / object / list value (e.g. ``image``, ``articleSection``)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for k in (key, "url", "@id", "contentUrl"):
            if isinstance(value.get(k), str) and value[k].strip():
                return value[k].strip()
        return None
    if isinstance(value, list):
        for item in value:
            found = first_string(item, key)
            if found:
                return found
    return None

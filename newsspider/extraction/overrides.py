"""A site's own fixes on top of generic extraction: rules by page date, per-field overrides.

:func:`extract_with_rules` is what the extraction pool runs for every page. With rules that
have no ``versions`` and no ``fields`` it is the extraction function and one test of two empty
tuples: a site without fixes pays nothing. Otherwise:

- ``versions``: the page is extracted with the current rules; when its ``published`` date (the
  crawl date when it has none) falls before a version's ``until``, it is extracted again with
  that version's rules (only pages of an older design pay twice);
- ``fields``: each :class:`~newsspider.extraction.rules.FieldRule` replaces one field of the
  extracted record when it finds a value (an override that matches nothing leaves the generic
  value). ``css``/``xpath``: the stripped text of the matches (list fields: all of them, others:
  the first non-empty); ``function``: ``callable(selector, fields)``, a
  :class:`parsel.Selector` of the page and the fields extracted so far, returning the value
  (None: keep the generic one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from importlib import import_module
from typing import Any

from parsel import Selector

from newsspider.dates import normalize_date
from newsspider.extraction.extract import PageResult
from newsspider.extraction.rules import LIST_FIELDS, FieldRule, SiteRules

ExtractFunction = Callable[..., PageResult]


def extract_with_rules(function: ExtractFunction, html: str, url: str, rules: SiteRules, *, assume_article: bool) -> PageResult:
    """``function(html, url, rules, assume_article=…)`` with the rules' versions and field overrides applied."""
    result = function(html, url, rules, assume_article=assume_article)
    if not (rules.versions or rules.fields):
        return result
    if rules.versions:
        day = page_day(result.fields)
        chosen = rules.for_date(day)
        if chosen is not rules:
            rules = chosen
            result = function(html, url, rules, assume_article=assume_article)
    if rules.fields and result.fields is not None:
        result.fields = apply_field_rules(result.fields, html, url, rules.fields)
    return result


def page_day(fields: dict[str, Any] | None) -> str:
    """``YYYY-MM-DD`` of the page's ``published`` date; today (UTC) when it has none."""
    published = normalize_date((fields or {}).get("published"))
    return published[:10] if published else datetime.now(UTC).date().isoformat()


def apply_field_rules(fields: dict[str, Any], html: str, url: str, rules: tuple[FieldRule, ...]) -> dict[str, Any]:
    """``fields`` with every rule that finds a value applied, in order."""
    selector = Selector(text=html, base_url=url)
    out = dict(fields)
    for rule in rules:
        value = _value(rule, selector, out)
        if value not in (None, "", []):
            out[rule.field] = value
    return out


def _value(rule: FieldRule, selector: Selector, fields: dict[str, Any]) -> Any:
    if rule.kind == "function":
        return load_function(rule.expr)(selector, fields)
    matches = selector.css(rule.expr) if rule.kind == "css" else selector.xpath(rule.expr)
    texts = [" ".join(t.split()) for t in (_text(m) for m in matches)]
    texts = [t for t in texts if t]
    if rule.field in LIST_FIELDS:
        return list(dict.fromkeys(texts))
    if rule.field == "body":
        return "\n\n".join(texts)
    return texts[0] if texts else None


def _text(match: Selector) -> str:
    """A text or attribute match as it is; an element as its text content."""
    root = match.root
    if isinstance(root, str):
        return root
    return " ".join(match.xpath(".//text()").getall())


def check_functions(rules: SiteRules) -> None:
    """Import every field function of ``rules`` (versions included) now: ValueError naming the
    first that cannot be, before a crawl starts rather than on each page."""
    for rule in (*rules.fields, *(r for v in rules.versions for r in v.rules.fields)):
        if rule.kind == "function":
            load_function(rule.expr)


@lru_cache(maxsize=64)
def load_function(path: str) -> Callable[[Selector, dict[str, Any]], Any]:
    """The function at ``package.module:name`` (or ``package.module.name``); ValueError naming it."""
    module, _, name = path.partition(":") if ":" in path else path.rpartition(".")
    try:
        function = getattr(import_module(module), name, None) if module and name else None
    except ImportError as err:
        raise ValueError(f"field function {path!r} cannot be imported: {err}") from err
    if not callable(function):
        raise ValueError(f"field function {path!r} is not a function: give package.module:function")
    return function

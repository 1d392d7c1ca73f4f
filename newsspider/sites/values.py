"""Checks of the values of a site entry (and of a spider's declarative attributes): each raises
ValueError with ``key: what is wrong; what to give``."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

_PROBE = Selector(text="<html><body><p>probe</p></body></html>")


def is_xpath(selector: str) -> bool:
    """The selector convention of site rules: XPath starts with ``/`` or ``(``, else CSS."""
    return selector.lstrip().startswith(("/", "("))


def text(key: str, value: Any, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ValueError(f"{key}: give a {'string' if empty else 'non-empty string'}, not {value!r}")
    return value


def text_list(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValueError(f"{key}: give a list of strings, e.g. [\"...\"], not {value!r}")
    return tuple(text(f"{key}[{i}]", item) for i, item in enumerate(value))


def regex_list(key: str, value: Any) -> tuple[str, ...]:
    patterns = text_list(key, value)
    for i, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as err:
            raise ValueError(f"{key}[{i}]: {pattern!r} is not a regular expression ({err})") from None
    return patterns


def selector(key: str, value: Any, *, css: bool | None = None) -> str:
    """A CSS selector or XPath expression that parsel accepts (``css``: force one kind)."""
    expr = text(key, value)
    use_css = not is_xpath(expr) if css is None else css
    try:
        _PROBE.css(expr) if use_css else _PROBE.xpath(expr)
    except Exception as err:  # cssselect's SelectorError, lxml's XPath errors: all mean "invalid"
        kind = "CSS selector" if use_css else "XPath expression"
        raise ValueError(f"{key}: {expr!r} is not a valid {kind} ({type(err).__name__})") from None
    return expr


def selector_list(key: str, value: Any) -> tuple[str, ...]:
    return tuple(selector(f"{key}[{i}]", item) for i, item in enumerate(text_list(key, value)))


def http_url(key: str, value: Any, *, path_ok: bool = False) -> str:
    """An absolute http(s) URL (``path_ok``: or a path starting with ``/``, joined to each start URL)."""
    url = text(key, value)
    if path_ok and url.startswith("/"):
        return url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        more = " or a path such as /rss.xml" if path_ok else ""
        raise ValueError(f"{key}: {url!r} is not an http(s) URL; give e.g. https://example.com/{more}")
    return url


def url_list(key: str, value: Any, *, path_ok: bool = False) -> tuple[str, ...]:
    return tuple(http_url(f"{key}[{i}]", item, path_ok=path_ok) for i, item in enumerate(text_list(key, value)))


_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def domain_list(key: str, value: Any) -> tuple[str, ...]:
    domains = text_list(key, value)
    for i, domain in enumerate(domains):
        if not _HOST.match(domain):
            raise ValueError(f"{key}[{i}]: {domain!r} is not a host name; give e.g. \"example.com\" (no scheme, port or path)")
    return domains

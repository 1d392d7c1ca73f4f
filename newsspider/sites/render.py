"""An entry as TOML text, keys in the order of the site entry format (docs/new-site.md).

``newsspider new-site`` writes its entries with :func:`render_entry`; this is the one place to
swap for the registry's ``dump_entry`` (``newsspider.sites.entry``) once both exist together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

#: Top-level keys of an entry, in the order they are written.
ENTRY_KEYS = ("name", "domains", "start_urls", "feeds", "sitemaps", "article_urls", "follow_urls", "deny_urls",
              "remove_selectors", "boilerplate_patterns", "body_selector", "languages")
_LITERAL_OK = re.compile(r"^[^'\x00-\x1f\x7f]*$")


def toml_string(value: str) -> str:
    """A TOML literal string ('...', no escapes: best for regexes) when possible, else a basic one."""
    return f"'{value}'" if _LITERAL_OK.match(value) else json.dumps(value, ensure_ascii=False)


def toml_value(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} in an entry")


def render_entry(entry: Mapping[str, Any], comment: str = "") -> str:
    """``entry`` (top-level keys only) as TOML; empty values left out; ``comment`` lines first."""
    unknown = set(entry) - set(ENTRY_KEYS)
    if unknown:
        raise ValueError(f"not entry keys: {', '.join(sorted(unknown))}")
    lines = [f"# {line}" for line in comment.splitlines()]
    lines += [f"{key} = {toml_value(entry[key])}" for key in ENTRY_KEYS if entry.get(key) not in (None, "", [], ())]
    return "\n".join(lines) + "\n"


#: Entry key -> ``NewsSiteSpider`` attribute, where the names differ.
SPIDER_ATTRIBUTES = {"domains": "allowed_domains"}


def spider_source(entry: Mapping[str, Any], class_name: str = "EntrySpider") -> str:
    """A module defining ``entry`` as a :class:`~newsspider.spiders.base.NewsSiteSpider` subclass
    (what ``scrapy genspider -t news`` starts from), for projects and tests without the registry."""
    lines = ["from newsspider.spiders.base import NewsSiteSpider", "", "", f"class {class_name}(NewsSiteSpider):"]
    for key in ENTRY_KEYS:
        if key != "languages" and entry.get(key) not in (None, "", [], ()):
            lines.append(f"    {SPIDER_ATTRIBUTES.get(key, key)} = {entry[key]!r}")
    return "\n".join(lines) + "\n"

"""A site entry: one news site as a TOML file ``<name>.toml`` (the format: docs/add-a-site.md).

- :func:`load_entry` reads and checks one file: a bad entry raises :class:`EntryError`, one line
  naming the file and the key;
- :func:`dump_entry` writes an entry as TOML (keys in a stable order), the one writer of entries
  (``newsspider new-site`` writes its entries with it);
- :func:`spider_class` makes a :class:`~newsspider.spiders.base.NewsSiteSpider` subclass of it
  (the ``sites`` spider compiles one per site it crawls).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from newsspider.extraction.rules import FieldRule
from newsspider.sites import values
from newsspider.sites.fields import field_rules, field_specs
from newsspider.sites.versions import VERSION_KEYS, SiteVersion, site_version

if TYPE_CHECKING:
    from newsspider.spiders.base import NewsSiteSpider

NAME = re.compile(r"^[a-z0-9_]+$")
#: Every key of an entry, in the order :func:`dump_entry` writes them.
ENTRY_KEYS = (
    "name", "domains", "start_urls", "feeds", "sitemaps", "article_urls", "follow_urls", "deny_urls",
    "remove_selectors", "boilerplate_patterns", "body_selector", "languages", "fields", "versions",
)  # fmt: skip


class EntryError(ValueError):
    """A site entry that cannot be used; the message is one line: ``file: key: problem; fix``."""


@dataclass(frozen=True)
class SiteEntry:
    """One site, as its TOML entry declares it (see docs/add-a-site.md)."""

    name: str
    start_urls: tuple[str, ...]
    domains: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    follow_urls: tuple[str, ...] = ()
    deny_urls: tuple[str, ...] = ()
    remove_selectors: tuple[str, ...] = ()
    boilerplate_patterns: tuple[str, ...] = ()
    body_selector: str = ""
    languages: tuple[str, ...] = ()
    fields: tuple[FieldRule, ...] = ()
    versions: tuple[SiteVersion, ...] = ()
    #: The file it was read from ("" when built in code).
    path: str = field(default="", compare=False)

    def allowed_domains(self) -> list[str]:
        """``domains``, else the hosts of the start URLs (without ``www.``)."""
        from newsspider.spiders.siteplan import start_hosts

        return list(self.domains) or start_hosts(self.start_urls)

    def rebased(self, url: str) -> SiteEntry:
        """The entry served at another address: start URLs, and feeds and sitemaps on the site's
        hosts, moved to ``url``'s scheme, host and port (paths kept); domains: ``url``'s host.
        ``-a url=`` of the ``sites`` spider (a copy of a site on a local server)."""
        base = urlsplit(url)
        hosts = {urlsplit(u).netloc for u in self.start_urls}

        def moved(u: str) -> str:
            parts = urlsplit(u)
            if parts.scheme and parts.netloc not in hosts:
                return u
            return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, parts.fragment)) if parts.scheme else u

        return replace(
            self,
            start_urls=tuple(dict.fromkeys(moved(u) for u in self.start_urls)),
            feeds=tuple(moved(u) for u in self.feeds),
            sitemaps=tuple(moved(u) for u in self.sitemaps),
            domains=(base.hostname or "",),
        )


def parse_entry(data: Mapping[str, Any]) -> SiteEntry:
    """An entry from its TOML table; ValueError ``key: problem; fix`` on a bad one."""
    unknown = [k for k in data if k not in ENTRY_KEYS]
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown key; an entry has {', '.join(ENTRY_KEYS)}")
    for required in ("name", "start_urls"):
        if required not in data:
            raise ValueError(f"{required}: missing (required)")
    name = values.text("name", data["name"])
    if not NAME.match(name):
        raise ValueError(f"name: {name!r} is not a site name; use lower-case letters, digits and _ only")
    start_urls = values.url_list("start_urls", data["start_urls"])
    if not start_urls:
        raise ValueError("start_urls: empty; give at least one, e.g. [\"https://example.com/\"]")
    versions = data.get("versions", [])
    if not isinstance(versions, list):
        raise ValueError("versions: give [[versions]] tables")
    return SiteEntry(
        name=name,
        start_urls=start_urls,
        domains=values.domain_list("domains", data.get("domains", [])),
        feeds=values.url_list("feeds", data.get("feeds", []), path_ok=True),
        sitemaps=values.url_list("sitemaps", data.get("sitemaps", []), path_ok=True),
        article_urls=values.regex_list("article_urls", data.get("article_urls", [])),
        follow_urls=values.regex_list("follow_urls", data.get("follow_urls", [])),
        deny_urls=values.regex_list("deny_urls", data.get("deny_urls", [])),
        remove_selectors=values.selector_list("remove_selectors", data.get("remove_selectors", [])),
        boilerplate_patterns=values.regex_list("boilerplate_patterns", data.get("boilerplate_patterns", [])),
        body_selector=values.selector("body_selector", data["body_selector"]) if data.get("body_selector") else "",
        languages=values.text_list("languages", data.get("languages", [])),
        fields=field_rules(data.get("fields", {})),
        versions=tuple(site_version(v, f"versions[{i}]") for i, v in enumerate(versions)),
    )


def load_entry(path: str | Path) -> SiteEntry:
    """Read and check the entry at ``path``; :class:`EntryError` naming the file and key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise EntryError(f"{path}: cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise EntryError(f"{path}: not valid TOML ({err})") from None
    try:
        entry = parse_entry(data)
    except ValueError as err:
        raise EntryError(f"{path}: {err}") from None
    if entry.name != path.stem:
        raise EntryError(f"{path}: name: {entry.name!r} differs from the file name; name the file {entry.name}.toml")
    return replace(entry, path=str(path))


# -- writing -----------------------------------------------------------------------------------


def _string(value: str) -> str:
    """A TOML string: basic ("…") when nothing needs escaping, else literal ('…', regexes stay
    readable) when it can be, else basic with escapes."""
    plain = not any(ord(c) < 32 or c == "\x7f" for c in value)
    if plain and "\\" not in value and '"' not in value:
        return f'"{value}"'
    if plain and "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    return "[" + ", ".join(_value(v) for v in value) + "]"


def _key(name: str) -> str:
    return name if re.match(r"^[A-Za-z0-9_-]+$", name) else _string(name)


def dump_entry(entry: SiteEntry, comment: str = "") -> str:
    """The entry as TOML text that :func:`load_entry` reads back equal; empty keys left out;
    ``comment`` (e.g. where the entry came from) as ``#`` lines first."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for key in ENTRY_KEYS:
        value = getattr(entry, key)
        if key in ("fields", "versions") or not value:
            continue
        lines.append(f"{key} = {_value(value)}")
    if entry.fields:
        lines += ["", "[fields]", *(f"{_key(k)} = {_value(v)}" for k, v in field_specs(entry.fields).items())]
    for version in entry.versions:
        lines += ["", "[[versions]]"]
        for key in VERSION_KEYS:
            value = getattr(version, key)
            if key == "fields" or value is None or (key == "body_selector" and not value):
                continue
            lines.append(f"{key} = {_value(value)}")
        if version.fields:
            lines += ["", "[versions.fields]", *(f"{_key(k)} = {_value(v)}" for k, v in field_specs(version.fields).items())]
    return "\n".join(lines) + "\n"


# -- as a spider -------------------------------------------------------------------------------


def spider_class(entry: SiteEntry) -> type[NewsSiteSpider]:
    """A :class:`~newsspider.spiders.base.NewsSiteSpider` subclass crawling this site."""
    from newsspider.spiders.base import NewsSiteSpider

    attributes: dict[str, Any] = {
        "__doc__": f"The site entry {entry.path or entry.name}.",
        "__module__": __name__,
        "name": entry.name,
        "allowed_domains": list(entry.domains),  # empty: the start URLs' hosts (NewsSiteSpider)
        "start_urls": list(entry.start_urls),
        "feeds": entry.feeds,
        "sitemaps": entry.sitemaps,
        "article_urls": entry.article_urls,
        "follow_urls": entry.follow_urls,
        "deny_urls": entry.deny_urls,
        "remove_selectors": entry.remove_selectors,
        "boilerplate_patterns": entry.boilerplate_patterns,
        "body_selector": entry.body_selector or None,
        "field_selectors": entry.fields,
        "versions": entry.versions,
    }
    return type(f"Site_{entry.name}", (NewsSiteSpider,), attributes)

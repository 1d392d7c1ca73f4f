"""``[[versions]]`` of a site entry: the extraction rules of an older design of the site, valid for
pages published before ``until``. A version may change only what extraction reads (URLs are
decided before a page's date is known)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsspider.extraction.rules import FieldRule
from newsspider.sites import values
from newsspider.sites.fields import field_rules

#: Keys a version may set, in the order an entry is written.
VERSION_KEYS = ("until", "remove_selectors", "boilerplate_patterns", "body_selector", "fields")


@dataclass(frozen=True)
class SiteVersion:
    """Overrides of the top-level rules (None: unchanged) for pages dated before ``until``."""

    until: str
    remove_selectors: tuple[str, ...] | None = None
    boilerplate_patterns: tuple[str, ...] | None = None
    body_selector: str | None = None
    fields: tuple[FieldRule, ...] = ()


def until_day(key: str, value: Any) -> str:
    """``YYYY-MM-DD`` from a TOML date or a string."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat() if isinstance(value, str) else _bad_until(key, value)
    except ValueError:
        return _bad_until(key, value)


def _bad_until(key: str, value: Any) -> str:
    raise ValueError(f"{key}: {value!r} is not a date; give e.g. until = \"2024-06-01\"")


def site_version(data: Any, key: str = "versions[0]") -> SiteVersion:
    """One ``[[versions]]`` table; ValueError naming ``key`` and the fix."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{key}: give a table ([[versions]]) with until = \"YYYY-MM-DD\" and the keys it changes")
    unknown = [k for k in data if k not in VERSION_KEYS]
    if unknown:
        raise ValueError(f"{key}.{unknown[0]}: a version may set only {', '.join(VERSION_KEYS)}")
    if "until" not in data:
        raise ValueError(f"{key}.until: missing; give the date the design ended, e.g. until = \"2024-06-01\"")
    return SiteVersion(
        until=until_day(f"{key}.until", data["until"]),
        remove_selectors=values.selector_list(f"{key}.remove_selectors", data["remove_selectors"]) if "remove_selectors" in data else None,
        boilerplate_patterns=values.regex_list(f"{key}.boilerplate_patterns", data["boilerplate_patterns"]) if "boilerplate_patterns" in data else None,
        body_selector=values.selector(f"{key}.body_selector", data["body_selector"]) if data.get("body_selector") else None,
        fields=field_rules(data.get("fields", {}), key=f"{key}.fields"),
    )  # fmt: skip

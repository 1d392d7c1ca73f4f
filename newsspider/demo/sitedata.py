"""The demo site's words, sentence tables and page templates, loaded from ``demo/data/``.

- ``site.json``: the site's name, its section order and the boilerplate lines of the pages
- ``words.json``: people, places, organisations and the small word lists of the generator
- ``sentences.json``: section-independent sentence templates (quotes, background, outlook ...)
- ``sections/<slug>.json``: one section, its story kinds and their sentence templates
- ``templates/*.html``, ``*.svg``: page skeletons with :class:`string.Template` placeholders
- ``static/``: files copied to the site as they are

Sentence templates use :meth:`str.format` fields (``{city}``, ``{Country}``, ``{money}``),
filled by :mod:`newsspider.demo.textgen`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

DATA = files("newsspider.demo") / "data"


def load_json(name: str) -> Any:
    """A JSON file of ``demo/data/``."""
    return json.loads(DATA.joinpath(name).read_text(encoding="utf-8"))


def data_text(name: str) -> str:
    """A text file of ``demo/data/``, as it is."""
    return DATA.joinpath(name).read_text(encoding="utf-8")


@cache
def template(name: str) -> Template:
    """The page template ``demo/data/templates/<name>``."""
    return Template(data_text(f"templates/{name}"))


@dataclass(frozen=True)
class Kind:
    """A family of stories: headline, lede and detail templates plus its entities."""

    name: str
    tag: str
    topics: tuple[str, ...]
    orgs: tuple[str, ...]
    p1_roles: tuple[str, ...]
    headlines: tuple[str, ...]
    ledes: tuple[str, ...]
    details: tuple[str, ...]
    general: tuple[str, ...] = ()  # replaces the section's generic sentences if set


@dataclass(frozen=True)
class SectionSpec:
    """A site section with its story kinds, generic sentences and tags."""

    name: str
    slug: str
    blurb: str
    money_scale: str  # "large", "medium" or "small": the amounts of money its stories name
    kinds: tuple[Kind, ...]
    general: tuple[str, ...]
    p2_roles: tuple[str, ...]
    p3_roles: tuple[str, ...]
    list_items: tuple[str, ...]
    extra_tags: tuple[str, ...]


def _tuples(data: dict[str, Any]) -> dict[str, Any]:
    """JSON lists as tuples (the dataclasses are frozen)."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}


def load_section(slug: str) -> SectionSpec:
    """``sections/<slug>.json`` as a :class:`SectionSpec`."""
    data = _tuples(load_json(f"sections/{slug}.json"))
    data["kinds"] = tuple(Kind(**_tuples(kind)) for kind in data["kinds"])
    return SectionSpec(**data)


SITE: dict[str, Any] = load_json("site.json")
WORDS: dict[str, Any] = {key: tuple(value) for key, value in load_json("words.json").items()}
SENTENCES: dict[str, tuple[str, ...]] = {
    key: tuple(value) for key, value in load_json("sentences.json").items()
}

SITE_NAME: str = SITE["site_name"]
SECTIONS: tuple[SectionSpec, ...] = tuple(load_section(slug) for slug in SITE["sections"])
AUTHORS: tuple[tuple[str, str], ...] = tuple((name, title) for name, title in WORDS["authors"])
MONTHS: tuple[str, ...] = WORDS["months"]
WEEKDAYS: tuple[str, ...] = WORDS["weekdays"]
COUNTRIES: tuple[str, ...] = WORDS["countries"]
CITIES: tuple[str, ...] = WORDS["cities"]

#: Strings found on article pages that must never occur in an article body.
BOILERPLATE_MARKERS: list[str] = SITE["boilerplate_markers"]
#: Lines of the obfuscated template that only site-level learning can remove: they repeat on
#: every page of that template, but no generic boilerplate rule knows their wording.
SITE_BOILERPLATE_MARKERS: list[str] = [SITE["site_promo"], SITE["site_corrections"]]

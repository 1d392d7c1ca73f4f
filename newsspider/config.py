"""Every ``NEWSSPIDER_*`` setting, declared once: name, type, default, one-line doc.

The add-on applies the defaults, components read values through :func:`get`, bad values fail
with one line naming the setting, and the docs' settings table is rendered from :data:`SETTINGS`
(:func:`markdown_table`). A test compares this declaration with every ``NEWSSPIDER_*`` name the
code reads.

SKELETON (coordinator): the interface is fixed — ``Setting``, ``SETTINGS``, ``get``,
``markdown_table``; the declaration and the reads are being completed on the ``addon`` branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


@dataclass(frozen=True)
class Setting:
    """One declared setting. ``type`` is one of ``bool int float str list dict``."""

    name: str
    type: str
    default: Any
    doc: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("NEWSSPIDER_NORMALIZE_ENABLED", "bool", True,
                "whitespace, Unicode NFC, ISO 8601 dates, absolute URLs, `word_count`, `fingerprint`"),
        Setting("NEWSSPIDER_VALIDATE_ENABLED", "bool", True,
                "drop records missing a required field (`url`, `site`, `title`, `body`) or with a bad URL/date"),
        Setting("NEWSSPIDER_MIN_BODY_WORDS", "int", 50,
                "records with fewer body words are dropped (`too_short`); words counted as in `word_count`"),
    )
}


def get(settings: BaseSettings, name: str) -> Any:
    """The value of declared setting ``name`` in ``settings`` (its declared default when unset)."""
    declared = SETTINGS[name]
    return settings.get(name, declared.default)


def markdown_table() -> str:
    """The settings table of the docs: one row per declared setting."""
    rows = ["| setting | type | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS.values():
        rows.append(f"| `{s.name}` | {s.type} | `{s.default!r}` | {s.doc} |")
    return "\n".join(rows)

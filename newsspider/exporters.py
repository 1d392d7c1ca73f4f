"""Feed exporters for newsspider records: safe to read back, safe to open in a spreadsheet.

Registered by the project settings in ``FEED_EXPORTERS``:

- ``jsonlines``/``jsonl`` -> :class:`JsonLinesItemExporter`: every string is sanitised
  (lone surrogates and NUL removed, see :func:`clean_text`), so every line is valid UTF-8 and
  valid JSON; each line is written and flushed whole, so a reader of the file of a killed
  crawl gets every complete line (:func:`read_complete_lines`).
- ``csv`` -> :class:`CsvItemExporter`: list fields (``authors``, ``tags``) as
  ``Jane Doe; John Smith`` instead of Scrapy's comma-joined ``Jane Doe,John Smith``, strings
  sanitised as above, and spreadsheet formulas neutralised (:func:`escape_formula`, setting
  ``NEWSSPIDER_CSV_ESCAPE_FORMULAS``, default ``True``).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter
from scrapy.exporters import JsonLinesItemExporter as ScrapyJsonLinesItemExporter

from newsspider import config

#: Separator between the values of a list field in one CSV cell.
MULTIVALUE_SEPARATOR = "; "

#: Characters removed from every exported string: NUL and lone (unpaired) surrogates, which
#: are not valid UTF-8 and break JSON/CSV readers and databases.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")

#: A cell starting with one of these is always a formula to a spreadsheet.
_ALWAYS_FORMULA = ("=", "@", "\t", "\r")
#: A cell starting with ``+``/``-`` is a formula that can call, reference or compare only when
#: it also contains one of these; "- 5 degrees", "-5" or "+44 20 7946 0000" stay as they are.
_FORMULA_SIGNS = re.compile(r"[(|!=]")
ESCAPE_PREFIX = "'"


def clean_text(value: str) -> str:
    """``value`` without NUL characters and lone surrogates (valid UTF-8, JSON and CSV)."""
    return _UNSAFE.sub("", value)


def clean_value(value: Any) -> Any:
    """:func:`clean_text` applied to every string in ``value`` (lists and dicts included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_value(v) for k, v in value.items()}
    return value


def is_formula(cell: str) -> bool:
    """True when a spreadsheet would evaluate ``cell`` as a formula that can do harm."""
    if cell.startswith(_ALWAYS_FORMULA):
        return True
    return cell.startswith(("+", "-")) and _FORMULA_SIGNS.search(cell) is not None


def _looks_escaped(cell: str) -> bool:
    quoted = cell.lstrip(ESCAPE_PREFIX)
    return len(quoted) < len(cell) and is_formula(quoted)


def escape_formula(cell: str) -> str:
    """The documented CSV rule: prefix ``'`` to a cell a spreadsheet would run as a formula.

    Escaped: cells starting with ``=``, ``@``, tab or CR; cells starting with ``+`` or ``-``
    that also contain ``(``, ``|``, ``!`` or ``=``; and, so that :func:`unescape_formula` is
    exact, cells that already look escaped (``'`` s followed by such a cell).
    """
    return ESCAPE_PREFIX + cell if is_formula(cell) or _looks_escaped(cell) else cell


def unescape_formula(cell: str) -> str:
    """The original text of a cell written by :func:`escape_formula`."""
    return cell[1:] if _looks_escaped(cell) else cell


@lru_cache(maxsize=32)
def _plain_dataclass_fields(item_class: type) -> tuple[str, ...] | None:
    """The field names, in order, of a dataclass item class none of whose fields names a
    ``serializer`` (newsspider's ``Article``); None for any other item class."""
    if not dataclasses.is_dataclass(item_class):
        return None
    fields = dataclasses.fields(item_class)
    if any("serializer" in field.metadata for field in fields):
        return None
    return tuple(field.name for field in fields)


_NO_META: dict[str, Any] = {}


class PlainDataclassFields:
    """Exporter mixin: a dataclass record's fields read directly, not through ``ItemAdapter``.

    Scrapy looks each field's metadata up in ``dataclasses.fields`` (a scan per field, per
    record); a record whose class declares no ``serializer`` needs none of it. Same fields, same
    order, same ``serialize_field`` as Scrapy's, and Scrapy's own path for anything else.
    """

    fields_to_export: Any

    def get_serialized_fields(self, item: Any, default_value: Any = None, include_empty: bool | None = None) -> Iterable[tuple[str, Any]]:
        names = _plain_dataclass_fields(type(item))
        wanted = self.fields_to_export
        if names is None or not (wanted is None or isinstance(wanted, (list, tuple)) and set(wanted).issubset(names)):
            return super().get_serialized_fields(item, default_value, include_empty)  # type: ignore[misc]
        return [(name, self.serialize_field(_NO_META, name, getattr(item, name))) for name in wanted or names]  # type: ignore[attr-defined]


class JsonLinesItemExporter(PlainDataclassFields, ScrapyJsonLinesItemExporter):
    """Scrapy's JSON lines exporter with sanitised strings and one flushed write per record."""

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        return clean_value(super().serialize_field(field, name, value))

    def export_item(self, item: Any) -> None:
        super().export_item(item)
        self.file.flush()


class CsvItemExporter(PlainDataclassFields, ScrapyCsvItemExporter):
    """Scrapy's CSV exporter with ``join_multivalued="; "``, sanitised strings and formula escaping.

    ``join_multivalued`` and ``escape_formulas`` are overridable per feed through
    ``FEEDS[...]["item_export_kwargs"]``. The header row is the item's fields in declaration
    order (``FEED_EXPORT_FIELDS`` when set); bodies with newlines and quotes are quoted per
    RFC 4180 and read back intact by :mod:`csv`. Appending to a file that has rows already (``-o``,
    or ``-O`` on a killed crawl's file) writes no second header row.
    """

    def __init__(
        self,
        file: IO[bytes],
        include_headers_line: bool = True,
        join_multivalued: str = MULTIVALUE_SEPARATOR,
        errors: str | None = None,
        escape_formulas: bool = True,
        **kwargs: Any,
    ) -> None:
        self.escape_formulas = escape_formulas
        if include_headers_line and _appends_to_rows(file):
            include_headers_line = False
        super().__init__(
            file,
            include_headers_line=include_headers_line,
            join_multivalued=join_multivalued,
            errors=errors,
            **kwargs,
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: IO[bytes], **kwargs: Any) -> CsvItemExporter:
        kwargs.setdefault("escape_formulas", config.get(crawler.settings, "NEWSSPIDER_CSV_ESCAPE_FORMULAS"))
        return cls(file, **kwargs)

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        value = clean_value(super().serialize_field(field, name, value))
        if self.escape_formulas and isinstance(value, str):
            return escape_formula(value)
        return value


def _appends_to_rows(file: IO[bytes]) -> bool:
    """Whether ``file`` was opened to append to a file that already holds something."""
    try:
        return "a" in str(getattr(file, "mode", "")) and file.tell() > 0
    except (OSError, ValueError):
        return False


def read_complete_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON lines file, skipping a last line cut short by a killed crawl."""
    with Path(path).open("rb") as file:
        for raw in file:
            if not raw.endswith(b"\n"):
                return  # written partially when the process died
            if raw.strip():
                yield json.loads(raw)

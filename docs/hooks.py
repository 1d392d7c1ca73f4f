"""MkDocs hook: the tables that come from the code, rendered at build time.

A page holds a marker such as ``<!-- generated: settings -->``; :func:`on_page_markdown` replaces
it with the table built from the declaration in the code, so the docs cannot drift from it:

- ``settings``: ``newsspider.config.markdown_table()`` (every ``NEWSSPIDER_*`` setting);
- ``stats``: ``newsspider.stats.markdown_table()`` (every stats key newsspider writes);
- ``record``: the fields of ``newsspider.items.Article`` (type, required, ``metadata["doc"]``);
- ``parquet-schema``: the Parquet feed's columns and Arrow types (``newsspider.parquet.article_schema()``).

An unknown marker fails the build.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

# Render this checkout's code, whichever newsspider the environment has installed.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MARKER = re.compile(r"<!--\s*generated:\s*([\w-]+)\s*-->")


def record_table() -> str:
    """One row per field of the exported record, in export order."""
    from newsspider.items import Article

    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for f in fields(Article):
        kind = str(f.type)
        required = "yes" if f.metadata.get("required") else ""
        rows.append(f"| `{f.name}` | `{kind}` | {required} | {f.metadata.get('doc', '')} |")
    return "\n".join(rows)


def parquet_schema_table() -> str:
    """The Parquet feed's columns: the record's fields, then the parsed timestamps."""
    from newsspider.parquet import article_schema

    rows = ["| column | Arrow type |", "|---|---|"]
    rows += [f"| `{column.name}` | `{column.type}` |" for column in article_schema()]
    return "\n".join(rows)


def settings_table() -> str:
    from newsspider.config import markdown_table

    return markdown_table()


def stats_table() -> str:
    from newsspider.stats import markdown_table

    return markdown_table()


GENERATORS: dict[str, Callable[[], str]] = {
    "record": record_table,
    "parquet-schema": parquet_schema_table,
    "settings": settings_table,
    "stats": stats_table,
}


def on_page_markdown(markdown: str, page: Any, **_kwargs: Any) -> str:
    def render(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERATORS:
            raise ValueError(f"{page.file.src_path}: unknown marker <!-- generated: {name} -->; known: {sorted(GENERATORS)}")
        return GENERATORS[name]()

    return MARKER.sub(render, markdown)

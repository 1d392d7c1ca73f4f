"""Tests for newsspider.exporters.CsvItemExporter: "; "-joined lists, header order, round-trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsspider.exporters import (
    CsvItemExporter,
    clean_value,
    escape_formula,
    unescape_formula,
)
from newsspider.items import ARTICLE_FIELDS, Article

BODY = 'First paragraph, with a comma and "quotes".\n\nSecond paragraph;\nwith a line break\r\nand CRLF.'


def articles() -> list[Article]:
    return [
        Article(
            url="https://news.example.com/a",
            canonical_url="https://news.example.com/a",
            site="demo",
            title='Headline, "quoted"',
            authors=["Jane Doe", "John Smith"],
            published="2024-04-21T10:15:00+02:00",
            tags=["politics", "economy"],
            body=BODY,
            word_count=len(BODY.split()),
            fingerprint="0" * 40,
        ),
        Article(url="https://news.example.com/b", site="demo", title="Second", authors=["Ana Pérez"], body="Short body"),
    ]


def export(items: list[Any], **kwargs: Any) -> str:
    buffer = io.BytesIO()
    exporter = CsvItemExporter(buffer, **kwargs)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return buffer.getvalue().decode("utf-8")


def read_back(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_header_is_article_fields_in_order() -> None:
    header, rows = read_back(export(articles()))
    assert header == list(ARTICLE_FIELDS)
    assert len(rows) == 2


def test_lists_joined_with_semicolon_space() -> None:
    _, rows = read_back(export(articles()))
    assert rows[0]["authors"] == "Jane Doe; John Smith"
    assert rows[0]["tags"] == "politics; economy"
    assert rows[1]["authors"] == "Ana Pérez"
    assert rows[1]["tags"] == ""


def test_multiline_body_quotes_and_commas_round_trip() -> None:
    _, rows = read_back(export(articles()))
    assert rows[0]["body"] == BODY
    assert rows[0]["title"] == 'Headline, "quoted"'
    assert rows[0]["published"] == "2024-04-21T10:15:00+02:00"
    assert rows[0]["word_count"] == str(len(BODY.split()))
    assert rows[1]["body"] == "Short body"
    assert rows[1]["canonical_url"] == ""  # None -> empty cell
    assert rows[1]["word_count"] == "0"


def test_separator_still_overridable() -> None:
    _, rows = read_back(export(articles(), join_multivalued="|"))
    assert rows[0]["authors"] == "Jane Doe|John Smith"


def test_differs_from_scrapy_default() -> None:
    buffer = io.BytesIO()
    exporter = ScrapyCsvItemExporter(buffer)
    exporter.start_exporting()
    exporter.export_item(articles()[0])
    exporter.finish_exporting()
    _, rows = read_back(buffer.getvalue().decode("utf-8"))
    assert rows[0]["authors"] == "Jane Doe,John Smith"  # what we replace


def test_built_like_the_feed_exporter_does(tmp_path: Path) -> None:
    """FEED_EXPORTERS builds exporters with build_from_crawler(cls, crawler, file) and no kwargs."""
    crawler = get_crawler(settings_dict={"FEED_EXPORTERS": {"csv": "newsspider.exporters.CsvItemExporter"}})
    path = tmp_path / "out.csv"
    with path.open("wb") as fh:
        exporter = build_from_crawler(CsvItemExporter, crawler, fh)
        exporter.start_exporting()
        for item in articles():
            exporter.export_item(item)
        exporter.finish_exporting()
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == list(ARTICLE_FIELDS)
    assert [r["authors"] for r in rows] == ["Jane Doe; John Smith", "Ana Pérez"]
    assert rows[0]["body"] == BODY


def test_dict_keys_are_cleaned_too() -> None:
    # Found by mutmut (docs/tests.md): only the values were checked.
    assert clean_value({"sec\x00tion": ["a\x00b"]}) == {"section": ["ab"]}


def test_text_starting_with_an_apostrophe_is_not_taken_for_an_escaped_formula() -> None:
    # Found by mutmut: a cell is "escaped" only if what follows the apostrophe is a formula.
    for cell in ("'tis the season", "'90s revival"):
        assert escape_formula(cell) == cell
        assert unescape_formula(cell) == cell
    for formula in ("=SUM(A1:A3)", "@cmd", "-1+cmd|' /C calc'!A0", "'=1+1"):
        assert unescape_formula(escape_formula(formula)) == formula
    assert escape_formula("=SUM(A1:A3)") == "'=SUM(A1:A3)"
    assert unescape_formula("=1+1") == "=1+1"  # never written unescaped, but not cut either
    assert unescape_formula(escape_formula("'=1+1")) == "'=1+1"


def test_appending_to_a_csv_file_with_rows_writes_no_second_header(tmp_path: Path) -> None:
    """``-o`` (and ``-O`` on a killed crawl's file) appends: the file stays one table."""
    crawler = get_crawler(settings_dict={"FEED_EXPORTERS": {"csv": "newsspider.exporters.CsvItemExporter"}})
    path = tmp_path / "out.csv"
    for mode in ("wb", "ab", "ab"):
        with path.open(mode) as fh:
            exporter = build_from_crawler(CsvItemExporter, crawler, fh)
            exporter.start_exporting()
            exporter.export_item(articles()[1])
            exporter.finish_exporting()
    fields, rows = read_back(path.read_text(encoding="utf-8"))
    assert fields == list(ARTICLE_FIELDS)
    assert [r["url"] for r in rows] == ["https://news.example.com/b"] * 3

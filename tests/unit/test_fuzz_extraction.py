"""Property-based fuzzing: random and mutated HTML through extraction, pipelines and exporters.

No exception escapes; every record that survives the pipelines validates; every exported JSONL
line parses and every CSV row reads back.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newsspider.exporters import (
    CsvItemExporter,
    JsonLinesItemExporter,
    unescape_formula,
)
from newsspider.extraction import extract_page
from newsspider.items import REQUIRED_FIELDS, article_from_fields
from pipelines.normalize import NormalizePipeline
from pipelines.validate import ValidatePipeline, validation_error
from tests.faults.server import article_html

SEED = article_html(1).encode("utf-8")
TAGS = ["<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "</script>", "<!--", "-->", "<![CDATA[",
        "<meta charset=\"shift_jis\">", "<title>", "</title>", "&#0;", "&#xD800;", "&amp", "<", ">", "\x00", "\ufeff"]  # fmt: skip


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """The seed article with random byte-level edits: insertions, deletions, junk, tags."""
    data = bytearray(SEED)
    for _ in range(draw(st.integers(0, 8))):
        pos = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert_bytes", "insert_tag", "delete", "truncate"]))
        if kind == "insert_bytes":
            data[pos:pos] = draw(st.binary(max_size=40))
        elif kind == "insert_tag":
            data[pos:pos] = draw(st.sampled_from(TAGS)).encode("utf-8", "surrogatepass")
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 200))]
        else:
            del data[pos:]
    return bytes(data)


# Values a page can put where a URL, a name or a date is expected, and that libraries refuse
# (urllib: bracketed hosts; lxml: control characters in XPath variables).
ODD_VALUES = ["https://[]/x", "http://[::1", "https://news.example:port/", "\x01", "\x0b", "\x85", "\ud800",
              "\u202e", "\uffff", "]]>", "&#0;", "By ", " | ", "2025-13-45T99:99+25:00", "null", "{}", "[]"]  # fmt: skip
ATTRIBUTE_VALUE = re.compile(rb'(?:content|href|datetime|src)="([^"]*)"')


@st.composite
def odd_attribute_pages(draw: st.DrawFn) -> bytes:
    """The seed article with odd values put into its attribute values (meta content, links,
    times) and cut anywhere: what metadata and link code read."""
    data = bytearray(SEED)
    spans = [match.span(1) for match in ATTRIBUTE_VALUE.finditer(SEED)]
    for _ in range(draw(st.integers(1, 6))):
        start, end = draw(st.sampled_from(spans))
        pos = draw(st.integers(start, end))
        odd = draw(st.sampled_from(ODD_VALUES)).encode("utf-8", "surrogatepass")
        data[pos:pos] = odd if draw(st.booleans()) else b""
        if draw(st.booleans()):  # the whole value replaced
            data[start:end] = odd
            spans = [match.span(1) for match in ATTRIBUTE_VALUE.finditer(bytes(data))] or spans
    if draw(st.integers(0, 4)) == 0:
        del data[draw(st.integers(0, len(data))) :]
    return bytes(data)


random_pages = st.one_of(
    mutated_pages(),
    odd_attribute_pages(),
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(TAGS + ["word ", "Headline. ", "\n"]), max_size=300).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
)


def run_pipelines(item: Any) -> Any | None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_MIN_BODY_WORDS": 5})
    try:
        for pipeline in (NormalizePipeline.from_crawler(crawler), ValidatePipeline.from_crawler(crawler)):
            item = pipeline.process_item(item)
    except DropItem:
        return None
    return item


def export(exporter_cls: type, item: Any) -> bytes:
    buffer = io.BytesIO()
    exporter = exporter_cls(buffer, encoding="utf-8")
    exporter.start_exporting()
    exporter.export_item(item)
    exporter.finish_exporting()
    return buffer.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=random_pages, assume_article=st.booleans())
def test_random_html_never_escapes_and_always_exports_cleanly(page: bytes, assume_article: bool) -> None:
    for html in (page, page.decode("utf-8", errors="surrogateescape")):
        result = extract_page(html, "https://news.example/2024/01/01/story", assume_article=assume_article)
        assert (result.fields is None) != (result.skip_reason is None)
        if result.fields is None:
            continue
        fetched = datetime.now(UTC).isoformat(timespec="seconds")
        item = run_pipelines(article_from_fields(result.fields, url="https://news.example/a", site="fuzz", fetched_at=fetched))
        if item is None:
            continue
        assert validation_error(ItemAdapter(item), min_body_words=5) is None
        record = json.loads(export(JsonLinesItemExporter, item).decode("utf-8"))
        assert all(record[name] for name in REQUIRED_FIELDS)
        [row] = csv.DictReader(io.StringIO(export(CsvItemExporter, item).decode("utf-8"), newline=""))
        assert unescape_formula(row["title"]) == record["title"]

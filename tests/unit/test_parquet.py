"""The Parquet feed's pieces (newsspider/parquet.py, newsspider/parts.py): the schema from the
Article record, values and timestamps, rolling parts, what a killed crawl leaves readable, -O/-o,
write errors, and the up-front feed checks. The crawl-level promises are in tests/crawl/test_parquet_crawl.py."""

from __future__ import annotations

import asyncio
import io
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

import newsspider.parquet
from newsspider.addons import DICT_ENTRIES
from newsspider.feedcheck import feed_problems
from newsspider.items import ARTICLE_FIELDS, DATE_FIELDS, Article
from newsspider.parquet import (
    MISSING_PYARROW,
    PART_CLOSED,
    ParquetItemExporter,
    arrow_type,
    article_schema,
    parse_timestamp,
    read_parts,
)
from newsspider.parts import PartFolder

BODY = "First paragraph with a lone surrogate \ud800 and a NUL \x00.\n\nSecond paragraph."


def article(n: int, **changes: Any) -> Article:
    values: dict[str, Any] = {
        "url": f"https://news.example.com/{n}",
        "canonical_url": f"https://news.example.com/{n}",
        "site": "demo",
        "title": f"Headline {n}",
        "authors": ["Jane Doe", "Zoë Castellanos"],
        "published": "2024-12-01T14:50:00+01:00",
        "modified": "2024-12-02",
        "tags": [],
        "body": BODY,
        "word_count": 12,
        "fetched_at": "2026-12-02T00:32:31+00:00",
    }
    return Article(**{**values, **changes})


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def folder_exporter(path: Path, *, overwrite: bool = True, **kwargs: Any) -> ParquetItemExporter:
    exporter = ParquetItemExporter(PartFolder(path, ".parquet", overwrite=overwrite).open(), **kwargs)
    exporter.start_exporting()
    return exporter


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- schema and values -------------------------------------------------------------------------


def test_schema_is_the_article_fields_then_a_utc_timestamp_per_date_field() -> None:
    schema = article_schema()
    assert schema.names == [*ARTICLE_FIELDS, *(f"{name}_ts" for name in DATE_FIELDS)]
    assert DATE_FIELDS == ("published", "modified", "fetched_at")
    assert schema.field("authors").type == pa.list_(pa.string())
    assert schema.field("tags").type == pa.list_(pa.string())
    assert schema.field("word_count").type == pa.int64()
    assert schema.field("body").type == pa.string() and schema.field("published").type == pa.string()
    assert schema.field("published_ts").type == pa.timestamp("us", tz="UTC")
    assert schema.field("title").metadata[b"doc"] == fields(Article)[3].metadata["doc"].encode()
    assert article_schema(["url", "published"]).names == ["url", "published", "published_ts"]
    with pytest.raises(ValueError, match="Article fields only: nope"):
        article_schema(["url", "nope"])
    with pytest.raises(TypeError, match="has no Parquet type"):
        arrow_type(dict)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-01T14:50:00+01:00", datetime(2024, 12, 1, 13, 50, tzinfo=UTC)),
        ("2024-12-01T14:50:00Z", datetime(2024, 12, 1, 14, 50, tzinfo=UTC)),
        ("2024-12-01T14:50:00.250-05:00", datetime(2024, 12, 1, 19, 50, 0, 250000, tzinfo=UTC)),
        ("2024-12-01", datetime(2024, 12, 1, tzinfo=UTC)),  # a date: midnight UTC
        ("2024-12-01T14:50:00", datetime(2024, 12, 1, 14, 50, tzinfo=UTC)),  # no zone: UTC
        ("0001-01-01T00:30:00+01:00", None),  # before year 1 once in UTC
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_timestamps_parse_iso_8601_to_utc_or_null(text: str | None, expected: datetime | None) -> None:
    assert parse_timestamp(text) == expected


def test_one_file_round_trips_every_field() -> None:
    """Anywhere but a local folder (S3, stdout…) the feed is one Parquet file."""
    buffer = io.BytesIO()
    exporter = ParquetItemExporter(buffer)
    exporter.start_exporting()
    exporter.export_item(article(1))
    exporter.export_item(article(2, authors=[], tags=["Climate"], published="not a date", modified=None, word_count=None))
    exporter.export_item({"url": "https://news.example.com/3", "authors": "Solo Writer", "word_count": "7", "extra": 1})
    exporter.export_item({"url": "https://news.example.com/4", "word_count": 2**63})  # beyond int64: null, not a failed row group
    exporter.finish_exporting()
    assert not buffer.closed  # the storage closes (or uploads) it
    first, second, third, fourth = pq.read_table(io.BytesIO(buffer.getvalue())).to_pylist()
    assert first["body"] == "First paragraph with a lone surrogate  and a NUL .\n\nSecond paragraph."  # as the JSONL feed
    assert first["authors"] == ["Jane Doe", "Zoë Castellanos"] and first["tags"] == []
    assert first["word_count"] == 12 and first["description"] is None
    assert first["published"] == "2024-12-01T14:50:00+01:00"
    assert first["published_ts"] == datetime(2024, 12, 1, 13, 50, tzinfo=UTC)
    assert first["modified_ts"] == datetime(2024, 12, 2, tzinfo=UTC)
    assert (second["published"], second["published_ts"], second["modified_ts"]) == ("not a date", None, None)
    assert second["tags"] == ["Climate"] and second["word_count"] is None
    assert third["authors"] == ["Solo Writer"] and third["word_count"] == 7 and "extra" not in third
    assert fourth["word_count"] is None and fourth["authors"] is None


def test_an_empty_feed_is_a_readable_file_with_the_schema() -> None:
    buffer = io.BytesIO()
    exporter = ParquetItemExporter(buffer)
    exporter.start_exporting()
    exporter.finish_exporting()
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.num_rows == 0 and table.schema.names == article_schema().names


# -- parts -------------------------------------------------------------------------------------


def test_parts_roll_every_n_records_and_a_killed_crawl_leaves_only_whole_parts(tmp_path: Path) -> None:
    folder = tmp_path / "x.parquet"
    exporter = folder_exporter(folder, part_records=2, part_seconds=0)
    for n in range(5):
        exporter.export_item(article(n))
    assert (exporter.written, exporter.durable) == (5, 4)
    # The crawl dies here: two closed parts, the fifth record in an unfinished hidden part.
    assert names(folder) == [".part-00002.parquet.tmp", "part-00000.parquet", "part-00001.parquet"]
    urls = [f"https://news.example.com/{n}" for n in range(4)]
    assert [r["url"] for r in read_parts(folder)] == urls
    assert pq.read_table(folder).column("url").to_pylist() == urls
    assert ds.dataset(folder, format="parquet").count_rows() == 4
    assert sorted(pd.read_parquet(folder)["url"]) == urls
    assert [r for r in read_parts(folder, ["url", "nope"])][0] == {"url": urls[0]}

    # The next crawl appending to it (-o) drops the unfinished part and numbers after the others.
    again = folder_exporter(folder, overwrite=False, part_records=2, part_seconds=0)
    again.export_item(article(9))
    again.finish_exporting()
    assert names(folder) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert pq.read_table(folder / "part-00002.parquet").column("url").to_pylist() == ["https://news.example.com/9"]

    # -O starts again: the earlier parts go, other files stay.
    (folder / "README.txt").write_text("notes", encoding="utf-8")
    fresh = folder_exporter(folder, overwrite=True, part_records=2, part_seconds=0)
    fresh.finish_exporting()  # nothing exported: one empty part with the schema
    assert names(folder) == ["README.txt", "part-00000.parquet"]
    assert pq.read_table(folder / "part-00000.parquet").num_rows == 0


def test_parts_roll_every_m_seconds_and_row_groups_are_written_as_they_come(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newsspider.parquet, "ROW_GROUP_RECORDS", 3)
    folder, clock = tmp_path / "x.parquet", Clock()
    exporter = folder_exporter(folder, part_records=100, part_seconds=60, clock=clock)
    for n in range(7):
        clock.now = n * 9.0
        exporter.export_item(article(n))  # the 7th comes 54 s after the first
    assert exporter.durable == 0 and names(folder) == [".part-00000.parquet.tmp"]
    clock.now = 61.0
    exporter.export_item(article(7))  # the part is 61 s old: closed with this record
    assert exporter.durable == 8
    part = pq.ParquetFile(folder / "part-00000.parquet")
    assert part.metadata.num_rows == 8 and part.metadata.num_row_groups == 3  # 3 + 3 + 2
    assert part.schema_arrow.field("body").type == pa.string()
    assert part.metadata.row_group(0).column(0).compression == "ZSTD"
    exporter.finish_exporting()
    assert names(folder) == ["part-00000.parquet"]  # no second, empty part


def test_a_closed_part_is_signalled_and_counted(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_PARQUET_PART_RECORDS": 2, "NEWSSPIDER_PARQUET_PART_SECONDS": 0})
    crawler.stats.open_spider()
    seen: list[tuple[int, Path, int]] = []
    crawler.signals.connect(lambda exporter, path, records: seen.append((exporter.durable, path, records)), signal=PART_CLOSED, weak=False)
    folder = PartFolder(tmp_path / "x.parquet", ".parquet", overwrite=True).open()
    exporter = ParquetItemExporter.from_crawler(crawler, folder)  # type: ignore[arg-type]
    for n in range(3):
        exporter.export_item(article(n))
    exporter.finish_exporting()
    assert seen == [(2, folder.path / "part-00000.parquet", 2), (3, folder.path / "part-00001.parquet", 1)]
    assert crawler.stats.get_value("newsspider/feed/parts") == 2


def test_a_part_is_closed_on_time_when_no_more_records_come(tmp_path: Path) -> None:
    """In a crawl the part's age is watched by a timer on the event loop, not only at the next record."""
    crawler = get_crawler(settings_dict={"NEWSSPIDER_PARQUET_PART_RECORDS": 100, "NEWSSPIDER_PARQUET_PART_SECONDS": 0.05})
    crawler.stats.open_spider()
    folder = PartFolder(tmp_path / "x.parquet", ".parquet", overwrite=True).open()

    async def export_one() -> ParquetItemExporter:
        closed = asyncio.Event()
        crawler.signals.connect(closed.set, signal=PART_CLOSED, weak=False)
        exporter = ParquetItemExporter.from_crawler(crawler, folder)  # type: ignore[arg-type]
        exporter.export_item(article(0))
        await asyncio.wait_for(closed.wait(), timeout=60)
        return exporter

    exporter = asyncio.run(export_one())
    assert exporter.durable == 1 and names(folder.path) == ["part-00000.parquet"]


def test_a_write_error_loses_only_the_unfinished_part(tmp_path: Path) -> None:
    folder = tmp_path / "x.parquet"
    exporter = folder_exporter(folder, part_records=2, part_seconds=0)
    exporter.export_item(article(0))
    exporter.export_item(article(1))
    (folder / ".part-00001.parquet.tmp").mkdir()  # the next part cannot be created
    with pytest.raises(OSError):
        exporter.export_item(article(2))
    with pytest.raises(RuntimeError, match="stopped at an earlier write error"):
        exporter.export_item(article(3))
    exporter.finish_exporting()
    assert exporter.durable == 2
    assert [r["url"] for r in read_parts(folder)] == ["https://news.example.com/0", "https://news.example.com/1"]


# -- checks before the crawl ---------------------------------------------------------------------


def settings() -> Settings:
    return Settings({"FEED_EXPORTERS": DICT_ENTRIES["FEED_EXPORTERS"]})


def test_a_parquet_feed_is_checked_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "old.parquet").mkdir()
    (tmp_path / "file.parquet").write_bytes(b"PAR1")
    (tmp_path / "plain").write_text("", encoding="utf-8")
    feeds = {
        str(tmp_path / "old.parquet"): {"format": "parquet"},  # an earlier export: fine
        str(tmp_path / "new" / "x.parquet"): {"format": "parquet"},
        str(tmp_path / "file.parquet"): {"format": "parquet"},
        str(tmp_path / "plain" / "x.parquet"): {"format": "parquet"},
        str(tmp_path / "old.parquet" / "x.jsonl"): {"format": "jsonlines"},
    }
    assert feed_problems(feeds, settings()) == [
        f"cannot write the feed {tmp_path / 'file.parquet'}: {tmp_path / 'file.parquet'} is a file, and this feed is a "
        "folder of part files: remove it or give another path",
        f"cannot write the feed {tmp_path / 'plain' / 'x.parquet'}: {tmp_path / 'plain'} is not a folder",
    ]
    assert feed_problems({str(tmp_path / "old.parquet"): {"format": "jsonlines"}}, settings()) == [
        f"cannot write the feed {tmp_path / 'old.parquet'}: {tmp_path / 'old.parquet'} is a folder"
    ]


def test_without_pyarrow_a_parquet_feed_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newsspider.parquet, "pa", None)
    uri = str(tmp_path / "x.parquet")
    assert feed_problems({uri: {"format": "parquet"}, str(tmp_path / "x.jsonl"): {"format": "jsonl"}}, settings()) == [
        f"cannot write the feed {uri}: {MISSING_PYARROW}"
    ]
    with pytest.raises(RuntimeError, match="pip install pyarrow"):
        ParquetItemExporter(io.BytesIO())

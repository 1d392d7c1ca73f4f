"""Parquet feed: ``scrapy crawl … -O exports/x.parquet``, a dataset pandas, pyarrow and
Hugging Face ``datasets`` load directly (docs/exports.md).

- Schema: from the :class:`~newsspider.items.Article` dataclass (:func:`article_schema`): ``str``
  fields as ``string``, ``list[str]`` as ``list<string>``, ``int``/``float``/``bool`` typed; each
  date field (``metadata["date"]``) stays an ISO 8601 string and gets a parsed column
  ``<field>_ts`` (``timestamp[us, tz=UTC]``; a date without a time is midnight UTC, a time without
  a zone is taken as UTC, null when unparsable), after the record's fields. zstd compression.
- Parts: the feed URI is a folder of part files (``newsspider/parts.py``). A part is closed
  (footer written, renamed into place) every ``NEWSSPIDER_PARQUET_PART_RECORDS`` records or
  ``NEWSSPIDER_PARQUET_PART_SECONDS`` seconds after its first record, and when the crawl ends.
  Within a part, records go to disk in row groups of :data:`ROW_GROUP_RECORDS` (or
  :data:`ROW_GROUP_CHARS` of text), so memory stays bounded whatever the part size.
- Exactly once: a record counts as exported (``pipelines/state.py``) only once its part is closed:
  :attr:`ParquetItemExporter.durable` counts those, and the :data:`PART_CLOSED` signal says when it
  grows. A killed crawl's closed parts are read back by the next crawl (:func:`read_parts`,
  ``newsspider/state/recovery.py``); the records of its unfinished part are fetched again.
- Anywhere else (a storage that gives a file: S3, FTP, stdout…) the feed is one Parquet file,
  closed when the crawl ends.

pyarrow is a dependency of newsspider; without it this module still imports (the other feeds
work) and a Parquet feed fails with :data:`MISSING_PYARROW`, before the crawl in ``scrapy crawl``.
"""

from __future__ import annotations

import logging
import time
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Union, get_args, get_origin, get_type_hints

from dateutil.parser import isoparse
from itemadapter import ItemAdapter
from scrapy.exporters import BaseItemExporter
from scrapy.utils.asyncio import CallLaterResult, call_later

from newsspider import config
from newsspider.exporters import clean_text
from newsspider.items import Article
from newsspider.parts import PartFolder

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:  # pragma: no cover - exercised by tests/unit/test_parquet.py with pyarrow hidden
    pa = pq = None

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

MISSING_PYARROW = "the Parquet feed needs pyarrow, which is not installed: pip install pyarrow"
#: Suffix of the parsed timestamp column of a date field.
TS_SUFFIX = "_ts"
#: A row group is written when this many records, or this many characters of text, are buffered:
#: what bounds the exporter's memory (``python benchmarks/parquet.py memory``).
ROW_GROUP_RECORDS = 1000
ROW_GROUP_CHARS = 4_000_000
COMPRESSION = "zstd"
#: No dictionary encoding: zstd finds the repeats (site, section, …) anyway, the files come out
#: 1% smaller without it, and trying it on the long text columns costs memory.
USE_DICTIONARY = False

#: Signal sent when a part is closed: ``exporter`` (its ``durable`` grew), ``path``, ``records``.
PART_CLOSED = object()
PARTS_STAT = "newsspider/feed/parts"
WRITE_ERRORS_STAT = "newsspider/feed/write_errors"


def missing_dependency() -> str | None:
    """Why a Parquet feed cannot be written here (pyarrow missing), or None."""
    return MISSING_PYARROW if pa is None else None


# -- schema ------------------------------------------------------------------------------------


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of an Article field annotation (``X | None`` is ``X``, nullable)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return arrow_type(inner)
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in scalars:
        return scalars[hint]
    raise TypeError(f"the Article field type {hint!r} has no Parquet type: add it to newsspider/parquet.py arrow_type")


def article_schema(names: Sequence[str] | None = None) -> pa.Schema:
    """The Parquet schema of :class:`Article` records (the fields ``names`` only, in that order):
    the fields, then ``<date field>_ts`` for each date field among them."""
    declared = {f.name: f for f in fields(Article)}
    hints = get_type_hints(Article)
    unknown = [n for n in names or () if n not in declared]
    if unknown:
        raise ValueError(f"the Parquet feed exports Article fields only: {', '.join(unknown)} is not one (FEED_EXPORT_FIELDS)")
    chosen = [declared[n] for n in names] if names else list(declared.values())
    columns = [pa.field(f.name, arrow_type(hints[f.name]), metadata={"doc": f.metadata.get("doc", "")}) for f in chosen]
    columns += [
        pa.field(f.name + TS_SUFFIX, pa.timestamp("us", tz="UTC"), metadata={"doc": f"`{f.name}` parsed, in UTC"})
        for f in chosen
        if f.metadata.get("date")
    ]
    return pa.schema(columns)


def parse_timestamp(value: Any) -> datetime | None:
    """An ISO 8601 date/time as an aware UTC datetime (a naive one taken as UTC); None when unparsable."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = isoparse(value.strip())
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # out of range once shifted (year 1 or 9999)
        return None


def _to_str(value: Any) -> str | None:
    return None if value is None else clean_text(str(value))


def _to_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    return [clean_text(str(v)) for v in value if v is not None]


_INT64 = range(-(2**63), 2**63)


def _to_number(kind: type) -> Callable[[Any], Any]:
    """``kind`` (int or float) of a value, None when it is not one (or an int outside int64)."""

    def convert(value: Any) -> Any:
        if value is None or value == "" or isinstance(value, bool):
            return None
        try:
            number = kind(value)
        except (TypeError, ValueError, OverflowError):
            return None
        return None if kind is int and number not in _INT64 else number

    return convert


def _converter(column: pa.Field) -> Callable[[Any], Any]:
    """How an item value becomes a value of ``column``."""
    if pa.types.is_timestamp(column.type):
        return parse_timestamp
    if pa.types.is_list(column.type):
        return _to_list
    if pa.types.is_integer(column.type):
        return _to_number(int)
    if pa.types.is_floating(column.type):
        return _to_number(float)
    if pa.types.is_boolean(column.type):
        return lambda value: None if value is None else bool(value)
    return _to_str


# -- reading back -------------------------------------------------------------------------------


def read_parts(folder: str | Path, columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """The records of the closed parts of a Parquet feed folder (temporary parts skipped), as
    dicts of ``columns`` (those the parts have; all when None)."""
    if pa is None:
        raise RuntimeError(MISSING_PYARROW)
    folder = Path(folder)
    if not folder.is_dir():
        return
    for part in PartFolder(folder, ParquetItemExporter.part_suffix, overwrite=False).parts():
        present = pq.read_schema(part).names
        wanted = [c for c in columns if c in present] if columns is not None else None
        yield from pq.read_table(part, columns=wanted).to_pylist()


# -- writing ------------------------------------------------------------------------------------


class ParquetItemExporter(BaseItemExporter):
    """Scrapy item exporter writing Parquet (module docstring): rolling parts into a
    :class:`~newsspider.parts.PartFolder`, or one file into any other file object.

    Options (``FEEDS[...]["item_export_kwargs"]`` or the settings): ``part_records``
    (``NEWSSPIDER_PARQUET_PART_RECORDS``), ``part_seconds`` (``NEWSSPIDER_PARQUET_PART_SECONDS``,
    0: no time limit), ``compression`` (``zstd``), ``compression_level``; ``fields_to_export``
    (``FEED_EXPORT_FIELDS``) a list of Article fields.
    """

    #: Written as a folder of parts with this suffix (``newsspider/parts.py``).
    part_suffix = ".parquet"
    #: Why this exporter cannot run here (checked by ``scrapy crawl`` before the crawl).
    missing_dependency = staticmethod(missing_dependency)

    def __init__(
        self,
        file: IO[bytes] | PartFolder,
        *,
        part_records: int = 10_000,
        part_seconds: float = 300.0,
        compression: str = COMPRESSION,
        compression_level: int | None = None,
        crawler: Crawler | None = None,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Any,
    ) -> None:
        if pa is None:
            raise RuntimeError(MISSING_PYARROW)
        super().__init__(dont_fail=True, **kwargs)
        if self.fields_to_export is not None and not isinstance(self.fields_to_export, (list, tuple)):
            raise ValueError("the Parquet feed takes FEED_EXPORT_FIELDS as a list of Article fields")
        self.file = file
        self.folder = file if isinstance(file, PartFolder) else None
        self.schema = article_schema(self.fields_to_export)
        self.part_records = max(1, int(part_records))
        self.part_seconds = float(part_seconds)
        self.writer_options = {"compression": compression, "compression_level": compression_level, "use_dictionary": USE_DICTIONARY}
        self.crawler = crawler
        self.clock = clock
        self._convert = [(f.name.removesuffix(TS_SUFFIX) if pa.types.is_timestamp(f.type) else f.name, _converter(f))
                         for f in self.schema]  # fmt: skip
        #: Records exported, and records in closed parts (in the folder, for good).
        self.written = 0
        self.durable = 0
        self.failed: BaseException | None = None
        self._columns: list[list[Any]] = [[] for _ in self.schema]
        self._buffered_chars = 0
        self._writer: pq.ParquetWriter | None = None
        self._temp: Path | None = None
        self._part_started: float | None = None
        self._timer: CallLaterResult | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: IO[bytes], **kwargs: Any) -> ParquetItemExporter:
        kwargs.setdefault("part_records", config.get(crawler.settings, "NEWSSPIDER_PARQUET_PART_RECORDS"))
        kwargs.setdefault("part_seconds", config.get(crawler.settings, "NEWSSPIDER_PARQUET_PART_SECONDS"))
        return cls(file, crawler=crawler, **kwargs)

    @property
    def where(self) -> str:
        return str(self.folder.path) if self.folder is not None else str(getattr(self.file, "name", "the feed file"))

    def export_item(self, item: Any) -> None:
        if self.failed is not None:
            raise RuntimeError(f"the Parquet feed {self.where} stopped at an earlier write error: {self.failed}")
        adapter = ItemAdapter(item)
        row = [convert(adapter.get(name)) for name, convert in self._convert]
        try:
            if self._part_started is None:
                self._start_part()
            for column, value in zip(self._columns, row):
                column.append(value)
            self._buffered_chars += sum(len(v) for v in row if isinstance(v, str))
            if len(self._columns[0]) >= ROW_GROUP_RECORDS or self._buffered_chars >= ROW_GROUP_CHARS:
                self._write_row_group()
        except OSError as err:
            self._abort(err)
            raise
        self.written += 1
        if self.folder is not None and (self.written - self.durable >= self.part_records or self._part_due()):
            self.close_part()

    def finish_exporting(self) -> None:
        """Close the last part (or the file); an empty feed still gets a part with the schema."""
        if self.failed is not None:
            return
        empty = self.folder is not None and not self.folder.parts()
        if self._part_started is None and (self.folder is None and self._writer is None or empty):
            try:
                self._start_part()  # nothing exported: a readable empty dataset
            except OSError as err:
                logger.error("Could not write an empty part of the Parquet feed %s: %s", self.where, err)
                self._abort(err)
                return
        self.close_part()

    def close_part(self) -> None:
        """Write what is buffered and close the current part (footer, rename into place); the
        folder-less feed's file is closed. Errors are logged and counted, not raised (they happen
        on a timer or at the end, where Scrapy would not report them)."""
        if self._part_started is None or self.failed is not None:
            return
        self._cancel_timer()
        records = self.written - self.durable
        try:
            self._write_row_group()
            assert self._writer is not None
            self._writer.close()
            self._writer = None
            path = self.folder.commit(self._temp) if self.folder is not None and self._temp is not None else None
        except OSError as err:
            logger.error("Could not close a part of the Parquet feed %s: %s", self.where, err)
            self._abort(err, stop=True)
            return
        self._part_started, self._temp = None, None
        self.durable = self.written
        if path is not None and self.crawler is not None:
            self.crawler.stats.inc_value(PARTS_STAT)  # type: ignore[union-attr]
            self.crawler.signals.send_catch_log(PART_CLOSED, exporter=self, path=path, records=records)

    # -- internals --------------------------------------------------------------------------

    def _start_part(self) -> None:
        self._part_started = self.clock()
        if self.folder is not None:
            self._temp = self.folder.new_part()
            self._writer = pq.ParquetWriter(str(self._temp), self.schema, **self.writer_options)
            if self.part_seconds > 0 and self.crawler is not None:
                self._timer = call_later(self.part_seconds, self.close_part)
        elif self._writer is None:
            self._writer = pq.ParquetWriter(self.file, self.schema, **self.writer_options)

    def _part_due(self) -> bool:
        return self.part_seconds > 0 and self._part_started is not None and self.clock() - self._part_started >= self.part_seconds

    def _write_row_group(self) -> None:
        if not self._columns[0]:
            return
        assert self._writer is not None
        table = pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(self._columns, self.schema)], schema=self.schema)
        self._writer.write_table(table)
        self._columns = [[] for _ in self.schema]
        self._buffered_chars = 0

    def _abort(self, err: BaseException, *, stop: bool = False) -> None:
        """A write failed: drop the unfinished part (its records were never readable) and refuse
        more records. ``stop``: not inside ``export_item``, so count the lost records and stop the
        crawl here (inside it, ``newsspider.feedcheck.FeedWriteGuard`` does)."""
        self.failed = err
        self._cancel_timer()
        lost = self.written - self.durable
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.close()
            except OSError:
                pass
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
        if self.crawler is not None:
            if lost:
                self.crawler.stats.inc_value(WRITE_ERRORS_STAT, lost)  # type: ignore[union-attr]
            if stop:
                from newsspider.feedcheck import stop_for_feed_error

                stop_for_feed_error(self.crawler)
        logger.error("The Parquet feed %s lost the %d records of its unfinished part; its closed parts are whole", self.where, lost)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

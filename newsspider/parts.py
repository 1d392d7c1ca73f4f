"""Feeds written as a folder of part files, each made readable whole and at once.

``-O exports/x.parquet`` writes the folder ``exports/x.parquet/``: ``part-00000.parquet``,
``part-00001.parquet``, … A part is written under a hidden temporary name
(``.part-00002.parquet.tmp``, which readers skip) and renamed into place once complete, so every
``part-*`` file is whole, whatever happens to the crawl; a killed crawl loses at most the
temporary part. ``-O`` removes the folder's earlier parts, ``-o`` numbers new parts after them.

Why a storage. Scrapy's ``FileFeedStorage`` opens one file per feed and hands it to the exporter;
a Parquet file is readable only once its footer is written, so a crawl killed mid-file would leave
an unreadable dataset. The alternatives are worse: the exporter writing parts beside the file the
storage opened leaves that file (empty) where the dataset should be; Scrapy's batches
(``%(batch_id)d``) need a placeholder in the URI, roll on record counts only (not time), write
each batch under its final name (a killed batch is a broken file that readers pick up) and go
through a new storage and exporter per batch. So :class:`FilesOrPartsFeedStorage` replaces
``FileFeedStorage`` for local paths (``FEED_STORAGES`` ``""`` and ``file``, set by the add-on) and,
only for a format whose exporter declares a ``part_suffix`` (``newsspider.parquet``), opens a
:class:`PartFolder` instead of a file; the exporter decides when a part is complete, the folder
makes it appear atomically. Every other format, Scrapy's placeholders and ``-O``/``-o`` stay as
Scrapy has them.

One crawl writes to a folder at a time (as with a JSON lines file); temporary parts left there by a
killed crawl are removed when the next crawl opens the folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

PART_PREFIX = "part-"
TEMP_SUFFIX = ".tmp"


def feed_exporter(settings: BaseSettings, fmt: str | None) -> Any:
    """The exporter class ``FEED_EXPORTERS`` names for feed format ``fmt`` (None when unknown)."""
    path = settings.getwithbase("FEED_EXPORTERS").get(fmt) if fmt else None
    if not path:
        return None
    try:
        return load_object(path)
    except (ImportError, AttributeError, ValueError, NameError):
        return None  # Scrapy reports the unknown exporter itself


def part_suffix(settings: BaseSettings, fmt: str | None) -> str | None:
    """The part file suffix of feed format ``fmt`` when its exporter writes a folder of parts
    (declares ``part_suffix``), else None."""
    return getattr(feed_exporter(settings, fmt), "part_suffix", None)


class PartFolder:
    """The folder of a feed written in parts (module docstring). ``open`` prepares it;
    :meth:`new_part` names the next temporary part, :meth:`commit` puts a complete one in place.

    It stands in for the file Scrapy's feed slot holds: ``flush`` and ``close`` do nothing (every
    part is complete when committed).
    """

    def __init__(self, path: Path, suffix: str, *, overwrite: bool) -> None:
        self.path = Path(path)
        self.suffix = suffix
        self.overwrite = overwrite
        self.next_number = 0
        self._name = re.compile(rf"{re.escape(PART_PREFIX)}(\d+){re.escape(suffix)}")

    def open(self) -> PartFolder:
        """Create the folder; drop temporary parts a killed crawl left, and earlier parts on ``overwrite``."""
        self.path.mkdir(parents=True, exist_ok=True)
        for stale in self.path.glob(f".{PART_PREFIX}*{self.suffix}{TEMP_SUFFIX}"):
            stale.unlink(missing_ok=True)
        if self.overwrite:
            for part in self.parts():
                part.unlink()
        self.next_number = max((self._number(p) for p in self.parts()), default=-1) + 1
        return self

    def parts(self) -> list[Path]:
        """The complete parts, in order."""
        return sorted((p for p in self.path.iterdir() if self._name.fullmatch(p.name)), key=self._number)

    def new_part(self) -> Path:
        """The temporary path the next part is written to."""
        return self.path / f".{self._final(self.next_number).name}{TEMP_SUFFIX}"

    def commit(self, temp: Path) -> Path:
        """Put the complete part ``temp`` in place under its final name, durably (file, then rename)."""
        _fsync(temp)
        final = self._final(self.next_number)
        os.replace(temp, final)
        _fsync(self.path)
        self.next_number += 1
        return final

    def flush(self) -> None:
        """Nothing to flush: parts are written whole."""

    def close(self) -> None:
        """Nothing to close: the exporter closed its last part."""

    def _final(self, number: int) -> Path:
        return self.path / f"{PART_PREFIX}{number:05d}{self.suffix}"

    def _number(self, path: Path) -> int:
        match = self._name.fullmatch(path.name)
        return int(match.group(1)) if match else -1


def _fsync(path: Path) -> None:
    """Flush ``path`` (a file or a folder) to disk, so a part survives a power cut, not only a kill."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # a folder cannot be opened on some systems; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FilesOrPartsFeedStorage(FileFeedStorage):
    """Scrapy's local file storage, or a :class:`PartFolder` for formats written in parts (module docstring)."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None, suffix: str | None = None) -> None:
        super().__init__(uri, feed_options=feed_options)
        if suffix is not None and (feed_options or {}).get("postprocessing"):
            raise ValueError(f"the feed {uri} is written in compressed parts already: remove its postprocessing option")
        self.part_suffix = suffix

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> FilesOrPartsFeedStorage:
        return cls(uri, feed_options=feed_options, suffix=part_suffix(crawler.settings, (feed_options or {}).get("format")))

    def open(self, spider: Spider) -> IO[bytes]:
        if self.part_suffix is None:
            return super().open(spider)
        return PartFolder(Path(self.path), self.part_suffix, overwrite=self.write_mode == "wb").open()  # type: ignore[return-value]

"""``newsspider extract``: the crawl's extraction, normalisation, quality flags and validation on saved pages.

Each file becomes at most one record; files that fail get one line on stderr each, the others
are still processed, and the exit status says whether any failed. The user named the files, so
they are extracted as articles unless ``classify`` asks for the crawl's check, and they are
de-duplicated by body fingerprint only: two files are two pages whatever canonical URL they
declare (a site template may give every page the same one).
"""

from __future__ import annotations

import glob
import gzip
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from itemadapter import ItemAdapter
from scrapy.exporters import BaseItemExporter, JsonLinesItemExporter

from newsspider import config
from newsspider.exporters import CsvItemExporter
from newsspider.extraction import extract_page
from newsspider.items import ARTICLE_FIELDS, Article, article_from_fields
from pipelines.dedupe import SeenRecords
from pipelines.normalize import normalize_article
from pipelines.quality import quality_flags, quality_label
from pipelines.validate import validation_error


def expand_paths(patterns: Iterable[str]) -> Iterator[Path]:
    """Each pattern's matching files in sorted order; a pattern matching nothing is yielded as is
    (so that it is reported as missing)."""
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        yield from (Path(m) for m in (matches or [pattern]))


def read_html(path: Path) -> bytes:
    """The file's bytes, gunzipped when it is a ``.gz`` file."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def article_from_file(
    path: Path, url: str | None, classify: bool = False, full: bool = False
) -> tuple[Article | None, str | None]:
    """Extract one saved page: ``(article, None)`` or ``(None, reason)``; ``classify``: skip a
    page the crawl would not take for an article (reason ``not_article``); ``full``: every page
    through the full path (``extract_page(..., model_first=False)``)."""
    page_url = url or path.resolve().as_uri()
    result = extract_page(read_html(path), page_url, assume_article=not classify, model_first=not full)
    if result.fields is None:
        return None, result.skip_reason or "unknown"
    fetched = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    return article_from_fields(result.fields, url=page_url, site="extract", fetched_at=fetched), None


def _exporter(output: Path | None) -> tuple[BaseItemExporter, IO[bytes]]:
    if output is None:
        return JsonLinesItemExporter(sys.stdout.buffer, ensure_ascii=False), sys.stdout.buffer
    stream = output.open("wb")
    if output.suffix == ".csv":
        return CsvItemExporter(stream, fields_to_export=list(ARTICLE_FIELDS)), stream
    return JsonLinesItemExporter(stream, ensure_ascii=False), stream


#: The shortest body ``newsspider extract`` keeps from a file named as an article (no ``--classify``).
NAMED_FILE_MIN_WORDS = 1


def extract_files(
    patterns: Iterable[str],
    *,
    url: str | None = None,
    output: Path | None = None,
    classify: bool = False,
    min_words: int | None = None,
    full: bool = False,
) -> int:
    """Extract, normalise, validate and de-duplicate saved pages; export the records.

    ``min_words``: the shortest body kept; by default, with ``classify`` the crawl's
    ``NEWSSPIDER_MIN_BODY_WORDS``, without it :data:`NAMED_FILE_MIN_WORDS` (the user named the
    file as an article: a short brief is still its body, and an empty record tells nothing).
    Returns the process exit status: 0 when every file gave a record, 1 otherwise.
    """
    if min_words is None:
        min_words = config.SETTINGS["NEWSSPIDER_MIN_BODY_WORDS"].default if classify else NAMED_FILE_MIN_WORDS
    if output is not None and output.suffix not in (".jsonl", ".csv"):
        print(f"newsspider extract: -o {output}: the output must end in .jsonl or .csv", file=sys.stderr)
        return 2
    seen = SeenRecords(by_url=False)
    failed = 0
    exporter, stream = _exporter(output)
    exporter.start_exporting()
    try:
        for path in expand_paths(patterns):
            problem = _extract_one(path, url, classify, min_words, seen, exporter, full=full)
            if problem:
                failed += 1
                print(f"newsspider extract: {path}: {problem}", file=sys.stderr)
    finally:
        exporter.finish_exporting()
        if stream is not sys.stdout.buffer:
            stream.close()
        else:
            stream.flush()
    return 1 if failed else 0


def _extract_one(
    path: Path,
    url: str | None,
    classify: bool,
    min_body_words: int,
    seen: SeenRecords,
    exporter: BaseItemExporter,
    *,
    full: bool = False,
) -> str | None:
    """Process one file; return why it gave no record, or None after exporting it."""
    try:
        article, reason = article_from_file(path, url, classify, full)
    except FileNotFoundError:
        return "no such file"
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        return f"cannot read: {err}"
    if article is None:
        return f"no record ({reason})"
    adapter = ItemAdapter(article)
    normalize_article(adapter)
    adapter["quality"] = quality_label(quality_flags(adapter.get("body") or "", adapter.get("description")))
    reason = validation_error(adapter, min_body_words) or seen.check_and_add(adapter)
    if reason:
        return f"dropped ({reason})"
    exporter.export_item(article)
    return None


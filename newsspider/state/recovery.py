"""Reading back a feed file that a killed crawl left open, to bring the state up to date.

A record is flushed to its feed file before it is committed to the state; a crawl killed
between the two leaves a record in the feed that the state lacks. The next crawl of the site
reads the unclosed feed files (JSON lines or CSV) and records what they hold. A Parquet feed is
a folder of parts: its closed parts are read (``newsspider.parquet.read_parts``), never the
unfinished one, whose records the state does not hold either.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

READABLE_FORMATS = ("jsonlines", "jsonl", "csv", "parquet")
#: The fields the state keeps of a record (``pipelines/state.py``): all a read-back needs.
STATE_FIELDS = ("url", "canonical_url", "fingerprint", "modified", "published")


def records_in_feed(path: str | Path, fmt: str) -> Iterator[dict[str, Any]]:
    """Complete records of a JSON lines or CSV feed file (a truncated last record is skipped), or
    of the closed parts of a Parquet feed folder (:data:`STATE_FIELDS` only)."""
    path = Path(path)
    if fmt == "parquet":
        from newsspider.parquet import read_parts

        yield from read_parts(path, STATE_FIELDS)
        return
    if fmt not in READABLE_FORMATS or not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as stream:
        if fmt == "csv":
            reader = csv.DictReader(stream)
            for row in reader:
                if None not in row.values() and None not in row:  # cut short by the kill
                    yield row
            return
        for line in stream:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record

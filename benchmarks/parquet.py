"""The Parquet feed's two bars, measured: size against JSON lines, and memory while exporting.

Usage::

    python benchmarks/parquet.py size FEED.jsonl [...]   # Parquet bytes / JSONL bytes, same records
    python benchmarks/parquet.py memory [RECORDS]         # peak RSS added by exporting RECORDS (20,000)

``size`` re-exports each JSON lines feed's records through the Parquet exporter (default part
size, so one or a few parts) and divides the folder's bytes by the JSON lines file's bytes.
``memory`` exports RECORDS records built from the bundled demo site's ground truth (each body
made distinct) into parts and reports how much the process's peak resident memory grew.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsspider.demo import GROUND_TRUTH_PATH
from newsspider.exporters import read_complete_lines
from newsspider.parquet import ParquetItemExporter
from newsspider.parts import PartFolder


def export_parquet(records: Iterable[dict[str, Any]], folder: Path, **options: Any) -> int:
    """Export ``records`` into the parts folder ``folder``; its size in bytes."""
    exporter = ParquetItemExporter(PartFolder(folder, ParquetItemExporter.part_suffix, overwrite=True).open(), **options)
    exporter.start_exporting()
    for record in records:
        exporter.export_item(record)
    exporter.finish_exporting()
    return sum(p.stat().st_size for p in folder.iterdir())


def size(feed: Path) -> dict[str, Any]:
    records = list(read_complete_lines(feed))
    with tempfile.TemporaryDirectory() as tmp:
        parquet = export_parquet(records, Path(tmp) / "x.parquet")
    jsonl = feed.stat().st_size
    return {"feed": str(feed), "records": len(records), "jsonl_bytes": jsonl, "parquet_bytes": parquet,
            "ratio": round(parquet / jsonl, 3)}  # fmt: skip


def synthetic_records(count: int) -> Iterator[dict[str, Any]]:
    """``count`` demo-like records: the demo's ground truth in turn, each body rotated so none repeats."""
    truth = list(json.loads(Path(GROUND_TRUTH_PATH).read_text(encoding="utf-8"))["articles"].items())
    for n in range(count):
        path, article = truth[n % len(truth)]
        words = article["body"].split(" ")
        shift = n // len(truth) % len(words)
        yield {**{k: v for k, v in article.items() if isinstance(v, (str, int, list))}, "url": f"https://news.example.com{path}?n={n}",
               "body": " ".join(words[shift:] + words[:shift]) + f" ({n})", "site": "demo"}  # fmt: skip


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory(count: int) -> dict[str, Any]:
    list(synthetic_records(48))  # warm up (imports, ground truth)
    with tempfile.TemporaryDirectory() as tmp:
        export_parquet(synthetic_records(10), Path(tmp) / "warm.parquet")
        before = _peak_rss_mb()
        folder = Path(tmp) / "x.parquet"
        total = export_parquet(synthetic_records(count), folder)
        parts = len(list(folder.iterdir()))
    after = _peak_rss_mb()
    return {"records": count, "parts": parts, "parquet_bytes": total, "peak_rss_before_mb": round(before, 1),
            "peak_rss_after_mb": round(after, 1), "peak_rss_added_mb": round(after - before, 1)}  # fmt: skip


def main(argv: list[str]) -> int:
    if argv[:1] == ["size"] and argv[1:]:
        for feed in argv[1:]:
            print(json.dumps(size(Path(feed))))
        return 0
    if argv[:1] == ["memory"]:
        print(json.dumps(memory(int(argv[1]) if argv[1:] else 20_000)))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

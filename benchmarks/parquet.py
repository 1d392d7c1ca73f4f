"""The Parquet feed's two bars, measured: size against JSON lines, and memory while exporting.

Usage::

    python benchmarks/parquet.py size FEED.jsonl [...]   # Parquet bytes / JSONL bytes, same records
    python benchmarks/parquet.py memory [RECORDS [FEED.jsonl]]  # peak RSS added by exporting RECORDS (20,000)

``size`` re-exports each JSON lines feed's records through the Parquet exporter (default part
size, so one or a few parts) and divides the folder's bytes by the JSON lines file's bytes.
``memory`` exports RECORDS records (the bundled demo site's articles, or FEED.jsonl's records, in
turn, each made distinct) into parts and reports how much the process's peak resident memory grew.
"""

from __future__ import annotations

import argparse
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


def demo_records() -> list[dict[str, Any]]:
    """The bundled demo site's articles (ground truth) as records."""
    truth = json.loads(Path(GROUND_TRUTH_PATH).read_text(encoding="utf-8"))["articles"]
    return [{**{k: v for k, v in a.items() if isinstance(v, (str, int, list))}, "url": f"https://news.example.com{path}",
             "site": "demo"} for path, a in truth.items()]  # fmt: skip


def cycled(records: list[dict[str, Any]], count: int) -> Iterator[dict[str, Any]]:
    """``count`` records: ``records`` in turn, each URL and body made distinct."""
    for n in range(count):
        record = records[n % len(records)]
        yield {**record, "url": f"{record['url']}?n={n}", "body": f"{record.get('body', '')} ({n})"}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory(count: int, source: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        export_parquet(cycled(source, 50), Path(tmp) / "warm.parquet")  # imports, first allocations
        before = _peak_rss_mb()
        folder = Path(tmp) / "x.parquet"
        total = export_parquet(cycled(source, count), folder)
        parts = len(list(folder.iterdir()))
    after = _peak_rss_mb()
    body = sum(len(r.get("body", "")) for r in source) / len(source)
    return {"records": count, "mean_body_chars": round(body), "parts": parts, "parquet_bytes": total,
            "peak_rss_before_mb": round(before, 1), "peak_rss_added_mb": round(after - before, 1)}  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    size_command = commands.add_parser("size", help="Parquet bytes / JSON lines bytes, same records")
    size_command.add_argument("feeds", nargs="+", type=Path, metavar="FEED.jsonl")
    memory_command = commands.add_parser("memory", help="peak resident memory added by exporting RECORDS records")
    memory_command.add_argument("records", nargs="?", type=int, default=20_000, metavar="RECORDS")
    memory_command.add_argument("feed", nargs="?", type=Path, metavar="FEED.jsonl",
                                help="records to export in turn (default: the demo site's articles)")
    args = parser.parse_args(argv)
    if args.command == "size":
        for feed in args.feeds:
            print(json.dumps(size(feed)))
    else:
        source = list(read_complete_lines(args.feed)) if args.feed else demo_records()
        print(json.dumps(memory(args.records, source)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

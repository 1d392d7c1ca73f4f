"""The one-screen summary printed after ``newsspider demo`` (and usable after any crawl)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def reasons(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """``{reason: count}`` of the stats under ``prefix`` (e.g. ``newsspider/dropped/``)."""
    return {k[len(prefix):]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)}


def crawl_summary(stats: Mapping[str, Any], elapsed: float, outputs: Iterable[Path] = ()) -> str:
    """A short plain-text report of a finished crawl."""
    articles = int(stats.get("item_scraped_count", 0))
    lines = [
        "newsspider crawl summary",
        f"  pages fetched      {int(stats.get('response_received_count', 0))}",
        f"  articles exported  {articles}",
    ]
    for title, prefix in (("dropped", "newsspider/dropped/"), ("skipped", "newsspider/skipped/")):
        counted = reasons(stats, prefix)
        total = sum(counted.values())
        detail = ", ".join(f"{reason} {n}" for reason, n in counted.items())
        lines.append(f"  {title:<18} {total}" + (f"  ({detail})" if detail else ""))
    lines.append(f"  finish reason      {stats.get('finish_reason', 'unknown')}")
    lines.append(f"  elapsed            {elapsed:.1f}s")
    for path in outputs:
        size = path.stat().st_size if path.exists() else 0
        lines.append(f"  wrote              {path} ({size:,} bytes)")
    if articles == 0:
        lines.append("  NOTE: no article was exported: check the start URL, the spider's article_urls, and the log.")
    return "\n".join(lines)

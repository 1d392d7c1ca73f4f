"""How many real articles the validate pipeline's ``too_short`` rule would drop.

For every article page with a non-empty ground-truth body, the rule
(:func:`pipelines.validate.validation_error` at ``NEWSSPIDER_MIN_BODY_WORDS``) is applied to

- the ground-truth body (a perfect extractor), and
- the body ``extract_page(html, url, assume_article=True)`` returns (normalised as in a crawl),

and the drops are counted by tuning/validation part (:func:`benchmarks.split.part_of`). Only the
counts and page ids are printed (no page text), so the validation part stays unread.

Usage::

    python benchmarks/too_short.py [FOLDER ...] [--ids]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from itemadapter import ItemAdapter  # noqa: E402

from benchmarks.split import BENCH_ROOT, PARTS, part_of  # noqa: E402
from newsspider.extraction import extract_page  # noqa: E402
from pipelines.normalize import normalize_article  # noqa: E402
from pipelines.validate import DEFAULT_MIN_BODY_WORDS, REASON_TOO_SHORT, validation_error  # noqa: E402


def too_short(body: str | None, url: str) -> bool:
    """The validate pipeline would drop a record with this body as ``too_short``."""
    record = {"url": url, "site": "bench", "title": "t", "body": body or ""}
    adapter = ItemAdapter(record)
    normalize_article(adapter)
    return validation_error(adapter, DEFAULT_MIN_BODY_WORDS) == REASON_TOO_SHORT


def count(folder: Path) -> tuple[Counter[tuple[str, str]], list[str]]:
    """Counts keyed by (part, what): ``articles``, ``truth`` and ``extracted`` drops; dropped ids."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    counts: Counter[tuple[str, str]] = Counter()
    dropped: list[str] = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        body = entry.get("articleBody") or ""
        if entry.get("page_type", "article") != "article" or not body.strip():
            continue
        url = entry.get("url", "")
        part = part_of(url)
        counts[part, "articles"] += 1
        if too_short(body, url):
            counts[part, "truth"] += 1
            dropped.append(f"{part} {page_id} truth")
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        result = extract_page(html, url, assume_article=True)
        if too_short((result.fields or {}).get("body"), url):
            counts[part, "extracted"] += 1
            dropped.append(f"{part} {page_id} extracted")
    return counts, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--ids", action="store_true", help="also list the dropped page ids")
    args = parser.parse_args(argv)
    folders = args.folders or [BENCH_ROOT / "article-extraction", BENCH_ROOT / "wcxb-dev"]
    print(f"too_short = fewer than {DEFAULT_MIN_BODY_WORDS} words (validate pipeline rule)")
    for folder in folders:
        counts, dropped = count(folder)
        print(folder.name)
        for part in PARTS:
            print(
                f"  {part:<10} articles {counts[part, 'articles']:>4}"
                f"  too_short: ground truth {counts[part, 'truth']:>3}, extracted {counts[part, 'extracted']:>3}"
            )
        if args.ids:
            print("\n".join(f"    {line}" for line in dropped))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The one tuning/validation split of the dev corpora, by domain, with a fixed seed.

Every extraction or metadata change is judged on the *validation* part: pages nobody read
while tuning. Rules, thresholds and the learned model are fitted on the *tuning* part only
(read and debug those pages, never the validation ones).

A page goes to a part by a hash of its registered domain (``news.example.co.uk`` ->
``example.co.uk``) salted with :data:`SEED`, so all pages of one site land on the same side,
the split never changes when pages are added, and anyone can recompute it. ~70% tuning.

Usage::

    python benchmarks/split.py [FOLDER ...]   # counts per part (and per page type)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

SEED = "newsspider-split-2026"
TUNING_SHARE = 0.70
TUNING = "tuning"
VALIDATION = "validation"
PARTS = (TUNING, VALIDATION)

_ROOT = Path(__file__).resolve().parents[1]
SHARED_ROOT = (_ROOT / "../shared/bench").resolve()
# Corpora shipped with the repository (licences in benchmarks/data/README.md), used when ../shared is absent.
BUNDLED_ROOT = _ROOT / "benchmarks" / "data"
#: Where the dev corpora are: ../shared/bench beside the repository when present, else the bundled copy.
BENCH_ROOT = SHARED_ROOT if SHARED_ROOT.is_dir() else BUNDLED_ROOT


def corpus_folder(name: str) -> Path:
    """The dev corpus ``name``: ``../shared/bench/<name>`` when present, else the bundled copy."""
    shared = SHARED_ROOT / name
    return shared if shared.is_dir() else BUNDLED_ROOT / name

# tldextract ships a snapshot of the Public Suffix List; never fetch a fresh one.
_extract = None


def registered_domain(url: str) -> str:
    """``example.co.uk`` for ``https://news.example.co.uk/a``; the host when no suffix matches."""
    global _extract
    if _extract is None:
        import tldextract

        _extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    host = (urlsplit(url).hostname or "").lower()
    return _extract(host).top_domain_under_public_suffix or host


def part_of(url: str) -> str:
    """``"tuning"`` or ``"validation"`` for the page at ``url`` (decided by its domain)."""
    digest = hashlib.sha256(f"{SEED}:{registered_domain(url)}".encode()).digest()
    fraction = int.from_bytes(digest[:8], "big") / 2**64
    return TUNING if fraction < TUNING_SHARE else VALIDATION


def split_ids(truth: dict[str, dict]) -> dict[str, list[str]]:
    """Page ids of a ground-truth mapping, by part (sorted)."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    for page_id in sorted(truth):
        parts[part_of(truth[page_id].get("url", ""))].append(page_id)
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Counts per part of the tuning/validation split (and per page type).")
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER",
                        help="corpus folders holding ground-truth.json (default: both dev corpora)")
    folders = parser.parse_args(argv).folders or [corpus_folder("article-extraction"), corpus_folder("wcxb-dev")]
    for folder in folders:
        if not (folder / "ground-truth.json").is_file():
            parser.error(f"{folder} holds no ground-truth.json: give a dev corpus folder, e.g. {corpus_folder('wcxb-dev')}")
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        counts = Counter((part_of(v.get("url", "")), v.get("page_type", "article")) for v in truth.values())
        print(folder.name)
        for part in PARTS:
            by_type = {t: n for (p, t), n in sorted(counts.items()) if p == part}
            print(f"  {part:<10} {sum(by_type.values()):>5}  {by_type}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

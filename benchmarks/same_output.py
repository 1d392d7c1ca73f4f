"""Record every field :func:`~newsspider.extraction.extract_page` gives on every dev page, and
compare two such records: the check that a speed-up changed nothing.

Usage::

    python benchmarks/same_output.py --out NEW.json [--limit N] [FOLDER ...]
    python benchmarks/same_output.py --out NEW.json --compare OLD.json   # run, then diff
    python benchmarks/same_output.py --diff OLD.json NEW.json            # diff two records only

Every page of the dev corpora (all page types, tuning and validation parts) goes through each
path of :data:`PATHS` as a crawl would run it (classification on); a page the classifier
rejects as ``not_article`` is run again with ``assume_article=True`` so its body is compared
too. Outputs are only compared mechanically: the diff names pages and fields, never prints a
validation page's text (values of tuning pages only, shortened).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.split import TUNING, corpus_folder, part_of  # noqa: E402

DEFAULT_FOLDERS = (corpus_folder("article-extraction"), corpus_folder("wcxb-dev"))
#: The extraction paths compared: name -> keyword arguments of ``extract_page``.
#: (``full`` and ``model-first`` name their path explicitly, so records of versions from before model
#: first became the default, 2026-12-05, compare path for path.)
PATHS: dict[str, dict[str, Any]] = {
    "default": {}, "full": {"model_first": False}, "model-first": {"model_first": True}, "fast": {"use_model": False},
}

Record = dict[str, dict[str, Any]]  # path -> page key -> outcome


def iter_pages(
    folders: Iterable[Path], limit: int | None = None, shard: tuple[int, int] = (0, 1)
) -> Iterable[tuple[str, str, str]]:
    """(key, url, html) of every page of ``folders`` (all page types), sorted by id per folder;
    ``shard`` ``(k, n)``: the k-th of every n pages (records of the n shards are merged by --diff)."""
    k, n = shard
    for folder in folders:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth)[:limit][k::n]:
            html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
            yield f"{folder.name}/{page_id}", truth[page_id].get("url", ""), html.decode("utf-8", errors="replace")


def outcome(extract: Callable[..., Any], html: str, url: str, **kwargs: Any) -> dict[str, Any]:
    """The JSON-able outcome of one extraction: fields, skip reason, or the error raised."""
    try:
        result = extract(html, url, **kwargs)
    except Exception as exc:  # recorded: an error must stay the same error
        return {"error": f"{type(exc).__name__}: {exc}"}
    out: dict[str, Any] = {"skip_reason": result.skip_reason}
    if result.fields is not None:
        out["fields"] = json.loads(json.dumps(result.fields, default=repr, sort_keys=True))
    if result.skip_reason == "not_article":
        out["as_article"] = outcome(extract, html, url, assume_article=True, **kwargs)
    return out


def record(
    folders: Iterable[Path], limit: int | None = None, paths: Iterable[str] = tuple(PATHS), shard: tuple[int, int] = (0, 1)
) -> tuple[Record, dict[str, float]]:
    """Outcomes of every page on every path, and each path's total seconds."""
    from newsspider.extraction import extract_page

    data: Record = {path: {} for path in paths}
    seconds = dict.fromkeys(data, 0.0)
    for key, url, html in iter_pages(folders, limit, shard):
        for path in data:
            start = time.process_time()
            data[path][key] = {"url": url, **outcome(extract_page, html, url, **PATHS[path])}
            seconds[path] += time.process_time() - start
    return data, seconds


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        flat: dict[str, Any] = {}
        for k, v in value.items():
            flat.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return flat
    return {prefix: value}


def differences(old: Record, new: Record) -> list[tuple[str, str, str, Any, Any]]:
    """(path, page key, field, old, new) for every field that differs; paths in both only."""
    diffs = []
    for path in sorted(set(old) & set(new)):
        for key in sorted(set(old[path]) | set(new[path])):
            a, b = _flatten(old[path].get(key, {})), _flatten(new[path].get(key, {}))
            diffs.extend((path, key, f, a.get(f), b.get(f)) for f in sorted(set(a) | set(b)) if a.get(f) != b.get(f))
    return diffs


def _show(value: Any, url: str) -> str:
    """A tuning page's value shortened; a validation page's value never shown."""
    if part_of(url) != TUNING:
        return "(validation page: not shown)"
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def format_differences(old: Record, new: Record) -> str:
    diffs = differences(old, new)
    lines = [f"{len(diffs)} differing fields on {len({(p, k) for p, k, *_ in diffs})} page x path pairs"]
    for path, key, field, a, b in diffs:
        url = (new[path].get(key) or old[path].get(key) or {}).get("url", "")
        lines.append(f"{path} {key} [{part_of(url)}] {field}: {_show(a, url)} -> {_show(b, url)}")
    return "\n".join(lines)


def merge(records: Iterable[Record]) -> Record:
    """One record of several shards' (or runs') records."""
    merged: Record = {}
    for data in records:
        for path, pages in data.items():
            merged.setdefault(path, {}).update(pages)
    return merged


def _shard(value: str) -> tuple[int, int]:
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and int(k) < int(n)):
        raise argparse.ArgumentTypeError(f"expected K/N with 0 <= K < N, got {value!r}")
    return int(k), int(n)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    parser.add_argument("--out", type=Path, help="write the outcomes here (JSON)")
    parser.add_argument("--compare", type=Path, help="after the run, print the fields that differ from this record")
    parser.add_argument("--diff", nargs="+", type=Path, metavar="RECORD",
                        help="only compare records: OLD then NEW (several NEW shards are merged)")
    parser.add_argument("--shard", type=_shard, default=(0, 1), metavar="K/N", help="the K-th of every N pages (from 0)")
    parser.add_argument("--limit", type=int, help="first N pages of each folder")
    parser.add_argument("--paths", nargs="+", choices=list(PATHS), default=[p for p in PATHS if p != "model-first"])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.diff:
        old, *shards = (json.loads(p.read_text(encoding="utf-8")) for p in args.diff)
        new = merge(shards)
        print(format_differences(old, new))
        return 0
    import logging

    import newsspider

    logging.disable(logging.CRITICAL)
    print(f"newsspider from {Path(newsspider.__file__).parent}")
    new, seconds = record(args.folders, args.limit, args.paths, args.shard)
    pages = len(next(iter(new.values()))) if new else 0
    print("CPU seconds per path: " + ", ".join(f"{p} {s:.1f} ({1000 * s / max(pages, 1):.1f} ms/page)" for p, s in seconds.items()))
    if args.out:
        args.out.write_text(json.dumps(new, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    if args.compare:
        print(format_differences(json.loads(args.compare.read_text(encoding="utf-8")), new))
    return 0


if __name__ == "__main__":
    sys.exit(main())

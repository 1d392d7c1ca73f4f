"""Tuning pages extracted by cross-fitted block models: honest tuning figures, failures to read.

Usage::

    pip install -e '.[train]'
    python benchmarks/cross_fitted.py --train [--models DIR]     # fit each fold's models (~30 min on 2 cores)
    python benchmarks/cross_fitted.py [--models DIR] [--worst N] [--leaks] [--json PATH]
    python benchmarks/cross_fitted.py --override full.threshold=0.6 --override first.threshold=0.6

The committed block models were fitted on the tuning pages, so ``benchmarks/extraction.py``'s
tuning figures are in-sample: wcxb-dev tuning 0.968 against 0.950 on validation, and the pages
that go wrong on validation (the kind the held-out sets will show) hardly ever go wrong on the
tuning pages. Validation pages may not be read one by one. Here each tuning page is extracted by
block models fitted without its site: the tuning pages fall in 5 folds by registered domain
(:func:`benchmarks.train_blocks.fold_of`, the folds every training script uses), and for each fold
``--train`` fits both block models (the default two-stage model, its second stage on nested
out-of-fold probabilities as :func:`benchmarks.train_blocks.train` does; and the model-first
model) on the other four folds' pages (:func:`benchmarks.train_blocks.training_pages`: the
articles, and the other page types one of each stage's two averaged fits reads). Extraction then runs with those models in place of the
packaged ones (the gate and the page classifier stay the packaged ones: small regressions, read
from cheap signals), and the figures are printed as ``benchmarks/extraction.py`` prints them,
beside trafilatura's defaults on the same pages. Its list of worst pages (``--worst``) shows the
failures unseen sites give, on pages we may read.

The fold models are written to ``--models`` (default ``benchmarks/.cross_fitted/``, not
committed) with the fingerprint of the rows they were fitted on, the one the packaged model files
record (``training_rows``): when the two differ, the block features or labels changed since, and
the run says to ``--train`` again. A change to what happens after the models (guards, cleaning,
choices between bodies) needs no new fit, nor does a threshold: ``--override`` sets the fold
models' in-container (``threshold``) or outside-the-container (``outside``) threshold for one run.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks import extraction as bench  # noqa: E402
from benchmarks import train_blocks  # noqa: E402
from benchmarks.split import TUNING  # noqa: E402
from newsspider.extraction import blockmodel  # noqa: E402

DEFAULT_MODELS = _ROOT / "benchmarks" / ".cross_fitted"
FULL, MODEL_FIRST = "blocks", "blocks_nt"
ROWS_FILE = "training_rows.json"  # the fingerprint of each kind's rows, as the packaged files record it (all_sha256)


def _model_path(folder: Path, kind: str, fold: int) -> Path:
    return folder / f"{kind}-fold{fold}.json"


def train(folder: Path, pages: list[tuple[str, str, str, str]] | None = None, folds: Sequence[int] | None = None) -> None:
    """Fit and write each fold's two block models, each on the other folds' training pages (``pages``:
    others, as :func:`benchmarks.train_blocks.training_pages` gives them: a subset, or the articles
    alone; ``folds``: only these)."""
    logging.disable(logging.WARNING)
    pages = train_blocks.training_pages() if pages is None else pages
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    for kind, references in ((FULL, True), (MODEL_FIRST, False)):
        data = train_blocks.build_dataset(pages, references=references)
        rows[kind] = train_blocks.rows_fingerprint(data)
        print(f"{kind}: {len(data)} tuning pages, {sum(len(p['rows']) for p in data)} blocks", flush=True)
        for fold in range(train_blocks.FOLDS) if folds is None else folds:
            rest = [page for page in data if page["fold"] != fold]
            if kind == FULL:
                spec = train_blocks.train(rest, train_blocks.THRESHOLD)  # nested out-of-fold second stage
            else:
                spec = train_blocks.train_model_first(rest)
            _model_path(folder, kind, fold).write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
            print(f"  fold {fold}: fitted on {len(rest)} pages", flush=True)
    (folder / ROWS_FILE).write_text(json.dumps(rows, indent=1), encoding="utf-8")


def stale(folder: Path) -> str | None:
    """Why the fold models no longer stand for the packaged ones (fitted on other rows), or None."""
    fitted = json.loads((folder / ROWS_FILE).read_text(encoding="utf-8")) if (folder / ROWS_FILE).is_file() else {}
    for kind, path in ((FULL, blockmodel.MODEL_PATH), (MODEL_FIRST, blockmodel.NO_TRAFILATURA_PATH)):
        packaged = json.loads(path.read_text(encoding="utf-8")).get("training_rows", {}).get("all_sha256")
        if fitted.get(kind) != packaged:
            return (f"the {kind} fold models in {folder} were fitted on other training rows than {path.name}: "
                    "run with --train again")
    return None


#: ``--override`` names: which fold model, and which of its thresholds (:class:`blockmodel.BlockModel`).
OVERRIDE_KINDS = {"full": FULL, "first": MODEL_FIRST}
OVERRIDE_FIELDS = ("threshold", "outside")


def parse_override(text: str) -> tuple[str, str, float]:
    """``"full.threshold=0.6"`` -> (kind, field, value); ValueError naming the accepted forms."""
    name, equals, value = text.partition("=")
    kind, dot, attribute = name.strip().partition(".")
    if not equals or not dot or kind not in OVERRIDE_KINDS or attribute not in OVERRIDE_FIELDS:
        raise ValueError(f"--override {text!r}: expected KIND.FIELD=VALUE with KIND in {sorted(OVERRIDE_KINDS)} "
                         f"and FIELD in {list(OVERRIDE_FIELDS)}, e.g. full.threshold=0.6")
    return OVERRIDE_KINDS[kind], attribute, float(value)


@contextmanager
def fold_models(folder: Path, fold: int, overrides: Sequence[tuple[str, str, float]] = ()) -> Iterator[None]:
    """``blockmodel.load`` gives the fold's models in place of the packaged ones, with the
    thresholds ``overrides`` names (kind, field, value) set on them."""
    by_kind = {kind: blockmodel.BlockModel(json.loads(_model_path(folder, kind, fold).read_text())) for kind in (FULL, MODEL_FIRST)}
    for kind, attribute, value in overrides:
        setattr(by_kind[kind], attribute, value)
    models = {str(blockmodel.MODEL_PATH): by_kind[FULL], str(blockmodel.NO_TRAFILATURA_PATH): by_kind[MODEL_FIRST]}
    packaged = blockmodel.load

    def load(path: str | None = None) -> blockmodel.BlockModel:
        return models[str(path or blockmodel.MODEL_PATH)]

    blockmodel.load = load  # type: ignore[assignment]
    try:
        yield
    finally:
        blockmodel.load = packaged


def merged(per_fold: Sequence[Sequence[bench.Result]]) -> list[bench.Result]:
    """One result per extractor over every fold's pages (timing: the folds' sums)."""
    out = []
    for name in [r.name for r in per_fold[0]]:
        runs = [next(r for r in results if r.name == name) for results in per_fold]
        outcomes = [o for r in runs for o in r.outcomes]
        seconds = sum(r.seconds for r in runs)
        whole = bench.Result(name, 0, 0, 0, 0, 0, 0, 0, seconds, len(outcomes) / seconds if seconds else 0.0, outcomes)
        out.extend(bench.subset([whole], {o.id for o in outcomes}))
    return out


def run(folder: Path, corpus: Path, overrides: Sequence[tuple[str, str, float]] = ()) -> tuple[list[bench.Page], list[bench.Result]]:
    """The corpus's tuning pages, each extracted with its fold's models (thresholds as
    ``overrides`` sets them), and trafilatura's defaults."""
    pages = [p for p in bench.load_pages(corpus) if p.part == TUNING]
    chosen = {name: f for name, f in bench.extractors().items() if name in (bench.OURS, bench.BASELINE)}
    per_fold, ordered = [], []
    for fold in range(train_blocks.FOLDS):
        mine = [p for p in pages if train_blocks.fold_of(p.url) == fold]
        if not mine:
            continue
        with fold_models(folder, fold, overrides):
            per_fold.append(bench.run(pages=mine, chosen=chosen))
        ordered.extend(mine)
    return ordered, merged(per_fold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, default=DEFAULT_MODELS, help="where the fold models are (default %(default)s)")
    parser.add_argument("--train", action="store_true", help="fit the fold models first (writes --models)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N pages where ours loses most F1")
    parser.add_argument("--leaks", action="store_true", help="list each known boilerplate string leaked")
    parser.add_argument("--json", type=Path, help="write per-page results as JSON")
    parser.add_argument("--override", action="append", default=[], metavar="KIND.FIELD=VALUE",
                        help="a fold models' threshold for this run (repeatable): KIND full or first (the "
                             "model-first model), FIELD threshold or outside, e.g. full.threshold=0.6")
    args = parser.parse_args(argv)
    try:
        overrides = [parse_override(text) for text in args.override]
    except ValueError as error:
        parser.error(str(error))
    if args.train:
        train(args.models)
    if not _model_path(args.models, FULL, 0).is_file():
        print(f"error: no fold models in {args.models}: run with --train first", file=sys.stderr)
        return 2
    if reason := stale(args.models):
        print(f"warning: {reason}", file=sys.stderr)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    report: dict[str, Any] = {}
    for corpus in (f for f in bench.DEFAULT_FOLDERS if f.is_dir()):
        pages, results = run(args.models, corpus, overrides)
        print(f"== {corpus.name}: {len(pages)} tuning pages, each by models fitted without its site's fold")
        print(bench.format_parts(results, pages))
        if snippets := bench.format_snippets(results, pages):
            print()
            print(snippets)
        if args.worst:
            print()
            print(bench.format_worst(results, pages, args.worst))
        if args.leaks and (leaks := bench.format_leaks(results, pages)):
            print()
            print(leaks)
        print()
        report[corpus.name] = bench.to_json(results)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Profile the metadata step (``extract_metadata`` and ``detect_language``) inside ``extract_page``
on wcxb-dev tuning article pages, or with ``--corpus news`` the article-extraction news tuning
pages (tuning only: no validation page is read).

Usage::

    python benchmarks/profile_metadata.py [--pages 300] [--top 40] [--sort tottime|cumulative]
    python benchmarks/profile_metadata.py --time [--rounds 3]   # ms a page, no profiler
    python benchmarks/profile_metadata.py --corpus news [--time]  # the 2019 news pages

``--time``: the time inside the two functions (``time.process_time``), best of ``--rounds``
passes over the pages in one process (``--rounds 1`` for a change that remembers anything
across pages: a second pass over the same pages finds it warm); the profile: cProfile switched
on only inside them, its functions sorted as asked.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.metadata import news_cases, wcxb_cases  # noqa: E402
from benchmarks.split import TUNING  # noqa: E402
from newsspider.extraction import extract as extract_mod  # noqa: E402

_STEP = ("extract_metadata", "detect_language")


@contextmanager
def wrapped(before: Callable[[], None], after: Callable[[str, float], None], clock: Callable[[], float] = time.process_time) -> Iterator[None]:
    """Call ``before`` and ``after(name, seconds)`` around each metadata-step function of extract_page."""
    originals = {name: getattr(extract_mod, name) for name in _STEP}

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            before()
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                after(name, clock() - start)

        return timed

    for name, function in originals.items():
        setattr(extract_mod, name, wrap(name, function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(extract_mod, name, function)


def _add(spent: dict[str, float], name: str, seconds: float) -> None:
    spent[name] += seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="first N tuning article pages")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--time", action="store_true", help="time the step, no profiler")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", choices=("wcxb-dev", "news"), default="wcxb-dev")
    args = parser.parse_args(argv)
    load = news_cases if args.corpus == "news" else wcxb_cases
    cases = [c for c in load() if c.part == TUNING][: args.pages]
    for case in cases[:5]:  # warm-up: models, lazy imports
        extract_mod.extract_page(case.html, case.url, assume_article=True)
    if args.time:
        best: dict[str, float] = {}
        for _ in range(args.rounds):
            spent = dict.fromkeys(_STEP, 0.0)
            with wrapped(lambda: None, functools.partial(_add, spent)):
                for case in cases:
                    extract_mod.extract_page(case.html, case.url, assume_article=True)
            best = {n: min(best.get(n, 1e9), spent[n]) for n in _STEP}
        print(" ".join(f"{n} {1000 * best[n] / len(cases):.2f} ms" for n in _STEP), f"({len(cases)} pages, best of {args.rounds})")
        return 0
    profiler = cProfile.Profile()
    with wrapped(profiler.enable, lambda name, s: profiler.disable(), clock=lambda: 0.0):
        for case in cases:
            extract_mod.extract_page(case.html, case.url, assume_article=True)
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How long a newsspider command takes to start, beside plain Scrapy's in the same run.

Against the bundled demo site (served on 127.0.0.1 by this script), each round runs

- ``scrapy fetch --nolog ARTICLE`` outside any project: plain Scrapy, one page (the baseline);
- ``scrapy parse ARTICLE``: the same page through the spider, extracted by the pool's worker
  (its fork server imports the extractor and loads the models first);
- ``scrapy crawl demo -O …``: the whole demo site (89 pages), timed to "Spider opened", to its
  first record on disk, and to the end;

and prints the medians in seconds, and parse's time as a ratio of fetch's. The startup's parts
(the fork server's preload, the crawl process's imports) are in docs/benchmarks.md, "A crawl's
start".

Usage::

    python benchmarks/startup.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from newsspider.demo.server import DemoServer  # noqa: E402

TRUTH = _ROOT / "newsspider" / "demo" / "ground_truth.json"


def _timed(*args: str, cwd: Path = _ROOT) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"scrapy {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def _crawl(url: str, out: Path) -> tuple[float, float, float]:
    """(to "Spider opened", to the first record on disk, to the end) of one demo crawl, in seconds."""
    start = time.perf_counter()
    args = ["crawl", "demo", "-a", f"url={url}", "-O", str(out), "-s", "NEWSSPIDER_STATE_ENABLED=0"]
    proc = subprocess.Popen([sys.executable, "-m", "scrapy", *args], cwd=_ROOT, stderr=subprocess.PIPE, text=True)
    opened = first = None
    assert proc.stderr is not None
    for line in proc.stderr:
        now = time.perf_counter() - start
        if opened is None and "Spider opened" in line:
            opened = now
        if first is None and out.exists() and out.stat().st_size:
            first = now
    if proc.wait() != 0 or opened is None:
        raise SystemExit("the demo crawl failed")
    end = time.perf_counter() - start
    return opened, first if first is not None else end, end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (medians are printed; default 5)")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds: give 1 or more")
    article = sorted(json.loads(TRUTH.read_text(encoding="utf-8"))["articles"])[0]
    times: dict[str, list[float]] = {"fetch": [], "parse": [], "crawl opened": [], "crawl first record": [], "crawl": []}
    with DemoServer() as site, tempfile.TemporaryDirectory() as tmp:
        url = site.url + article.lstrip("/")
        for n in range(args.rounds):
            times["fetch"].append(_timed("fetch", "--nolog", url, cwd=Path(tmp)))  # no scrapy.cfg: no project
            times["parse"].append(_timed("parse", url))
            opened, first, end = _crawl(site.url, Path(tmp) / f"demo{n}.jsonl")
            times["crawl opened"].append(opened)
            times["crawl first record"].append(first)
            times["crawl"].append(end)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"medians of {args.rounds} rounds, seconds (one article page, and the 89-page demo site)")
    for name, value in medians.items():
        print(f"  {name:20} {value:6.2f}")
    print(f"parse / fetch (plain Scrapy, same page): {medians['parse'] / medians['fetch']:.2f}x")


if __name__ == "__main__":
    main()

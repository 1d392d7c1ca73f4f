"""The one crawl helper of the tests: run ``scrapy``/``newsspider`` as a user would (a real
crawl in a subprocess), collect its stats and exports, and small test pages.

- :func:`crawl`: ``scrapy crawl SPIDER -a url=URL -O OUT`` with the test spiders loaded and the
  final stats written to a JSON file in ``tmp_path``; returns a :class:`CrawlResult`.
  ``small_site=True`` (default) adds :data:`SMALL_SITE_SETTINGS` for a few-page test server.
- :func:`crawl_demo`: :func:`crawl` of a served demo site (:class:`~newsspider.demo.DemoServer`)
  with Scrapy's defaults, checked to succeed; the result also lists the paths it requested.
- :func:`run_scrapy`, :func:`run_newsspider`: any other command line.
"""

from __future__ import annotations

import ast
import csv
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector
from w3lib.html import get_base_url

from newsspider.demo import SITE_DIR
from newsspider.demo.server import DemoServer

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "tests" / "fixtures"

#: Spider modules of test crawls: the project's spiders plus the fault tests' spiders.
SPIDER_MODULES = "newsspider.spiders,tests.faults.spiders"
#: Settings of a crawl of a few-page test server: no robots.txt, no throttling, short bodies kept.
SMALL_SITE_SETTINGS = (
    "NEWSSPIDER_PROGRESS_INTERVAL=0",
    "ROBOTSTXT_OBEY=False",
    "AUTOTHROTTLE_ENABLED=False",
    "NEWSSPIDER_MIN_BODY_WORDS=20",
)

#: Exit status of a bad command line, before anything starts (docs/exports.md, "Exit status").
EXIT_USAGE = 2
#: Exit status of a crawl that could not start, e.g. Redis unreachable (docs/exports.md, "Exit status").
EXIT_CANNOT_START = 1


# -- command lines ---------------------------------------------------------------------------


def run_scrapy(
    *args: str, cwd: Path = REPO_ROOT, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy ARGS…`` in the project folder (a real crawl in a subprocess), capturing output;
    ``env`` is added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter in the repository (what a process imports and builds
    from nothing: the test's own process has it all loaded); its assertions must pass."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


#: For a fresh interpreter's code: ``built()`` names the boilerplate line tests built so far (6 when all are).
LINE_TESTS_BUILT = (
    "from newsspider.extraction import boilerplate as b\n"
    "built = lambda: [n for t in (b._COLUMN_START, b._SINCE_FIT_START) for n in ('whole', 'anchored', 'floating') if n in vars(t)]\n"
)


def w3lib_raises_on_base(href: str) -> bool:
    """Whether the installed w3lib raises on a page whose ``<base href>`` is ``href``: before 2.6 it
    raises on one it cannot read; 2.6 ignores such a base, as a browser does, and then the page
    needs no repair (``UnreadableUrlRepair`` counts nothing)."""
    try:
        get_base_url(f'<base href="{href}">', "http://example.com/")
    except ValueError:
        return True
    return False


def run_newsspider(*args: str, cwd: Path = REPO_ROOT, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ``newsspider`` command (as ``python -m newsspider``), capturing output."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "newsspider", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def assert_refused_command_line(proc: subprocess.CompletedProcess[str], message: str) -> None:
    """A bad command line: exit status 2 and one line naming the fix, not a crash's traceback."""
    assert proc.returncode == EXIT_USAGE, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert message in proc.stderr, proc.stderr[-3000:]


# -- crawls ----------------------------------------------------------------------------------


class JsonFileStatsCollector(MemoryStatsCollector):
    """Stats collector that also writes the final stats to ``NEWSSPIDER_TEST_STATS_FILE``.

    ``_persist_stats`` (Scrapy's hook called with the final stats, after every ``spider_closed``
    handler) is the one Scrapy internal the tests use; checked on Scrapy 2.14-2.19.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.path = crawler.settings.get("NEWSSPIDER_TEST_STATS_FILE")

    def _persist_stats(self, stats: dict[str, Any]) -> None:
        super()._persist_stats(stats)
        if self.path:
            Path(self.path).write_text(json.dumps(stats, default=str), encoding="utf-8")


@dataclass
class CrawlResult:
    proc: subprocess.CompletedProcess[str]
    stats: dict[str, Any]
    records: list[dict[str, Any]]
    #: Paths the server was asked for during the crawl (:func:`crawl_demo` only).
    requests: list[str] = field(default_factory=list)

    @property
    def log(self) -> str:
        return self.proc.stderr

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    def prefixed(self, prefix: str) -> dict[str, int]:
        return {k[len(prefix) :]: int(v) for k, v in self.stats.items() if k.startswith(prefix)}


def crawl(
    tmp_path: Path,
    url: str | None,
    *settings: str,
    spider: str = "news",
    args: Sequence[str] = (),
    output: str = "out.jsonl",
    small_site: bool = True,
    extra: Sequence[str] = (),
    timeout: float = 120,
) -> CrawlResult:
    """``scrapy crawl SPIDER -a url=URL -O tmp_path/OUTPUT -s …``: ``settings`` are ``NAME=value``,
    ``args`` spider arguments ``name=value`` (``url`` None: no ``-a url``), ``extra`` more raw
    command-line arguments. The return code is the caller's to check."""
    out = tmp_path / output
    stats_file = tmp_path / f"{out.name}.stats.json"  # not next to the feed: its folder may be the fault
    stats_file.unlink(missing_ok=True)
    defaults = SMALL_SITE_SETTINGS if small_site else ()
    command = [
        "crawl", spider, *(("-a", f"url={url}") if url is not None else ()), *(a for arg in args for a in ("-a", arg)),
        "-O", str(out),
        "-s", f"SPIDER_MODULES={SPIDER_MODULES}",
        "-s", "STATS_CLASS=tests.helpers.JsonFileStatsCollector",
        "-s", f"NEWSSPIDER_TEST_STATS_FILE={stats_file}",
        *(a for s in (*defaults, *settings) for a in ("-s", s)),
        *extra,
    ]  # fmt: skip
    proc = run_scrapy(*command, timeout=timeout)
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.exists() else {}
    records = read_jsonl(out) if out.exists() and out.suffix == ".jsonl" else []  # other formats: read by the test
    return CrawlResult(proc, stats, records)


def crawl_demo(
    server: DemoServer, out: Path, *extra: str, state: Path | None = None, spider: str = "demo"
) -> CrawlResult:
    """:func:`crawl` of a served demo site with Scrapy's and newsspider's defaults (``extra``:
    raw ``-s``/``-a`` arguments), the incremental state off unless ``state`` is given; the
    crawl must succeed."""
    before = len(server.requests)
    state_settings = ["NEWSSPIDER_STATE_ENABLED=0"]
    if state is not None:
        state_settings = ["NEWSSPIDER_STATE_ENABLED=1", f"NEWSSPIDER_STATE_PATH={state}"]
    result = crawl(
        out.parent, server.url, *state_settings, spider=spider, output=out.name, small_site=False, extra=extra, timeout=300
    )
    assert result.proc.returncode == 0, result.log[-3000:]
    result.requests = server.requests[before:]
    return result


#: Raw arguments of a crawl slow enough to stop mid-way: one request at a time, 50 ms apart.
SLOW = ("-s", "CONCURRENT_REQUESTS=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0.05")


def start_crawl(url: str, feed: tuple[str, Path], *args: str, spider: str = "demo") -> subprocess.Popen[str]:
    """``scrapy crawl`` in the background, its log piped: ``feed`` is ``("-O", path)`` or
    ``("-o", path)``, ``args`` raw command-line arguments. See :func:`signal_after_records`,
    :func:`finish`."""
    return subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"url={url}", feed[0], str(feed[1]), *args],
        cwd=REPO_ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


class GatedDemoServer(DemoServer):
    """The demo site, able to hold requests: after :meth:`hold_after` ``n`` more requests, every
    further request waits (its handler thread blocks) until :meth:`release`. A test stopping a
    crawl mid-way bounds what the crawl can fetch this way instead of racing it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._open = threading.Event()
        self._open.set()
        self._limit: int | None = None

    def hold_after(self, requests: int) -> None:
        """Serve ``requests`` more requests, then hold the rest until :meth:`release`."""
        with self._lock:
            self._limit = len(self.requests) + requests
            self._open.clear()

    def release(self) -> None:
        """Serve everything again, the held requests first."""
        with self._lock:
            self._limit = None
            self._open.set()

    def _record(self, request: Any) -> None:
        super()._record(request)
        with self._lock:
            held = self._limit is not None and len(self.requests) > self._limit
        if held:
            self._open.wait(timeout=300)


def signal_after_records(
    proc: subprocess.Popen[str], out: Path, records: int, *signals: int, gate: GatedDemoServer | None = None
) -> str:
    """Send ``signals`` (0.3 s apart) once ``out`` holds ``records`` more records than now; return the log.

    With ``gate`` (a :class:`GatedDemoServer` told to :meth:`~GatedDemoServer.hold_after` some
    requests), the requests it holds are released once the signals are sent: the crawl is stopped
    mid-way however slowly the machine extracts (downloads otherwise run ahead of extraction, and
    a loaded machine can have every page fetched before the first records are written).
    """
    target = len(read_records(out)) + records
    deadline = time.monotonic() + 120
    while len(read_records(out)) < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the crawl ended before it could be stopped"
    for i, sig in enumerate(signals):
        if i:
            time.sleep(0.3)
        proc.send_signal(sig)
    if gate is not None:
        gate.release()
    _, log = proc.communicate(timeout=120)
    return log


def finish(proc: subprocess.Popen[str]) -> str:
    """Wait for a background crawl; it must succeed. Returns its log."""
    _, log = proc.communicate(timeout=300)
    assert proc.returncode == 0, log[-3000:]
    return log


def wait_until(condition: Callable[[], bool], limit: float = 120, step: float = 0.05) -> bool:
    """Poll ``condition`` until it holds; False after ``limit`` seconds. The limit only bounds how
    long a failing test hangs: set it far above what the condition needs on a loaded machine."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True


# -- what a crawl leaves -----------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON lines feed; every line must be complete."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_records(path: Path) -> list[dict[str, Any]]:
    """JSON lines of a feed that may still be written or was killed: an incomplete last line is
    not a record; no file, no records."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV export (the file closed again: the suite runs with warnings as errors)."""
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


_STATS = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n", re.DOTALL)


def stats_from_log(log: str) -> dict[str, Any]:
    """The crawl stats Scrapy prints at the end (datetime values left out), for crawls not run
    through :func:`crawl`."""
    match = _STATS.search(log)
    assert match, log[-2000:]
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)


def paths(records: list[dict[str, Any]]) -> list[str]:
    """The URL paths of records."""
    return [urlsplit(r["url"]).path for r in records]


# -- sites to crawl ----------------------------------------------------------------------------

ARTICLE_PATH = re.compile(r"^/[a-z]+/\d{4}/\d{2}/\d{2}/[\w-]+\.html$")


def copy_site(tmp_path: Path) -> Path:
    """A writable copy of the demo site, to change before serving it."""
    return Path(shutil.copytree(SITE_DIR, tmp_path / "site"))


def article_requests(server: DemoServer, since: int = 0) -> list[str]:
    """Article paths the server was asked for (after the first ``since`` requests)."""
    return [p for p in server.requests[since:] if ARTICLE_PATH.match(p)]


def rewrite_gz(path: Path, old: str, new: str) -> None:
    """Replace text inside a gzipped file (e.g. a sitemap's lastmod)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    assert old in text
    path.write_bytes(gzip.compress(text.replace(old, new).encode("utf-8"), mtime=0))


def token_f1(predicted: str, truth: str) -> float:
    """Bag-of-words F1 over ``\\w+`` tokens (1.0 when both are empty)."""
    pred, gold = Counter(re.findall(r"\w+", predicted)), Counter(re.findall(r"\w+", truth))
    if not pred and not gold:
        return 1.0
    overlap = sum((pred & gold).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def article_page(title: str, canonical: str, paragraphs: list[str], og_type: str = "article") -> str:
    """A small article page: ``<h1>`` and paragraphs in ``<article>``, a canonical link and og:type."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{title}</title><meta property="og:type" content="{og_type}">'
        f'<link rel="canonical" href="{canonical}"></head>'
        f'<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>{text}</article></body></html>'
    )


#: Three small articles written for the tests: distinct texts of ~100 words each.
SMALL_ARTICLES = {
    "council-approves-new-harbour-budget": (
        "Council approves new harbour budget",
        [
            ("The town council approved a new budget for the harbour on Tuesday evening after a debate that lasted "
             "well past midnight and drew a crowd of fishermen, shop owners and residents to the old town hall."),
            ("The plan sets aside money for dredging the inner basin, repairing the north pier and replacing the "
             "lights along the breakwater, which have failed twice during winter storms in the last three years."),
            ("Opponents argued that the repairs should wait until the regional grant is confirmed, but the mayor "
             "said the pier could not survive another season and that the work would begin in early spring."),
        ],
    ),
    "library-opens-late-on-weekdays": (
        "Library opens late on weekdays",
        [
            ("The central library will stay open until ten in the evening on weekdays from next month, the city's "
             "culture office announced, answering a petition signed by more than two thousand students and parents."),
            ("Two additional librarians will be hired for the evening shift, and the reading rooms on the second "
             "floor will be heated through the winter instead of closing at six as they did under the old schedule."),
            ("Staff said the first trial weeks in the autumn had shown steady demand, with most visitors coming to "
             "study, borrow films or use the public computers after their working day had ended."),
        ],
    ),
    "marathon-route-changes-for-bridge-works": (
        "Marathon route changes for bridge works",
        [
            ("This year's city marathon will follow a new route because the river bridge used in previous races is "
             "closed for repairs, the organisers said on Monday, adding that the total distance stays the same."),
            ("Runners will now cross the river further south on the railway footbridge and return along the eastern "
             "bank, passing the botanical garden and the old brewery before the final stretch through the market."),
            ("Residents along the new route were asked to move their cars by the evening before the race, and bus "
             "lines that cross the course will be diverted from seven in the morning until the last runner finishes."),
        ],
    ),
}


# -- golden files ----------------------------------------------------------------------------

#: How to accept a change in a golden record (tests/golden/test_golden.py).
GOLDEN_UPDATE = "NEWSSPIDER_UPDATE_GOLDEN=1 pytest tests/golden/test_golden.py"


def golden_field_diff(expected: Mapping[str, Any], actual: Mapping[str, Any], case: str = "") -> str:
    """The fields of a record that differ from its golden record, one block per field: expected
    and got (long texts as a line diff), then how to accept the change. Empty when none differ."""
    import difflib
    import pprint

    changed = [k for k in [*expected, *(k for k in actual if k not in expected)] if expected.get(k) != actual.get(k)]
    if not changed:
        return ""
    out = [f"golden record{' ' + case if case else ''}: {len(changed)} field(s) differ: {', '.join(changed)}"]
    for key in changed:
        want, got = expected.get(key, "<missing>"), actual.get(key, "<missing>")
        if isinstance(want, str) and isinstance(got, str) and ("\n" in want or "\n" in got or len(want) > 100):
            lines = difflib.unified_diff(want.splitlines(), got.splitlines(), "expected", "got", lineterm="", n=0)
            out.append(f"--- {key}:\n" + "\n".join(f"    {line[:200]}" for line in list(lines)[:40]))
        else:
            out.append(f"--- {key}:\n    expected: {pprint.pformat(want, width=200)}\n    got:      {pprint.pformat(got, width=200)}")
    out.append(f"If the change is intended: {GOLDEN_UPDATE} (rewrites the golden files), then review `git diff tests/golden`.")
    return "\n".join(out)

"""Soak: a long crawl of a local site where a share of the responses are faulty.

Usage::

    python benchmarks/soak.py [--pages 20000] [--fault-rate 0.10] [--workers N]

Serves ``--pages`` article pages on 127.0.0.1 (indexes of 100 links each; the fault server of
``tests/faults``) where ``--fault-rate`` of them misbehave, rotating through: connection reset,
truncated body, 404, 410, 503 twice then fine (``Retry-After: 0``), 500 once then fine,
compression bomb, PDF served as HTML, empty body, a stall past the timeout. Then crawls it
with ``scrapy crawl news`` (a subprocess, project settings) and reports pages attempted,
exported, dropped by reason, and whether every exported line validates. The baseline beside
it is the fault-free share of the same site: every healthy page and every page whose fault is
recoverable must be exported exactly once; the ratio is exported / expected.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(_ROOT))

from tests.faults.server import (  # noqa: E402
    FaultServer,
    Route,
    article_html,
    flaky,
    gzip_bomb,
    index_html,
    reset,
    respond,
    stall,
    truncate,
)

#: fault name -> (route factory for page n, whether the page is still exported in the end)
FAULTS: dict[str, tuple[object, bool]] = {
    "reset": (lambda n: reset(), False),
    "truncated": (lambda n: truncate(article_html(n)), False),
    "404": (lambda n: respond("gone", status=404, content_type="text/plain"), False),
    "410": (lambda n: respond("gone", status=410, content_type="text/plain"), False),
    "503-then-ok": (lambda n: flaky(2, respond(article_html(n)), status=503, retry_after="0"), True),
    "500-then-ok": (lambda n: flaky(1, respond(article_html(n)), status=500), True),
    "bomb": (lambda n: BOMB, False),
    "pdf-as-html": (lambda n: respond(b"%PDF-1.7\n" + bytes(range(256)) * 8), False),
    "empty": (lambda n: respond(b""), False),
    "stall": (lambda n: stall(3), False),
}
BOMB: Route = gzip_bomb(32 * 1024 * 1024)
REQUIRED = ("url", "site", "title", "body", "fingerprint")


def build_site(server: FaultServer, pages: int, fault_rate: float) -> tuple[int, Counter[str]]:
    """Routes for ``pages`` articles; returns (pages expected in the export, faults by kind)."""
    names = list(FAULTS)
    every = max(1, round(1 / fault_rate)) if fault_rate > 0 else 0
    expected, faults = 0, Counter[str]()
    for n in range(pages):
        path = f"/2024/01/01/story-{n}"
        if every and n % every == every - 1:
            name = names[(n // every) % len(names)]
            factory, recovers = FAULTS[name]
            server.route(path, factory(n))  # type: ignore[operator]
            faults[name] += 1
            expected += recovers
        else:
            server.route(path, respond(article_html(n)))
            expected += 1
    per_index = 100
    indexes = [f"/section/{i}" for i in range(0, pages, per_index)]
    for i, index in zip(range(0, pages, per_index), indexes):
        server.route(index, respond(index_html([f"/2024/01/01/story-{n}" for n in range(i, min(i + per_index, pages))])))
    server.route("/", respond(index_html(indexes)))
    return expected, faults


def validate(path: Path) -> tuple[int, int, int]:
    """(lines, valid records, distinct URLs) of a JSONL export."""
    lines = valid = 0
    urls = set()
    for raw in path.read_bytes().splitlines():
        lines += 1
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if all(record.get(field) for field in REQUIRED):
            valid += 1
            urls.add(record["url"])
    return lines, valid, len(urls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--fault-rate", type=float, default=0.10)
    parser.add_argument("--workers", default=None, help="NEWSSPIDER_EXTRACTION_WORKERS (default: the project's)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    out, stats_file = tmp / "soak.jsonl", tmp / "stats.json"
    with FaultServer() as server:
        expected, faults = build_site(server, args.pages, args.fault_rate)
        command = [
            sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={server.url}", "-O", str(out),
            "-s", "STATS_CLASS=tests.faults.harness.JsonFileStatsCollector", "-s", f"NEWSSPIDER_TEST_STATS_FILE={stats_file}",
            "-s", "LOG_LEVEL=WARNING", "-s", "NEWSSPIDER_PROGRESS_INTERVAL=0", "-s", "ROBOTSTXT_OBEY=False",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
            "-s", "DOWNLOAD_TIMEOUT=2", "-s", "NEWSSPIDER_RETRY_BACKOFF=0.1", "-s", "NEWSSPIDER_MIN_BODY_WORDS=20",
            "-s", "NEWSSPIDER_DISCOVERY=links", "-s", "NEWSSPIDER_SITELEARN_ENABLED=False",
        ]  # fmt: skip
        if args.workers is not None:
            command += ["-s", f"NEWSSPIDER_EXTRACTION_WORKERS={args.workers}"]
        env = dict(os.environ, NEWSSPIDER_STATE_ENABLED="0")
        started = time.monotonic()
        proc = subprocess.run(command, cwd=_ROOT, env=env, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        attempted = len({hit.path for hit in server.requests if hit.path.startswith("/2024/")})
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    lines, valid, distinct = validate(out) if out.exists() else (0, 0, 0)
    dropped = {k.split("/", 2)[2]: v for k, v in sorted(stats.items()) if k.startswith("newsspider/dropped/")}
    skipped = {k.split("/", 2)[2]: v for k, v in sorted(stats.items()) if k.startswith("newsspider/skipped/")}
    print(f"soak: {args.pages} article pages, fault rate {args.fault_rate:.0%}, exit status {proc.returncode}, {elapsed:.0f}s")
    print(f"  faults served        {dict(faults)}")
    print(f"  pages attempted      {attempted}")
    print(f"  requests received    {stats.get('response_received_count', 0)} responses, {stats.get('retry/count', 0)} retries")
    print(f"  exported             {lines} lines, {valid} valid records, {distinct} distinct URLs")
    print(f"  expected (baseline)  {expected}  -> exported/expected = {valid / expected if expected else 0:.4f}")
    print(f"  dropped by reason    {dropped}")
    print(f"  skipped by reason    {skipped}")
    print(f"  exports validated    {'yes' if lines == valid == distinct else 'NO'} (every line parses, has {', '.join(REQUIRED)}, no duplicate)")
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
    return 0 if proc.returncode == 0 and lines == valid == distinct == expected else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Crawl throughput: does a newsspider crawl use every core? Our figure beside baselines, one run.

    python benchmarks/crawl.py [--pages 2000] [--shape small,large,listing] [--runs aebcd] [--repeat 1]
                               [--baseline DIR --runs aeBcd] [--profile DIR]

Serves a generated site of N article pages (the demo site's templates, each page made unique)
from memory on 127.0.0.1 by a cheap keep-alive asyncio server in its own process. Shapes:

- ``small``: the demo's ~10 KB article pages, each linking ~11 other stories plus its section
  and tag pages (served, 20 stories each); list pages of 50 stories from the home page;
- ``large``: ~75 KB pages with what surrounds an article on a real news page (related-story
  teasers, a comments section, an inline script), ~62 links to other stories;
- ``listing``: the small articles, found from paginated listing pages of 120 story links.

For each shape it measures:

- (a) plain Scrapy fetching the same pages (following links, no extraction);
- (e) plain Scrapy again, requesting each link URL once as our spider does (most links on a
  news page were on the pages before it; (a) leaves them to Scrapy's duplicate filter);
- (d) our extraction alone over the same article pages from memory, with the pool;
- (b) a newsspider crawl (``demo`` spider; ``--spider news``: the generic spider, which sends
  every page to extraction to classify it) with extraction inline (``NEWSSPIDER_EXTRACTION_WORKERS=0``);
- (c) a newsspider crawl with the extraction pool (default settings);
- (B) run c on another source tree (``--baseline DIR``, e.g. ``git archive`` of the main branch
  unpacked there): on a shared machine, before/after figures from the same run.

For each: pages/s (article pages over the crawl's own elapsed time), CPU seconds of all its
processes (crawl, pool workers, and the server's share), CPU milliseconds per article page of
the crawl process alone, peak RSS of the crawl (or benchmark) process, records exported. The
limit L = min(rate of a, cores x N / (CPU of a + CPU of d)) is the speed at which the cores
could do nothing but the fetching work and the extraction work; L' is the same with (e)'s
cheaper fetching work. Bars: c/L' >= 0.8, the crawl process's CPU per page <= 1.3x (e)'s, every
article exported. ``--profile DIR`` runs c under cProfile (``DIR/c-<shape>.prof``), timed in CPU time of the
reactor thread (robust on a loaded machine; pool workers and pebble's threads not included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# Run as a script, benchmarks/ comes first on sys.path: measure the source tree's newsspider.
sys.path.insert(0, str(REPO_ROOT))

import scrapy  # noqa: E402
from scrapy.linkextractors import LinkExtractor  # noqa: E402

from newsspider.demo import GROUND_TRUTH_PATH, SITE_DIR  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
LIST_SIZE = 50
RELATED_LINKS = 30
COMMENTS = 60
SCRIPT = "<script>window.__CONFIG__ = " + json.dumps({f"k{i}": "x" * 40 for i in range(400)}) + ";</script>"
CRAWL_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "NEWSSPIDER_PROGRESS_INTERVAL": "0",
    "NEWSSPIDER_DEFAULT_FEED": "",
    "NEWSSPIDER_STATE_ENABLED": "False",  # every run crawls the whole site
    "LOG_LEVEL": "INFO",
}


# -- the generated site ---------------------------------------------------------------------


def article_path(i: int) -> str:
    return f"/news/2024/01/{1 + i % 28:02d}/story-{i}.html"


def _page_furniture(i: int, pages: int, paragraphs: list[str]) -> str:
    """What surrounds an article on a real news page: related-story teasers and a comments section."""
    teasers = "".join(
        f'<div class="teaser"><div class="teaser-inner"><h3><a href="{article_path((i * 7919 + k) % pages)}">'
        f"Related story {k}</a></h3><p>{paragraphs[(i + k) % len(paragraphs)][:220]}</p>"
        f'<span class="meta">{k} min read</span></div></div>'
        for k in range(1, RELATED_LINKS + 1)
    )
    comments = "".join(
        f'<div class="comment"><div class="comment-author">Reader {k}</div><div class="comment-body">'
        f"<p>{paragraphs[(i * 3 + k) % len(paragraphs)]}</p></div></div>"
        for k in range(COMMENTS)
    )
    return f'<section class="related">{teasers}</section><section class="comments">{comments}</section>{SCRIPT}'


ARTICLE_HREF = re.compile(r'(?<!canonical" )href="(/[a-z-]+/\d{4}/\d{2}/\d{2}/[^"]*)"')
LISTING_SIZE = 120  # article links on a page of the "listing" shape
SECTION_SIZE = 20  # article links on a section or tag page of the "small" and "listing" shapes


def _demo_articles() -> tuple[list[tuple[str, str]], list[str]]:
    """The demo site's article pages (HTML, first body paragraph) and every body paragraph."""
    truth = json.loads(Path(GROUND_TRUTH_PATH).read_text(encoding="utf-8"))["articles"]
    templates, paragraphs = [], []
    for path, record in sorted(truth.items()):
        html = (SITE_DIR / path.lstrip("/")).read_text(encoding="utf-8")
        paragraphs += record["body"].split("\n\n")
        first = next((p for p in record["body"].split("\n\n") if p in html), None)
        if first is not None:
            templates.append((html, first))
    return templates, paragraphs


def _list_page(title: str, paths: Iterator[str] | list[str], extra: str = "") -> bytes:
    items = "".join(f'<li><a href="{path}">Story {path.rsplit("-", 1)[-1][:-5]}</a></li>' for path in paths)
    return f"<html><head><title>{title}</title></head><body><ul>{items}</ul>{extra}</body></html>".encode()


def generate_site(pages: int, shape: str = "large") -> dict[str, bytes]:
    """Path -> HTML bytes of N unique article pages and the pages that link to them, by ``shape``:

    - ``large``: ~75 KB articles with ~62 links to other stories (teasers, comments, a script);
      list pages of 50 links, a home page linking to them.
    - ``small``: the demo's ~9 KB articles, each linking ~11 other stories plus its section and tag
      pages (served: 20 stories each); list pages of 50 links, a home page linking to them.
    - ``listing``: the small articles, found from paginated listing pages of 120 story links with
      numbered pagination (the home page is the first of them).
    """
    templates, paragraphs = _demo_articles()
    site: dict[str, bytes] = {}
    others: set[str] = set()
    for i in range(pages):
        html, first = templates[i % len(templates)]
        links = iter(article_path((i * 104729 + k) % pages) for k in range(1, 10**9))
        # The canonical link names the page itself; every other link points at another story
        # (large) or every story link at another story, section and tag links kept (small, listing).
        html = re.sub(r'<link rel="canonical" href="[^"]*"', f'<link rel="canonical" href="{article_path(i)}"', html)
        if shape == "large":
            html = re.sub(r'(?<!canonical" )href="/[^"]*"', lambda _, links=links: f'href="{next(links)}"', html)
        else:
            html = ARTICLE_HREF.sub(lambda _, links=links: f'href="{next(links)}"', html)
            others.update(m for m in re.findall(r'<a [^>]*href="(/[^"]*)"', html) if not ARTICLE_HREF.search(f' href="{m}"'))
        html = html.replace(first, f"{first} This is report number {i} of the day.")
        if shape == "large":
            html = html.replace("</body>", _page_furniture(i, pages, paragraphs) + "</body>", 1)
        site[article_path(i)] = html.encode("utf-8")
    for k, path in enumerate(sorted(others - {"/"})):  # section and tag pages: 20 stories each
        site[path] = _list_page(path.strip("/"), [article_path((k * 7919 + j * 31) % pages) for j in range(SECTION_SIZE)])
    if shape == "listing":
        count = -(-pages // LISTING_SIZE)
        for n in range(count):
            numbers = "".join(f'<a href="/page/{m}.html">{m + 1}</a> ' for m in range(max(0, n - 5), min(count, n + 6)))
            nav = f'<a href="/page/{n + 1}.html">Next</a>' if n + 1 < count else ""
            body = _list_page("Latest", [article_path(i) for i in range(n * LISTING_SIZE, min(pages, (n + 1) * LISTING_SIZE))],
                              f'<nav class="pagination">{numbers}{nav}</nav>')
            site[f"/page/{n}.html"] = body
            if n == 0:
                site["/"] = body
        return site
    lists = range(0, pages, LIST_SIZE)
    for start in lists:
        site[f"/list/{start}.html"] = _list_page("Latest", [article_path(i) for i in range(start, min(pages, start + LIST_SIZE))])
    home = "".join(f'<li><a href="/list/{start}.html">Page {start}</a></li>' for start in lists)
    site["/"] = f"<html><head><title>Generated Daily</title></head><body><ul>{home}</ul></body></html>".encode()
    return site


class _KeepAliveHTTP(asyncio.Protocol):
    """Just enough HTTP/1.1: GET from a dict of pre-rendered responses, connections kept alive."""

    def __init__(self, responses: dict[str, bytes], missing: bytes) -> None:
        self.responses, self.missing, self.buffer = responses, missing, b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            path = head.split(b" ", 2)[1].decode("latin-1").split("?")[0]
            self.transport.write(self.responses.get(path, self.missing))  # type: ignore[attr-defined]


def serve(pages: int, shape: str) -> None:
    """Serve the generated site on a free port; print the port, run until killed."""

    def response(body: bytes, status: str = "200 OK") -> bytes:
        head = f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
        return head.encode() + body

    responses = {path: response(body) for path, body in generate_site(pages, shape).items()}
    missing = response(b"not found", "404 Not Found")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _KeepAliveHTTP(responses, missing), "127.0.0.1", 0)
        print(server.sockets[0].getsockname()[1], flush=True)
        await server.serve_forever()

    asyncio.run(main())


# -- measuring processes --------------------------------------------------------------------


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / CLK_TCK


def _tree(root: int) -> dict[int, float]:
    """CPU seconds of ``root`` and every live descendant."""
    stats = {int(p): s for p in os.listdir("/proc") if p.isdigit() and (s := _proc_stat(int(p)))}
    tree, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in stats:
            tree[pid] = stats[pid][1]
            frontier += [c for c, (ppid, _) in stats.items() if ppid == pid]
    return tree


def _peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


@dataclass
class Run:
    name: str
    pages: int
    seconds: float
    cpu: float
    rss_mb: float
    main_cpu: float = 0.0  # of the crawl process alone (a, b, c, e)
    exported: int = 0

    @property
    def main_ms(self) -> float:
        """CPU milliseconds of the crawl process per article page."""
        return 1000 * self.main_cpu / self.pages

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


class Server:
    def __init__(self, pages: int, shape: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(pages), "--shape", shape], stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT
        )
        assert self.proc.stdout is not None
        self.url = f"http://127.0.0.1:{int(self.proc.stdout.readline())}/"

    def cpu(self) -> float:
        stat = _proc_stat(self.proc.pid)
        return stat[1] if stat else 0.0

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


#: ``python -c`` code running ``scrapy ARGS`` under cProfile with the reactor thread's CPU time as
#: its clock (``sys.argv[1]``: the output file): a profile of CPU, not of waits and of the
#: other processes of a loaded machine (wall-clock profiles are).
PROFILED_SCRAPY = """
import cProfile, runpy, sys, time
out, sys.argv = sys.argv[1], ["scrapy", *sys.argv[2:]]
profiler = cProfile.Profile(time.thread_time)
try:
    profiler.runcall(runpy.run_module, "scrapy", run_name="__main__", alter_sys=True)
finally:
    profiler.dump_stats(out)
"""


def measure_crawl(name: str, args: list[str], pages: int, server: Server, tree: Path = REPO_ROOT, profile: Path | None = None) -> Run:
    """Run a scrapy command in source tree ``tree`` (under cProfile, writing ``profile``); sample
    its process tree's CPU and the crawl's peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        if profile:
            profile.parent.mkdir(parents=True, exist_ok=True)
            cmd = [sys.executable, "-c", PROFILED_SCRAPY, str(profile), *args, "-O", str(out)]
        else:
            cmd = [sys.executable, "-m", "scrapy", *args, "-O", str(out)]
        for key, value in CRAWL_SETTINGS.items():
            cmd += ["-s", f"{key}={value}"]
        server_cpu = server.cpu()
        log = Path(tmp) / "crawl.log"  # a file, not a pipe: a full pipe would stall the crawl
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH", "")]))}
        proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
        seen: dict[int, float] = {}
        rss = 0.0
        while proc.poll() is None:
            seen.update(_tree(proc.pid))
            rss = max(rss, _peak_rss_mb(proc.pid))
            time.sleep(0.1)
        err = log.read_text(encoding="utf-8", errors="replace")
        exported = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
        fetched = re.search(r"'response_received_count': (\d+)", err)
        print(f"  {name}: {fetched.group(1) if fetched else '?'} responses, {exported} records exported", flush=True)
        # Records lost on the way (e.g. too_short after site learning) and what site learning learned.
        counters = re.findall(r"'newsspider/(dropped/\w+|sitelearn/blocks_\w+)': (\d+)", err)
        if counters:
            print("  " + name + ": " + ", ".join(f"{key} {value}" for key, value in counters), flush=True)
        if proc.returncode != 0:
            raise SystemExit(f"run {name} failed:\n{err[-3000:]}")
        elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", err)
        cpu = sum(seen.values()) + server.cpu() - server_cpu
        return Run(name, pages, float(elapsed.group(1)) if elapsed else 0.0, cpu, rss, seen.get(proc.pid, 0.0), exported)


def measure_extraction(pages: int, shape: str, workers: int | None) -> Run:
    """(d): every article page extracted from memory through the pool, results awaited."""
    from newsspider.extraction import SiteRules
    from newsspider.pool import ExtractionPool, default_workers

    site = {p: b.decode("utf-8") for p, b in generate_site(pages, shape).items() if p.startswith("/news/")}
    pool = ExtractionPool(workers or default_workers(), timeout=60)
    rules = SiteRules()
    try:
        warm = [pool.submit(html, "http://127.0.0.1" + path, rules, assume_article=True) for path, html in list(site.items())[:8]]
        for future in warm:
            future.result()
        before = _tree(os.getpid())
        seen = dict(before)
        sampling = threading.Event()

        def sample() -> None:  # workers are replaced every 1000 pages: keep each one's last CPU figure
            while not sampling.wait(0.1):
                seen.update(_tree(os.getpid()))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        futures = [pool.submit(html, "http://127.0.0.1" + path, rules, assume_article=True) for path, html in site.items()]
        done = sum(f.result().fields is not None for f in futures)
        seconds = time.perf_counter() - start
        seen.update(_tree(os.getpid()))
        sampling.set()
        sampler.join()
        cpu = sum(seen.values()) - sum(before.values())
    finally:
        pool.close()
    if done != len(site):
        raise SystemExit(f"run d: only {done} of {len(site)} pages extracted")
    return Run("d", len(site), seconds, cpu, _peak_rss_mb(os.getpid()))


class PlainSpider(scrapy.Spider):
    """(a): Scrapy following every link of the site, extracting nothing.

    With ``-a skip_seen=1`` (run e) it requests each link URL once, as our spider does, instead
    of leaving repeats to Scrapy's duplicate filter.
    """

    name = "plain"

    def __init__(self, url: str = "", skip_seen: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.start_urls = [url]
        self.links = LinkExtractor()
        self.seen: set[str] | None = set() if skip_seen else None

    def parse(self, response: scrapy.http.Response) -> Iterator[scrapy.Request]:
        for link in self.links.extract_links(response):
            if self.seen is not None:
                if link.url in self.seen:
                    continue
                self.seen.add(link.url)
            yield response.follow(link, callback=self.parse)


LABELS = {
    "a": "plain Scrapy, no extraction",
    "e": "plain Scrapy, repeated links skipped",
    "b": "newsspider, inline",
    "c": "newsspider, pool",
    "B": "newsspider, pool, baseline tree",
    "d": "extraction alone, pool",
}
SHAPES = ("small", "large", "listing")


def measure(name: str, shape: str, args: argparse.Namespace, server: Server) -> Run:
    """One run of the set on the served site."""
    workers = ["-s", f"NEWSSPIDER_EXTRACTION_WORKERS={args.workers}"] if args.workers else []
    demo = ["crawl", args.spider, "-a", f"url={server.url}"]
    if name in "ae":
        skip_seen = ["-a", "skip_seen=1"] if name == "e" else []
        return measure_crawl(name, ["runspider", __file__, "-a", f"url={server.url}", *skip_seen], args.pages, server)
    if name == "b":
        return measure_crawl("b", [*demo, "-s", "NEWSSPIDER_EXTRACTION_WORKERS=0"], args.pages, server)
    if name == "c":
        profile = args.profile / f"c-{shape}.prof" if args.profile else None
        return measure_crawl("c", [*demo, *workers], args.pages, server, profile=profile)
    if name == "B":
        if args.baseline is None:
            raise SystemExit("run B needs --baseline DIR (a copy of the source tree to compare with)")
        return measure_crawl("B", [*demo, *workers], args.pages, server, tree=args.baseline)
    if name == "d":
        return measure_extraction(args.pages, shape, args.workers)
    raise SystemExit(f"unknown run {name!r}: choose from {''.join(LABELS)}")


def summary(shape: str, runs: dict[str, Run], cores: int, pages: int) -> str:
    """One table row of a shape: the limits, how close the crawls come, their crawl-process CPU."""
    cells = [shape]
    a, e, d = runs.get("a"), runs.get("e"), runs.get("d")
    limit = min(a.rate, cores * pages / (a.cpu + d.cpu)) if a and d else None
    strict = min(e.rate, cores * pages / (e.cpu + d.cpu)) if e and d else None
    cells += [f"{a.rate:.0f}" if a else "", f"{e.main_ms:.2f}" if e else "", f"{1000 * d.cpu / pages:.2f}" if d else ""]
    cells += [f"{limit:.0f}" if limit else "", f"{strict:.0f}" if strict else "", f"{runs['b'].rate:.0f}" if "b" in runs else ""]
    for name in "cB":
        run = runs.get(name)
        if run is None:
            cells += [""] * 6
            continue
        cells += [f"{run.rate:.0f}", f"{run.rate / limit:.2f}" if limit else "", f"{run.rate / strict:.2f}" if strict else ""]
        cells += [f"{run.main_ms:.2f}" + (f" ({run.main_ms / e.main_ms:.2f}x)" if e else ""), f"{run.rss_mb:.0f}", f"{run.exported}"]
    return "| " + " | ".join(cells) + " |"


TABLE_HEAD = (
    "| shape | a/s | e ms | d ms | L | L' | b/s | c/s | c/L | c/L' | c ms (/e) | c MB | c out"
    " | B/s | B/L | B/L' | B ms (/e) | B MB | B out |\n|" + "---|" * 19
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages in the generated site")
    parser.add_argument("--shape", default=",".join(SHAPES), help=f"site shapes, comma-separated ({', '.join(SHAPES)})")
    parser.add_argument("--runs", default="aebcd", help="which runs, e.g. c for the memory check; B: c on --baseline")
    parser.add_argument("--repeat", type=int, default=1, help="repeat the whole set this many times")
    parser.add_argument("--workers", type=int, default=0, help="pool workers (0: the CPU count)")
    parser.add_argument("--baseline", type=Path, help="another source tree (e.g. git archive of main) for run B")
    parser.add_argument("--spider", default="demo", help="spider of runs b, c, B: demo (article URLs known) or news (every page classified)")
    parser.add_argument("--profile", type=Path, help="directory: run c under cProfile, writing c-<shape>.prof there")
    parser.add_argument("--serve", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    shapes = [s.strip() for s in args.shape.split(",") if s.strip()]
    if unknown := set(shapes) - set(SHAPES):
        parser.error(f"unknown shape(s) {', '.join(sorted(unknown))}: choose from {', '.join(SHAPES)}")
    if args.serve:
        serve(args.serve, shapes[0])
        return 0
    from newsspider.pool import default_workers

    cores = default_workers()
    print(f"generated sites: {args.pages} article pages; shapes {', '.join(shapes)}; {cores} cores", flush=True)
    rows = []
    for repeat in range(args.repeat):
        for shape in shapes:
            server = Server(args.pages, shape)
            runs: dict[str, Run] = {}
            try:
                for name in args.runs:
                    run = runs[name] = measure(name, shape, args, server)
                    print(
                        f"  {shape} {name} ({LABELS[name]}): {run.rate:7.1f} pages/s  {run.cpu:6.1f} CPU s"
                        f" ({run.main_cpu:.1f} in the crawl process, {run.main_ms:.2f} ms/page)  {run.rss_mb:6.0f} MB peak RSS",
                        flush=True,
                    )
            finally:
                server.close()
            rows.append(summary(shape, runs, cores, args.pages))
            print(f"run {repeat + 1}, {shape}:\n{TABLE_HEAD}\n{rows[-1]}", flush=True)
    print(
        f"\nall runs ({args.pages} article pages a site; a/s, b/s, c/s: article pages per second; e ms, c ms: CPU ms per page"
        " of the crawl process; d ms: extraction CPU ms per page; bars: c/L' >= 0.8, c ms <= 1.3x e ms):"
    )
    print(TABLE_HEAD + "\n" + "\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

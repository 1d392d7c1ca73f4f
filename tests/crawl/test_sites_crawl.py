"""``scrapy crawl sites``: three site entries served locally, crawled in one crawl.

Each site's articles are exported exactly once, with the entry's name as ``site`` and per-site
stats; the crawl never leaves the entries' hosts (an external link to another local host, which
the address guard is told to allow, gets no request); a site's ``[fields]`` apply to its records
only; a second crawl with the incremental state exports nothing new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.server import FaultServer, article_html, index_html, respond
from tests.helpers import assert_refused_command_line, crawl, run_scrapy

ARTICLES = 4
SITES = ("alpha", "bravo", "charlie")


@pytest.fixture
def servers() -> Iterator[tuple[dict[str, FaultServer], FaultServer]]:
    """Three small sites on 127.0.0.1 (one port each) and an external host (localhost)."""
    external = FaultServer(host="localhost").start()
    external.route("/", respond(index_html(["/elsewhere.html"])))
    sites = {name: FaultServer().start() for name in SITES}
    try:
        for i, server in enumerate(sites.values()):
            paths = [f"/news/story-{n}.html" for n in range(ARTICLES)]
            for n, path in enumerate(paths):
                server.route(path, respond(article_html(100 * i + n)))
            links = [*paths, external.url]  # an external credit link on every home page
            if i == 0:  # and a link to another site of the crawl: that site's article, exported once
                links.append(sites["bravo"].url_for(paths[0]))
            server.route("/", respond(index_html(links)))
        yield sites, external
    finally:
        for server in (*sites.values(), external):
            server.stop()


def write_entries(folder: Path, sites: dict[str, FaultServer]) -> None:
    folder.mkdir()
    for name, server in sites.items():
        extra = '\n[fields]\nsection = { xpath = "//p[@class=\'byline\']/text()" }\n' if name == "charlie" else ""
        (folder / f"{name}.toml").write_text(
            f'name = "{name}"\nstart_urls = ["{server.url}"]\narticle_urls = [\'/news/story-\\d+\\.html$\']\n{extra}',
            encoding="utf-8",
        )


def test_three_sites_in_one_crawl(tmp_path: Path, servers: tuple[dict[str, FaultServer], FaultServer]) -> None:
    sites, external = servers
    write_entries(tmp_path / "sites", sites)
    settings = (
        f"NEWSSPIDER_SITES_DIRS={tmp_path / 'sites'}",
        "NEWSSPIDER_STATE_ENABLED=1",
        f"NEWSSPIDER_STATE_PATH={tmp_path / 'state.sqlite'}",
        # The external host is local too: let the address guard through, so that only the
        # crawl's own domains keep it from leaving.
        "NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=127.0.0.0/8,::1/128",
    )
    first = crawl(tmp_path, None, *settings, spider="sites", args=[f"sites={','.join(SITES)}"])
    assert first.proc.returncode == 0, first.log[-3000:]

    by_site = Counter(r["site"] for r in first.records)
    assert by_site == dict.fromkeys(SITES, ARTICLES), by_site
    assert len({r["url"] for r in first.records}) == len(first.records)
    for record in first.records:  # each record from its own site's server
        assert record["url"].startswith(sites[record["site"]].url)
    assert {r["section"] for r in first.records if r["site"] == "charlie"} == {"By Jane Reporter"}
    assert not any(r["section"] for r in first.records if r["site"] != "charlie")
    for name in SITES:
        assert first.stat(f"newsspider/site/{name}/articles") == ARTICLES
        assert first.stat(f"newsspider/site/{name}/pages") >= ARTICLES + 1
    assert external.requests == []
    assert first.stat("offsite/filtered") >= 1

    # Extracted inline this time (the first crawl used worker processes): it exports nothing anyway.
    again = (*settings, "NEWSSPIDER_EXTRACTION_WORKERS=0")
    asked = {name: len(server.requests) for name, server in sites.items()}
    second = crawl(tmp_path, None, *again, spider="sites", args=[f"sites={','.join(SITES)}"], output="again.jsonl")
    assert second.proc.returncode == 0, second.log[-3000:]
    assert second.records == []
    # Each site's state is found under its entry's name: no article is even fetched again.
    assert second.stat("newsspider/skipped/already_exported") >= len(SITES) * ARTICLES
    for name, server in sites.items():
        assert not [hit.path for hit in server.requests[asked[name]:] if hit.path.startswith("/news/")]
    assert external.requests == []


def test_an_unknown_site_is_a_bad_command_line() -> None:
    proc = run_scrapy("crawl", "sites", "-a", "sites=demo,nowhere")
    assert_refused_command_line(proc, "unknown site 'nowhere': give -a sites=NAME[,NAME...] or -a sites=all; known sites: ")
    assert "demo" in proc.stderr.split("known sites: ")[1].splitlines()[0]

"""The internal-address guard and redirect refusals, end to end against a local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.server import FaultServer, article_html, index_html, redirect, respond
from tests.helpers import CrawlResult, assert_refused_command_line, crawl


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture(scope="module")
def hostile(server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """One crawl of a start page on 127.0.0.1 (trusted) whose links and redirects point inward."""
    secret = server.route("/secret", respond(article_html(99, title="Internal secret page")))
    links = [
        "/2024/01/01/fine-story",
        server.url_for("/secret", host="localhost"),  # a name that resolves to loopback
        # 127.0.0.2 as a decimal integer (w3lib 2.6 writes it 127.0.0.2, as a browser does; 127.0.0.1
        # would then be the trusted start host itself)
        f"http://2130706434:{server.port}/secret",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata, link-local
        f"http://[::ffff:127.0.0.1]:{server.port}/secret",  # IPv4-mapped IPv6 loopback
        "file:///etc/passwd",
        "/go/localhost",
        "/go/metadata",
        "/go/file",
        "/go/data",
        "/loop/a",
        "/hops/0",
    ]
    server.route("/", respond(index_html(links)))
    server.route("/2024/01/01/fine-story", respond(article_html(1)))
    server.route("/go/localhost", redirect(secret.replace("127.0.0.1", "localhost") + "?via=redirect"))
    server.route("/go/metadata", redirect("http://169.254.169.254/latest/user-data/"))
    server.route("/go/file", redirect("file:///etc/passwd"))
    server.route("/go/data", redirect("data:text/html,<p>hi</p>"))
    server.route("/loop/a", redirect("/loop/b"))
    server.route("/loop/b", redirect("/loop/a"))
    for hop in range(5):
        server.route(f"/hops/{hop}", redirect(f"/hops/{hop + 1}"))
    server.route("/hops/5", respond(article_html(5)))
    tmp = tmp_path_factory.mktemp("netguard")
    return crawl(tmp, server.url, "DOWNLOAD_TIMEOUT=3", "REDIRECT_MAX_TIMES=3", spider="faults-open")


def test_trusted_start_host_is_crawled(hostile: CrawlResult) -> None:
    assert hostile.proc.returncode == 0, hostile.proc.stderr[-2000:]
    assert [r["title"] for r in hostile.records] == ["Report number 1 on the state of the harbour"]


def test_internal_addresses_refused_and_never_contacted(hostile: CrawlResult, server: FaultServer) -> None:
    # localhost link + decimal-IP link + mapped-IPv6 link + metadata link + 2 redirects (localhost, metadata)
    assert hostile.stat("newsspider/refused/internal_address") == 6, hostile.prefixed("newsspider/refused/")
    assert [hit.path for hit in server.requests if hit.path.startswith("/secret")] == []
    assert "Internal secret page" not in {r["title"] for r in hostile.records}


def test_file_and_data_refused(hostile: CrawlResult) -> None:
    assert hostile.stat("newsspider/refused/scheme") == 1  # the file:///etc/passwd link
    assert hostile.stat("newsspider/refused/redirect_scheme") == 2


def test_redirect_loop_and_hop_limit(hostile: CrawlResult) -> None:
    assert hostile.stat("newsspider/refused/redirect_loop") == 1
    assert hostile.stat("newsspider/refused/too_many_redirects") == 1


def test_guard_can_allow_networks_or_be_off(server: FaultServer, tmp_path: Path) -> None:
    start = server.route("/allow-start", respond(index_html([server.url_for("/allowed", host="localhost")])))
    server.route("/allowed", respond(article_html(7)))
    allowed = crawl(tmp_path, start, "NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=127.0.0.0/8", spider="faults-open")
    seven = "Report number 7 on the state of the harbour"
    assert seven in {r["title"] for r in allowed.records}
    (tmp_path / "off").mkdir()
    off = crawl(tmp_path / "off", start, "NEWSSPIDER_NETGUARD_ENABLED=False", spider="faults-open")
    assert seven in {r["title"] for r in off.records}
    assert off.stat("newsspider/refused/internal_address") == 0


def test_bad_allowed_network_fails_fast(server: FaultServer, tmp_path: Path) -> None:
    result = crawl(tmp_path, server.url, "NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=10.0.0.0/99")
    assert_refused_command_line(result.proc, "NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS: '10.0.0.0/99' is not a network")

"""Credentials are never forwarded across hosts on redirects (Scrapy's RedirectMiddleware rules).

Checked on the wire: the fault server records the headers each request arrived with.
"""

from __future__ import annotations

from pathlib import Path

from tests.faults.server import FaultServer, article_html, redirect, respond
from tests.helpers import crawl


def test_authorization_and_cookie_dropped_on_cross_host_redirect_kept_on_same_host(tmp_path: Path) -> None:
    with FaultServer() as server:
        server.route("/same", redirect("/same-landing"))
        server.route("/same-landing", redirect(server.url_for("/other-landing", host="localhost")))
        server.route("/other-landing", respond(article_html(1)))
        result = crawl(
            tmp_path,
            server.url_for("/same"),
            "NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=127.0.0.0/8",
            spider="faults-credentials",
        )
        [first] = server.hits("/same")
        [same_host] = server.hits("/same-landing")
        [other_host] = server.hits("/other-landing")
    assert result.proc.returncode == 0, result.proc.stderr[-2000:]
    assert first.headers.get("Authorization") == "Bearer s3cret"
    assert same_host.headers.get("Authorization") == "Bearer s3cret"  # same scheme, host and port
    assert "session=abc123" in same_host.headers.get("Cookie", "")
    assert "Authorization" not in other_host.headers
    assert "session=abc123" not in other_host.headers.get("Cookie", "")
    assert len(result.records) == 1

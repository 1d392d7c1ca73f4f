"""End to end: ``newsspider new-site`` samples The Daily Ledger (served locally, robots.txt obeyed),
and the entry it writes covers the whole site's articles (ground truth, not the sample) and no other
page. The crawl of the entry itself (body F1 >= 0.99) is measured by ``benchmarks/newsite.py``;
a crawl test of it belongs with the site registry that loads entries."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.newsite import measure_entry, new_site
from newsspider.ledger import GROUND_TRUTH_PATH, LedgerServer

#: A local server needs no throttling; everything else is the project's defaults (robots.txt obeyed).
FAST = "AUTOTHROTTLE_ENABLED=False"


def test_new_site_entry_covers_the_site_and_crawls_it(tmp_path: Path) -> None:
    truth = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))
    with LedgerServer() as server:
        proc = new_site(server.url, "ledger", tmp_path, 60, FAST)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "confidence: high" in proc.stdout, proc.stdout
        sampled = list(server.requests)
        assert "/robots.txt" in sampled
        assert not [u for u in sampled if u.startswith(("/login", "/print"))]  # robots.txt Disallow

        entry_path = tmp_path / "ledger.toml"
        measure = measure_entry("ledger", entry_path, server.url, truth)
        assert measure.coverage >= 0.95 and measure.false_positives == [] and measure.lines <= 20, measure
        text = entry_path.read_text(encoding="utf-8")
        assert f"feeds = ['{server.url}rss.xml']" in text and f"sitemaps = ['{server.url}sitemap.xml']" in text

    cases = [json.loads(line) for line in (tmp_path / "ledger" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) == 3 and len(list((tmp_path / "ledger" / "pages").glob("*.html"))) == 3
    for case in cases:  # the golden records are the crawl's records of articles of the site
        assert case["record"]["body"] == truth["articles"][case["url"].removeprefix(server.url.rstrip("/"))]["body"]


"""End to end, the bar of a new site: ``newsspider new-site`` samples The Daily Ledger (served
locally, robots.txt obeyed) and writes its entry into a sites folder; ``scrapy crawl sites`` crawls
that entry through the registry (``NEWSSPIDER_SITES_DIRS``), as a user would. Measured on the site's
ground truth, not the sample: >= 95% of its articles exported, no other page, body F1 >= 0.99 (the
metric of benchmarks/metric.py), an entry of <= 20 lines. ``benchmarks/newsite.py`` reports the
same figures for both bundled sites."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.newsite import body_scores, measure_entry, new_site
from newsspider.ledger import GROUND_TRUTH_PATH, LedgerServer
from newsspider.sites.entry import load_entry
from tests.helpers import crawl

#: A local server needs no throttling; everything else is the project's defaults (robots.txt obeyed).
FAST = "AUTOTHROTTLE_ENABLED=False"


def test_new_site_writes_an_entry_whose_crawl_exports_the_site(tmp_path: Path) -> None:
    truth = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))
    sites = tmp_path / "sites"
    with LedgerServer() as server:
        proc = new_site(server.url, "ledger", sites, 60, FAST)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "confidence: high" in proc.stdout, proc.stdout
        sampled = list(server.requests)
        assert "/robots.txt" in sampled
        assert not [u for u in sampled if u.startswith(("/login", "/print"))]  # robots.txt Disallow

        entry = load_entry(sites / "ledger.toml")  # the registry's reader takes what new-site wrote
        assert (entry.feeds, entry.sitemaps) == ((f"{server.url}rss.xml",), (f"{server.url}sitemap.xml",))
        measure = measure_entry("ledger", sites / "ledger.toml", server.url, truth)
        assert measure.coverage >= 0.95 and measure.false_positives == [] and measure.lines <= 20, measure

        # The entry in tmp replaces the bundled one of the same name.
        result = crawl(tmp_path, server.url, FAST, "NEWSSPIDER_STATE_ENABLED=0", f"NEWSSPIDER_SITES_DIRS={sites}",
                       spider="sites", args=["sites=ledger"], small_site=False, timeout=300)
        assert result.proc.returncode == 0, result.log[-3000:]
    found, others, body_f1 = body_scores(result.records, server.url, truth)
    assert found >= 0.95 * len(truth["articles"]) and others == [] and body_f1 >= 0.99, (found, others, body_f1)
    assert {r["site"] for r in result.records} == {"ledger"} and result.stat("newsspider/site/ledger/articles") == found

    cases = [json.loads(line) for line in (sites / "ledger" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) == 3 and len(list((sites / "ledger" / "pages").glob("*.html"))) == 3
    for case in cases:  # the golden records are the crawl's records of articles of the site
        assert case["record"]["body"] == truth["articles"][case["url"].removeprefix(server.url.rstrip("/"))]["body"]

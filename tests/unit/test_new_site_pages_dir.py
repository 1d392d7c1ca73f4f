"""``newsspider new-site URL --pages-dir DIR``: an entry and golden pages from saved pages, no crawl;
the command line's refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsspider.cli import main
from newsspider.ledger import GROUND_TRUTH_PATH, SITE_DIR
from newsspider.ledger.server import ROUTES_FILE
from newsspider.sites.entry import load_entry
from newsspider.sites.newsite import run_new_site
from newsspider.sites.patterns import matching

BASE = "https://ledger.example"


def test_entry_and_golden_pages_from_saved_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))
    routes = json.loads((SITE_DIR / ROUTES_FILE).read_text(encoding="utf-8"))
    saved = tmp_path / "saved"
    saved.mkdir()
    chosen = list(truth["articles"])[:6] + truth["non_articles"][::15]
    for n, url in enumerate(chosen):  # file names say nothing: each page's canonical link gives its URL
        shutil.copy(SITE_DIR / routes[url], saved / f"page{n}.html")

    assert run_new_site(BASE + "/", name="ledger", out=tmp_path / "sites", pages_dir=saved) == 0

    path = tmp_path / "sites" / "ledger.toml"
    entry = load_entry(path)  # the registry reads what new-site writes
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 20
    assert (entry.name, entry.start_urls, entry.allowed_domains()) == ("ledger", (BASE + "/",), ["ledger.example"])
    assert entry.article_urls == (r"^/news/\d+-[\w-]+$", r"^/article\?id=\d+$")
    everything = [BASE + u for u in truth["articles"]]
    assert matching(entry.article_urls, everything) == everything  # all 48, from 6
    assert matching(entry.article_urls, [BASE + u for u in truth["non_articles"]]) == []
    cases = [json.loads(line) for line in (tmp_path / "sites" / "ledger" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) == 3
    for case in cases:
        assert (tmp_path / "sites" / "ledger" / case["page"]).is_file()
        expected = truth["articles"][case["url"].removeprefix(BASE)]
        assert (case["record"]["title"], case["record"]["body"], case["record"]["site"]) == (expected["title"], expected["body"], "ledger")
    out = capsys.readouterr().out
    assert "cover 6 of 6 sampled articles (100%)" in out and "confidence: " in out


def test_bad_options_are_refused_before_anything_starts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-site", "http://127.0.0.1:9/", "--name", "Bad-Name", "--out", str(tmp_path)]) == 2
    assert "--name 'Bad-Name' is invalid: use [a-z0-9_]+" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["new-site", "http://127.0.0.1:9/", "--pages", "0"])
    assert exit_.value.code == 2
    assert not any(tmp_path.iterdir())

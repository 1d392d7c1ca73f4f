"""The ``newsspider`` command: ``extract`` on saved pages and ``demo`` end to end."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import yaml

from newsspider.items import ARTICLE_FIELDS
from tests.helpers import (
    FIXTURES,
    SMALL_ARTICLES,
    article_page,
    read_csv,
    read_jsonl,
    run_newsspider,
)

EXTRACTION = FIXTURES / "extraction"
SEED_HTML5 = EXTRACTION / "seed_html5.html"
SEED_TITLE = "United States and Peru Convene for Annual Dialogue of the Child Protection Compact Partnership"


def test_extract_prints_one_json_record_per_file() -> None:
    proc = run_newsspider("extract", str(SEED_HTML5), "--url", "https://news.example/world/2023/11/28/peru.html")
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert set(record) == set(ARTICLE_FIELDS)
    assert record["url"] == "https://news.example/world/2023/11/28/peru.html"
    assert record["site"] == "extract"
    assert record["title"] == SEED_TITLE
    assert record["body"].count("\n\n") == 3
    assert record["word_count"] == len(record["body"].split())
    assert record["quality"] == "ok"


def test_extract_full_runs_the_full_path_for_the_same_body() -> None:
    """``--full``: trafilatura, the rules and the full block model on every page (the record says
    which path decided the body); the reference page's body is the same either way."""
    url = "https://news.example/world/2023/11/28/peru.html"
    default, full = (run_newsspider("extract", str(SEED_HTML5), "--url", url, *flag) for flag in ([], ["--full"]))
    assert default.returncode == full.returncode == 0, default.stderr + full.stderr
    (first,), (second,) = ([json.loads(line) for line in p.stdout.splitlines()] for p in (default, full))
    assert first["extraction"] == "model-first" and second["extraction"] != "model-first"
    assert first["body"] == second["body"]


def test_extract_reads_gzip_and_globs_and_defaults_url_to_file_uri(tmp_path: Path) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(SEED_HTML5.read_bytes()))
    proc = run_newsspider("extract", str(tmp_path / "*.html.gz"))
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["url"] == gz.resolve().as_uri()
    assert record["title"] == SEED_TITLE


def test_extract_reports_each_bad_file_and_processes_the_rest(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    not_article = tmp_path / "about.html"
    not_article.write_text("<html><head><title>About us</title></head><body><p>We are a newspaper.</p></body></html>")
    good = tmp_path / "good.html"
    shutil.copy(SEED_HTML5, good)
    out = tmp_path / "out.jsonl"
    proc = run_newsspider(
        "extract", str(tmp_path / "missing.html"), str(broken), str(not_article), str(good), "-o", str(out)
    )
    assert proc.returncode == 1
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 2, proc.stderr
    assert "missing.html: no such file" in errors[0]
    assert "broken.html.gz: cannot read" in errors[1]
    # a named file is an article, however short its body
    assert [(r["title"], r["body"]) for r in read_jsonl(out)][0] == ("About us", "We are a newspaper.")
    assert [r["title"] for r in read_jsonl(out)][1:] == [SEED_TITLE]
    # --min-words sets a minimum; --classify applies the crawl's checks (the page is no article)
    short = run_newsspider("extract", str(not_article), "--min-words=50")
    assert short.returncode == 1 and not short.stdout and "about.html: dropped (too_short)" in short.stderr
    classified = run_newsspider("extract", str(not_article), "--classify")
    assert classified.returncode == 1 and not classified.stdout and "about.html: no record (not_article)" in classified.stderr


def test_named_files_are_articles_unless_classify_is_asked_for(tmp_path: Path) -> None:
    """A page the crawl would not take for an article (a listing of teasers) is extracted
    because the user named it; ``--classify`` applies the crawl's check; ``--assume-article``
    is still accepted and changes nothing."""
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "classify" / "listing.html").read_bytes())
    url = "https://gazette.example/local/"
    default = run_newsspider("extract", str(page), "--url", url)
    assert default.returncode == 0, default.stderr
    (record,) = [json.loads(line) for line in default.stdout.splitlines()]
    assert record["url"] == url and record["body"]
    assert run_newsspider("extract", str(page), "--url", url, "--assume-article").stdout == default.stdout
    classified = run_newsspider("extract", str(page), "--url", url, "--classify")
    assert classified.returncode == 1
    assert "page.html: no record (not_article)" in classified.stderr and not classified.stdout
    usage = run_newsspider("extract", "--help").stdout
    assert "--classify" in usage and "no-op" in usage


def test_files_sharing_a_canonical_url_are_all_extracted(tmp_path: Path) -> None:
    canonical = "https://town.example/2024/05/21/one-story-for-all.html"
    for slug, (title, paragraphs) in SMALL_ARTICLES.items():
        (tmp_path / f"{slug}.html").write_text(article_page(title, canonical, paragraphs), encoding="utf-8")
    proc = run_newsspider("extract", str(tmp_path / "*.html"))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(r["title"] for r in records) == sorted(title for title, _ in SMALL_ARTICLES.values())
    assert {r["canonical_url"] for r in records} == {canonical}


def test_extract_writes_csv_and_drops_duplicates(tmp_path: Path) -> None:
    copy = tmp_path / "copy.html"
    shutil.copy(SEED_HTML5, copy)
    out = tmp_path / "out.csv"
    proc = run_newsspider("extract", str(SEED_HTML5), str(copy), "-o", str(out))
    assert proc.returncode == 1  # the copy has the same text: a duplicate
    assert "copy.html: dropped (duplicate_body)" in proc.stderr
    rows = read_csv(out)
    assert len(rows) == 1
    assert list(rows[0]) == list(ARTICLE_FIELDS)
    assert rows[0]["body"].count("\n\n") == 3


def test_demo_command_crawls_and_exports(tmp_path: Path) -> None:
    proc = run_newsspider("demo", "--out-dir", str(tmp_path / "exports"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = read_jsonl(tmp_path / "exports" / "demo.jsonl")
    rows = read_csv(tmp_path / "exports" / "demo.csv")
    assert len(records) == len(rows) >= 40
    assert "newsspider crawl summary" in proc.stdout
    assert f"articles exported  {len(records)}" in proc.stdout
    assert "progress:" in proc.stderr  # periodic progress lines when not on a terminal

    # A newcomer's first command is short: Scrapy's log is in a file the summary names.
    log = tmp_path / "exports" / "demo.log"
    assert len((proc.stdout + proc.stderr).splitlines()) < 30, proc.stdout + proc.stderr
    assert f"full log           {log}" in proc.stdout
    assert "Dumping Scrapy stats" in log.read_text(encoding="utf-8")

    # The dataset card of the demo export: YAML header and every section (tests/unit/test_card.py: the figures).
    card = tmp_path / "exports" / "README.md"
    assert f"wrote              {card}" in proc.stdout
    header, body = re.fullmatch(r"---\n(.*?)\n---\n(.*)", card.read_text(encoding="utf-8"), re.DOTALL).groups()  # type: ignore[union-attr]
    meta = yaml.safe_load(header)
    assert meta["language"] == ["en"] and meta["license"] == "other" and meta["size_categories"] == ["n<1K"]
    assert meta["configs"][0]["data_files"] == [{"split": "train", "path": "demo.jsonl"}]
    assert meta["task_categories"] and meta["pretty_name"] and len(meta["sources"]) == 1
    assert re.findall(r"^## (.+)$", body, re.MULTILINE) == [
        "What was crawled", "Counts", "Fields and their completeness", "Quality flags",
        "De-duplication and clustering", "Revisions", "What the sites' robots.txt say about AI training", "Licensing",
    ]  # fmt: skip
    assert f"{len(records)} news articles" in body and f"| demo | {len(records)} | 100.0% |" in body
    assert re.search(r"^- newsspider \S+, Scrapy \d", body, re.MULTILINE)  # versions from the crawl record
    assert "| `NEWSSPIDER_MIN_BODY_WORDS` | `50` |" in body
    assert "GPTBot: blocked; CCBot: blocked; Google-Extended: partly blocked" in body  # the demo's robots.txt
    assert "`Content-Signal: search=yes, ai-input=yes, ai-train=no`" in body
    crawl = json.loads((tmp_path / "exports" / "demo.jsonl.crawl.json").read_text(encoding="utf-8"))["crawls"][-1]
    assert crawl["spider"] == "demo" and crawl["stats"]["item_scraped_count"] == len(records)


def test_demo_log_level_is_the_log_files(tmp_path: Path) -> None:
    proc = run_newsspider("demo", "--out-dir", str(tmp_path), "--log-level", "DEBUG")
    assert proc.returncode == 0, proc.stderr[-3000:]
    log = (tmp_path / "demo.log").read_text(encoding="utf-8")
    assert "DEBUG: Crawled (200)" in log
    assert "DEBUG" not in proc.stdout + proc.stderr


def test_unknown_option_is_a_one_line_usage_error() -> None:
    proc = run_newsspider("extract")
    assert proc.returncode == 2
    assert "the following arguments are required: PATH_OR_GLOB" in proc.stderr

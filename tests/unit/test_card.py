"""``newsspider card`` (newsspider/card.py) on small exports written here: the YAML header, each
section's figures, JSONL = CSV = Parquet, the crawl record beside the export, the chart; and what
robots.txt files say about AI training (newsspider/robotsai.py)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsspider.card import CHART_NAME, CardError, write_card
from newsspider.cli import main
from newsspider.crawlinfo import FORMAT, content_setting_names, record_path
from newsspider.exporters import CsvItemExporter
from newsspider.robotsai import agent_verdict, ai_statements

SECTIONS = [
    "What was crawled",
    "Counts",
    "Fields and their completeness",
    "Quality flags",
    "De-duplication and clustering",
    "Revisions",
    "What the sites' robots.txt say about AI training",
    "Licensing",
]


def _record(i: int, **fields: Any) -> dict[str, Any]:
    site, host = ("alpha", "news.alpha.test") if i % 4 else ("beta", "beta.test")
    return {
        "url": f"https://{host}/2024/0{1 + i % 3}/story-{i}.html", "site": site, "title": f"Story {i}",
        "authors": ["A. Writer", "B. Writer"] if i % 2 else [], "published": f"2024-0{1 + i % 3}-1{i % 10}T10:00:00+01:00",
        "language": "en-GB" if i % 5 else "de", "body": "Some words of text. " * 20, "word_count": 80,
        "fingerprint": f"{i:040x}", "extraction": "model", "quality": "ok" if i % 6 else "teaser,boilerplate",
        "fetched_at": f"2026-01-0{1 + i % 2}T00:00:00+00:00", "version": 1, "previous_fingerprint": None,
        "changed_ratio": None, **fields,
    }  # fmt: skip


RECORDS = [_record(i) for i in range(1, 12)] + [_record(12, version=3, previous_fingerprint="f" * 40, changed_ratio=0.25)]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _write_csv(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("wb") as stream:
        exporter = CsvItemExporter(stream, fields_to_export=list(records[0]))
        exporter.start_exporting()
        for record in records:
            exporter.export_item(record)
        exporter.finish_exporting()
    return path


def _split(card: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"---\n(.*?)\n---\n(.*)", card, re.DOTALL)
    assert match, card[:300]
    return yaml.safe_load(match.group(1)), match.group(2)


def _sections(body: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", body, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def test_card_header_and_sections(tmp_path: Path) -> None:
    export = _write_jsonl(tmp_path / "news.jsonl", RECORDS)
    out, note = write_card(export)
    assert out == tmp_path / "README.md" and note is None
    meta, body = _split(out.read_text(encoding="utf-8"))
    assert meta["language"] == ["de", "en"]
    assert meta["license"] == "other" and meta["sources"] == ["beta.test", "news.alpha.test"]
    assert meta["size_categories"] == ["n<1K"]
    assert meta["task_categories"] == ["text-generation", "text-classification"]
    assert meta["configs"] == [{"config_name": "default", "data_files": [{"split": "train", "path": "news.jsonl"}]}]
    assert meta["pretty_name"] == "News articles from alpha, beta (newsspider)"
    sections = _sections(body)
    assert list(sections) == SECTIONS

    assert "| alpha | news.alpha.test | – | 9 |" in sections["What was crawled"]
    assert "2026-01-01T00:00:00+00:00 to 2026-01-02T00:00:00+00:00" in sections["What was crawled"]
    assert "no crawl record (`news.jsonl.crawl.json`)" in sections["What was crawled"]
    for name in content_setting_names():  # declared defaults, as no crawl record says otherwise
        assert f"`{name}`" in sections["What was crawled"]
    counts = sections["Counts"]
    assert "| beta | 3 | 25.0% |" in counts and "| en-GB | 10 | 83.3% |" in counts
    assert "| 2024-01 | 4 |" in counts and "| 2024-02 | 4 |" in counts
    assert "| `authors` | 50.0% |" in sections["Fields and their completeness"]
    assert "| `modified` |" not in sections["Fields and their completeness"]  # not in the export: not listed
    assert "| `teaser` | 2 | 16.7% |" in sections["Quality flags"]
    assert "no clustering fields" in sections["De-duplication and clustering"]
    assert "1 of 12 records (8.3%)" in sections["Revisions"] and "highest version is 3" in sections["Revisions"]
    assert "median 0.250" in sections["Revisions"]
    assert "Not recorded" in sections["What the sites' robots.txt say about AI training"]


def test_csv_and_parquet_exports_give_the_same_card(tmp_path: Path) -> None:
    cards = {}
    for name, export in [
        ("jsonl", _write_jsonl(tmp_path / "news.jsonl", RECORDS)),
        ("csv", _write_csv(tmp_path / "news.csv", RECORDS)),
    ]:
        cards[name] = write_card(export, tmp_path / name / "README.md")[0].read_text(encoding="utf-8")
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    folder = tmp_path / "news.parquet"
    folder.mkdir()
    for i, part in enumerate((RECORDS[:5], RECORDS[5:])):
        pq.write_table(pa.Table.from_pylist(part), folder / f"part-{i:05d}.parquet")
    cards["parquet"] = write_card(folder, tmp_path / "parquet" / "README.md")[0].read_text(encoding="utf-8")
    assert _split(cards["parquet"])[0]["configs"][0]["data_files"][0]["path"] == "../news.parquet/**/*.parquet"
    bodies = {k: _split(v)[1].replace(f"{k}/README.md", "") for k, v in cards.items()}
    bodies = {k: re.sub(r"Data file: `[^`]*`|no crawl record \(`[^`]*`\)", "", v) for k, v in bodies.items()}
    assert bodies["jsonl"] == bodies["csv"] == bodies["parquet"]


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.parquet").mkdir()
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails, as when not installed
    with pytest.raises(CardError, match="needs pyarrow"):
        write_card(tmp_path / "x.parquet")
    assert main(["card", str(tmp_path / "x.parquet")]) == 2
    assert "newsspider card: " in capsys.readouterr().err
    assert main(["card", str(tmp_path / "missing.jsonl")]) == 2


def test_crawl_record_clusters_and_robots_statements(tmp_path: Path) -> None:
    records = [_record(i, cluster_id=f"c{i // 3}", cluster_size=3, canonical=i % 3 == 0) for i in range(1, 10)]
    export = _write_jsonl(tmp_path / "news.jsonl", records)
    crawl = {
        "spider": "alpha", "start_urls": ["https://news.alpha.test/"], "started": "2026-01-01T00:00:00+00:00",
        "finished": "2026-01-02T00:00:00+00:00", "finish_reason": "finished", "newsspider_version": "9.9",
        "scrapy_version": "2.19.0", "settings": {"NEWSSPIDER_MIN_BODY_WORDS": 120, "NEWSSPIDER_DEDUPE_ENABLED": False},
        "stats": {"newsspider/dropped/duplicate_body": 4, "newsspider/dropped/too_short": 2},
        "robots_ai": {"news.alpha.test": ai_statements("User-agent: GPTBot\nDisallow: /\n\nContent-Signal: ai-train=no\n")},
    }  # fmt: skip
    record_path(export).write_text(json.dumps({"format": FORMAT, "crawls": [crawl]}), encoding="utf-8")
    assert main(["card", str(export), "--out", str(tmp_path / "card.md"), "--name", "Alpha news"]) == 0
    meta, body = _split((tmp_path / "card.md").read_text(encoding="utf-8"))
    sections = _sections(body)
    assert meta["pretty_name"] == "Alpha news"
    assert "newsspider 9.9, Scrapy 2.19.0" in sections["What was crawled"]
    assert "| `NEWSSPIDER_MIN_BODY_WORDS` | `120` |" in sections["What was crawled"]
    assert "https://news.alpha.test/" in sections["What was crawled"]
    dedupe = sections["De-duplication and clustering"]
    assert "`NEWSSPIDER_DEDUPE_ENABLED` = `False`" in dedupe and "duplicate_body 4" in dedupe and "too_short" not in dedupe
    assert "Clusters (`cluster_id`): 4; 3 of more than one record, holding 8 records; 3 records marked `canonical`" in dedupe
    robots = sections["What the sites' robots.txt say about AI training"]
    assert "| news.alpha.test | GPTBot: blocked | `Content-Signal: ai-train=no` |" in robots


def test_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _write_jsonl(tmp_path / "news.jsonl", RECORDS)
    pytest.importorskip("matplotlib")
    out, note = write_card(export, chart=True)
    assert note is None and (tmp_path / CHART_NAME).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"![Articles per day and site]({CHART_NAME})" in out.read_text(encoding="utf-8")
    (tmp_path / CHART_NAME).unlink()
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out, note = write_card(export, chart=True)
    assert note is not None and "needs matplotlib" in note
    assert not (tmp_path / CHART_NAME).exists() and CHART_NAME not in out.read_text(encoding="utf-8")


def test_bad_json_line_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"url": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CardError, match=r"x.jsonl:2: not a JSON line"):
        write_card(tmp_path / "x.jsonl")


ROBOTS = """\
User-agent: *
Disallow: /search
# GPTBot is not welcome: comments are not statements
User-agent: gptbot
User-agent: CCBot
Disallow: /

User-agent: Google-Extended
Allow: /
Disallow: /archive/

User-agent: ClaudeBot
Disallow:

Content-Signal: search=yes, ai-train=no
Sitemap: /sitemap.xml
"""


def test_ai_statements_of_a_robots_txt() -> None:
    found = ai_statements(ROBOTS)
    assert found == {
        "agents": {
            "GPTBot": ["Disallow: /"],
            "CCBot": ["Disallow: /"],
            "Google-Extended": ["Allow: /", "Disallow: /archive/"],
            "ClaudeBot": ["Disallow: "],
        },
        "signals": ["Content-Signal: search=yes, ai-train=no"],
    }
    verdicts = {agent: agent_verdict(rules) for agent, rules in found["agents"].items()}
    assert verdicts == {"GPTBot": "blocked", "CCBot": "blocked", "Google-Extended": "partly blocked", "ClaudeBot": "allowed"}
    assert ai_statements("User-agent: *\nDisallow: /private\n") == {}
    assert len(ai_statements("User-agent: GPTBot\n" + "Disallow: /x\n" * 10_000)["agents"]["GPTBot"]) <= 200


def test_crawl_record_path() -> None:
    assert record_path("exports/x.jsonl") == Path("exports/x.jsonl.crawl.json")
    assert record_path("exports/x.parquet/part-00001.parquet") == Path("exports/x.parquet.crawl.json")
    assert record_path("exports/x.parquet") == Path("exports/x.parquet.crawl.json")

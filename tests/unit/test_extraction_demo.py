"""Generic extraction over the bundled demo site vs its ground truth (no site rules).

Skipped until ``newsspider/demo/ground_truth.json`` exists. Run as a script for the report:
``python tests/unit/test_extraction_demo.py`` prints per-page F1 and metadata agreement.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsspider.extraction import extract_page
from tests.helpers import REPO_ROOT

DEMO = REPO_ROOT / "newsspider" / "demo"
GROUND_TRUTH = DEMO / "ground_truth.json"
SITE = DEMO / "site"
BASE = "http://demo.test"


def token_f1(predicted: str, truth: str) -> float:
    """Bag-of-words F1 over ``\\w+`` tokens."""
    pred, gold = re.findall(r"\w+", predicted), re.findall(r"\w+", truth)
    if not pred or not gold:
        return float(pred == gold)
    overlap = sum((Counter(pred) & Counter(gold)).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(pred), overlap / len(gold)
    return 2 * precision * recall / (precision + recall)


def page_file(path: str) -> Path:
    """The file the demo server would serve for ``path``."""
    candidate = SITE / path.lstrip("/")
    if candidate.is_dir() or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate


def load() -> dict[str, Any]:
    return json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))


pytestmark = pytest.mark.skipif(not GROUND_TRUTH.exists(), reason="demo site not built")


def run() -> dict[str, Any]:
    """Extract every demo page; collect F1, metadata agreement and non-article verdicts."""
    truth = load()
    rows = []
    for path, expected in truth["articles"].items():
        result = extract_page(page_file(path).read_bytes(), BASE + path)
        fields = result.fields or {}
        rows.append(
            {
                "path": path,
                "skip": result.skip_reason,
                "f1": token_f1(fields.get("body", ""), expected["body"]),
                "body": fields.get("body", ""),
                "fields": fields,
                "expected": expected,
            }
        )
    non_articles = {
        (p if isinstance(p, str) else p.get("path")): extract_page(page_file(p if isinstance(p, str) else p["path"]).read_bytes(), BASE + (p if isinstance(p, str) else p["path"])).skip_reason
        for p in truth.get("non_articles", [])
    }
    return {"rows": rows, "non_articles": non_articles, "markers": truth.get("boilerplate_markers", [])}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return run()


def test_body_f1(report: dict[str, Any]) -> None:
    scores = [r["f1"] for r in report["rows"]]
    assert scores
    assert sum(scores) / len(scores) >= 0.98
    assert min(scores) >= 0.95, [(r["path"], round(r["f1"], 3)) for r in report["rows"] if r["f1"] < 0.95]


def test_no_boilerplate_marker(report: dict[str, Any]) -> None:
    leaks = [(r["path"], m) for r in report["rows"] for m in report["markers"] if m in r["body"]]
    assert not leaks


@pytest.mark.parametrize("field", ["title", "authors", "published"])
def test_metadata(report: dict[str, Any], field: str) -> None:
    wrong = [(r["path"], r["fields"].get(field), r["expected"].get(field)) for r in report["rows"] if field in r["expected"] and r["fields"].get(field) != r["expected"][field]]
    assert not wrong


def test_non_articles(report: dict[str, Any]) -> None:
    assert {p: reason for p, reason in report["non_articles"].items() if reason != "not_article"} == {}


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    rows = result["rows"]
    for row in sorted(rows, key=lambda r: r["f1"]):
        print(f"{row['f1']:.3f} {row['skip'] or ''} {row['path']}")
    scores = [r["f1"] for r in rows]
    print(f"mean F1 {sum(scores) / len(scores):.4f}  min {min(scores):.4f}  pages {len(rows)}")
    for field in ("title", "authors", "published", "section", "modified", "tags", "language"):
        have = [r for r in rows if field in r["expected"]]
        if have:
            ok = sum(r["fields"].get(field) == r["expected"][field] for r in have)
            print(f"{field}: {ok}/{len(have)}")
    print("non-articles:", Counter(result["non_articles"].values()))
    print(f"{(len(rows) + len(result['non_articles'])) / elapsed:.1f} pages/s (incl. non-articles)")

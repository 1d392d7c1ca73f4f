"""Helpers for tests: run scrapy as a user would, read exports, score bodies."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


def run_scrapy(
    *args: str, cwd: Path = REPO_ROOT, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy ARGS…`` in the project folder (a real crawl in a subprocess), capturing output;
    ``env`` is added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_newsspider(*args: str, cwd: Path = REPO_ROOT, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ``newsspider`` command (as ``python -m newsspider``), capturing output."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "newsspider", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


#: Exit status of a bad command line, before anything starts (README, "Exit status").
EXIT_USAGE = 2
#: Exit status of a crawl that could not start, e.g. Redis unreachable (README, "Exit status").
EXIT_CANNOT_START = 1


def assert_refused_command_line(proc: subprocess.CompletedProcess[str], message: str) -> None:
    """A bad command line: exit status 2 and one line naming the fix, not a crash's traceback."""
    assert proc.returncode == EXIT_USAGE, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert message in proc.stderr, proc.stderr[-3000:]


def wait_until(condition: Callable[[], bool], limit: float = 120, step: float = 0.05) -> bool:
    """Poll ``condition`` until it holds; False after ``limit`` seconds. The limit only bounds how
    long a failing test hangs: set it far above what the condition needs on a loaded machine."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV export (the file closed again: the suite runs with warnings as errors)."""
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def token_f1(predicted: str, truth: str) -> float:
    """Bag-of-words F1 over ``\\w+`` tokens (1.0 when both are empty)."""
    pred, gold = Counter(re.findall(r"\w+", predicted)), Counter(re.findall(r"\w+", truth))
    if not pred and not gold:
        return 1.0
    overlap = sum((pred & gold).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def article_page(title: str, canonical: str, paragraphs: list[str], og_type: str = "article") -> str:
    """A small article page: ``<h1>`` and paragraphs in ``<article>``, a canonical link and og:type."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{title}</title><meta property="og:type" content="{og_type}">'
        f'<link rel="canonical" href="{canonical}"></head>'
        f'<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>{text}</article></body></html>'
    )


#: Three small articles written for the tests: distinct texts of ~100 words each.
SMALL_ARTICLES = {
    "council-approves-new-harbour-budget": (
        "Council approves new harbour budget",
        [
            "The town council approved a new budget for the harbour on Tuesday evening after a debate that lasted "
            "well past midnight and drew a crowd of fishermen, shop owners and residents to the old town hall.",
            "The plan sets aside money for dredging the inner basin, repairing the north pier and replacing the "
            "lights along the breakwater, which have failed twice during winter storms in the last three years.",
            "Opponents argued that the repairs should wait until the regional grant is confirmed, but the mayor "
            "said the pier could not survive another season and that the work would begin in early spring.",
        ],
    ),
    "library-opens-late-on-weekdays": (
        "Library opens late on weekdays",
        [
            "The central library will stay open until ten in the evening on weekdays from next month, the city's "
            "culture office announced, answering a petition signed by more than two thousand students and parents.",
            "Two additional librarians will be hired for the evening shift, and the reading rooms on the second "
            "floor will be heated through the winter instead of closing at six as they did under the old schedule.",
            "Staff said the first trial weeks in the autumn had shown steady demand, with most visitors coming to "
            "study, borrow films or use the public computers after their working day had ended.",
        ],
    ),
    "marathon-route-changes-for-bridge-works": (
        "Marathon route changes for bridge works",
        [
            "This year's city marathon will follow a new route because the river bridge used in previous races is "
            "closed for repairs, the organisers said on Monday, adding that the total distance stays the same.",
            "Runners will now cross the river further south on the railway footbridge and return along the eastern "
            "bank, passing the botanical garden and the old brewery before the final stretch through the market.",
            "Residents along the new route were asked to move their cars by the evening before the race, and bus "
            "lines that cross the course will be diverted from seven in the morning until the last runner finishes.",
        ],
    ),
}

"""Helpers for tests: run scrapy as a user would, read exports, score bodies."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


def run_scrapy(*args: str, cwd: Path = REPO_ROOT, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy ARGS…`` in the project folder (a real crawl in a subprocess), capturing output."""
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env=dict(os.environ),
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


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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

"""Write a trained model's JSON, or with ``--check`` compare it with the committed file: the
training scripts' shared last step (a retrain on the same data must give the same bytes). Also
the fingerprint of the training rows a model file keeps (``training_rows``), which
``tests/unit/test_model_freshness.py`` rebuilds in seconds: a code change that moves the rows
without a retrain fails there (a full ``--check`` takes minutes, so it is opt-in)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Every Nth tuning page's training rows are fingerprinted in a model file.
FINGERPRINT_EVERY = 10


def fingerprint(records: Iterable[Any]) -> str:
    """SHA-256 of the records, each as compact JSON (numpy arrays and scalars as lists/numbers)."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(json.dumps(record, separators=(",", ":"), default=lambda v: v.tolist()).encode())
    return digest.hexdigest()


def training_rows(pages: int, records: Iterable[Any]) -> dict[str, Any]:
    """The ``training_rows`` entry of a model file: the sample's size and its :func:`fingerprint`."""
    return {"every": FINGERPRINT_EVERY, "pages": pages, "sha256": fingerprint(records)}


def check_or_write(path: Path, text: str, *, check: bool) -> int | None:
    """With ``check``: print whether ``path`` holds ``text`` and return the exit status (0 the
    same, 1 a retrain is due). Without: write ``text`` to ``path`` and return None."""
    if check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print("same model" if same else f"model differs from {path}: retrain")
        return 0 if same else 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return None

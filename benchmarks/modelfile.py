"""Write a trained model's JSON, or with ``--check`` compare it with the committed file: the
training scripts' shared last step (a retrain on the same data must give the same bytes). Also
the fingerprint of the training rows a model file keeps (``training_rows``), which
``tests/unit/test_model_freshness.py`` rebuilds in seconds: a code change that moves the rows
without a retrain fails there (a full ``--check`` takes minutes, so it is opt-in).

A scikit-learn fit is a function of its rows *and* of the numerical libraries' versions: a
near-tied split can go the other way and every later tree differ. The block models fitted on
2026-12-05 could not be reproduced a day later, and nothing recorded whether rows outside the
fingerprinted sample or a library had moved. So the model files record the versions they were
fitted with (``environment``) and a fingerprint of every training row, the ``train`` extra pins
the versions, and ``--check`` says which of rows or versions differ."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
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


def training_rows(pages: int, records: Iterable[Any], all_records: Iterable[Any] | None = None) -> dict[str, Any]:
    """The ``training_rows`` entry of a model file: the sample's size and its :func:`fingerprint`
    (and, given ``all_records``, every training row's: ``--check`` tells rows from libraries)."""
    entry = {"every": FINGERPRINT_EVERY, "pages": pages, "sha256": fingerprint(records)}
    if all_records is not None:
        entry["all_sha256"] = fingerprint(all_records)
    return entry


#: The libraries whose versions a scikit-learn fit's numbers depend on (the ``train`` extra pins them).
FIT_LIBRARIES = ("numpy", "scipy", "scikit-learn")


def environment() -> dict[str, str]:
    """This environment's versions of :data:`FIT_LIBRARIES` (a model file's ``environment``)."""
    versions = {}
    for name in FIT_LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "absent"
    return versions


def environment_mismatch(path: Path) -> str | None:
    """None when this environment has the library versions the model at ``path`` was fitted
    with; else what differs, as a sentence (a retrain test skips with it: another version is
    not a regression of ours)."""
    return _version_mismatch(path.name, json.loads(path.read_text(encoding="utf-8")))


def _version_mismatch(name: str, model: dict[str, Any]) -> str | None:
    """:func:`environment_mismatch` of the model file ``name`` holding ``model``."""
    recorded = model.get("environment")
    if recorded is None:
        return f"{name} records no library versions"
    here = environment()
    differing = [f"{library} {recorded.get(library)} when fitted, {here[library]} here" for library in FIT_LIBRARIES
                 if recorded.get(library) != here[library]]
    if not differing:
        return None
    return f"{name} was fitted with other library versions ({'; '.join(differing)}): pip install -e '.[train]'"


def _why_different(path: Path, text: str) -> str:
    """Which of the training rows and the library versions differ between ``path`` and ``text``."""
    if not path.is_file():
        return "no committed model"
    committed, new = json.loads(path.read_text(encoding="utf-8")), json.loads(text)
    reasons = []
    old_rows, new_rows = committed.get("training_rows") or {}, new.get("training_rows") or {}
    for key, what in (("sha256", "the sampled training rows"), ("all_sha256", "the training rows")):
        if key in old_rows and key in new_rows and old_rows[key] != new_rows[key]:
            reasons.append(f"{what} differ (code or data changed)")
            break
    mismatch = _version_mismatch(path.name, committed)
    if mismatch:
        reasons.append(mismatch)
    if not reasons:
        reasons.append("same recorded rows and library versions: the fit itself differs")
    return "; ".join(reasons)


def check_or_write(path: Path, text: str, *, check: bool) -> int | None:
    """With ``check``: print whether ``path`` holds ``text`` (and if not, why:
    :func:`_why_different`) and return the exit status (0 the same, 1 a retrain is due).
    Without: write ``text`` to ``path`` and return None."""
    if check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print("same model" if same else f"model differs from {path}: retrain ({_why_different(path, text)})")
        return 0 if same else 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return None

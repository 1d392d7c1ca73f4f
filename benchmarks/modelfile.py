"""Write a trained model's JSON, or with ``--check`` compare it with the committed file: the
training scripts' shared last step (a retrain on the same data must give the same bytes)."""

from __future__ import annotations

from pathlib import Path


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

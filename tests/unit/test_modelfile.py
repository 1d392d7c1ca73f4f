"""The training scripts' last step: write the model, or check the committed one."""

from __future__ import annotations

from pathlib import Path

from benchmarks.modelfile import check_or_write


def test_check_or_write_writes_then_compares(tmp_path: Path, capsys) -> None:
    path = tmp_path / "models" / "m.json"
    assert check_or_write(path, '{"a":1}', check=True) == 1  # nothing committed yet
    assert check_or_write(path, '{"a":1}', check=False) is None
    assert path.read_text(encoding="utf-8") == '{"a":1}'
    assert check_or_write(path, '{"a":1}', check=True) == 0
    assert check_or_write(path, '{"a":2}', check=True) == 1
    assert "same model" in capsys.readouterr().out

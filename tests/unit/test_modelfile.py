"""``benchmarks/modelfile.py``: a model file records the library versions it was fitted with, and
``--check`` says whether the rows or the versions differ (a retrain under another scikit-learn
is not a regression of ours; a retrain under the same one that differs is)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import modelfile


def _model(path: Path, *, rows: str = "r1", env: dict[str, str] | None = None, trees: list | None = None) -> str:
    spec = {"trees": trees or [1, 2], "training_rows": {"every": 10, "pages": 3, "sha256": "s", "all_sha256": rows},
            "environment": modelfile.environment() if env is None else env}
    text = json.dumps(spec)
    path.write_text(text, encoding="utf-8")
    return text


def test_environment_names_every_fit_library() -> None:
    versions = modelfile.environment()
    assert set(versions) == set(modelfile.FIT_LIBRARIES)
    assert versions["numpy"][0].isdigit()  # numpy is a dependency of every install


def test_a_model_fitted_here_has_no_mismatch_and_another_version_is_named(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _model(path)
    assert modelfile.environment_mismatch(path) is None
    other = {**modelfile.environment(), "scikit-learn": "0.1.0"}
    _model(path, env=other)
    reason = modelfile.environment_mismatch(path)
    assert reason is not None and "scikit-learn 0.1.0 when fitted" in reason and "numpy" not in reason
    assert ".[train]" in reason  # the fix
    path.write_text(json.dumps({"trees": []}), encoding="utf-8")
    assert "records no library versions" in modelfile.environment_mismatch(path)


def test_check_says_why_a_retrain_differs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.json"
    text = _model(path)
    assert modelfile.check_or_write(path, text, check=True) == 0
    assert capsys.readouterr().out.strip() == "same model"

    changed_fit = json.dumps({**json.loads(text), "trees": [1, 3]})
    assert modelfile.check_or_write(path, changed_fit, check=True) == 1
    assert "the fit itself differs" in capsys.readouterr().out

    changed_rows = json.loads(text)
    changed_rows["training_rows"]["all_sha256"] = "r2"
    assert modelfile.check_or_write(path, json.dumps(changed_rows), check=True) == 1
    out = capsys.readouterr().out
    assert "the training rows differ" in out and "fit itself" not in out

    _model(path, env={**modelfile.environment(), "numpy": "1.0.0"})
    assert modelfile.check_or_write(path, text, check=True) == 1
    assert "numpy 1.0.0 when fitted" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["blocks.json", "blocks_nt.json", "gate.json"])
def test_the_shipped_scikit_learn_models_record_their_versions(name: str) -> None:
    from newsspider.extraction import blockmodel

    recorded = json.loads((blockmodel.MODEL_PATH.parent / name).read_text(encoding="utf-8"))["environment"]
    assert set(recorded) == set(modelfile.FIT_LIBRARIES)
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    train_extra = next(line for line in pyproject.splitlines() if line.startswith("train = "))
    for library, version in recorded.items():  # the train extra installs what they were fitted with
        assert f'"{library}=={version}"' in train_extra, (library, version)


def test_check_or_write_writes_then_compares(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "models" / "m.json"
    assert modelfile.check_or_write(path, '{"a":1}', check=True) == 1  # nothing committed yet
    assert "no committed model" in capsys.readouterr().out
    assert modelfile.check_or_write(path, '{"a":1}', check=False) is None
    assert path.read_text(encoding="utf-8") == '{"a":1}'
    assert modelfile.check_or_write(path, '{"a":1}', check=True) == 0
    assert modelfile.check_or_write(path, '{"a":2}', check=True) == 1
    out = capsys.readouterr().out
    assert "same model" in out and "records no library versions" in out

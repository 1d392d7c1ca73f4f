"""newsspider's own extraction quality on real pages never falls below a committed floor.

The floor (``benchmarks/floors/extraction.json``) is the validation-part F1 of each dev corpus
at the last deliberate change, minus a small margin: a change that loses article text on pages
nobody tuned on fails here, whatever the unit tests say. It moves up only when someone edits
the file with the benchmark run that justifies it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from benchmarks import extraction
from benchmarks.metric import aggregate, score_page
from benchmarks.split import VALIDATION, corpus_folder
from newsspider.extraction import extract_page

FLOORS = json.loads((Path(extraction.__file__).parent / "floors" / "extraction.json").read_text(encoding="utf-8"))
CORPORA = sorted(name for name in FLOORS if not name.startswith("_"))


@pytest.mark.parametrize("corpus", CORPORA)
def test_validation_f1_stays_above_the_floor(corpus: str) -> None:
    folder = corpus_folder(corpus)
    if not folder.is_dir():
        pytest.skip(f"dev corpus absent: {folder}")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    pages = [p for p in extraction.load_pages(folder) if p.part == VALIDATION]
    assert pages, f"no validation pages in {folder}"
    scores = []
    for page in pages:
        result = extract_page(page.html, page.url, assume_article=True)
        scores.append(score_page(page.truth, result.fields["body"] if result.fields else None))
    f1 = aggregate(scores).f1
    assert f1 >= FLOORS[corpus]["validation_f1"], f"{corpus} validation F1 {f1:.3f} fell below the floor"

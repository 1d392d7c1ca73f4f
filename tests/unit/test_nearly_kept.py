"""extract_page hands the crawl's site learning the blocks the model nearly kept, never in the record."""

from __future__ import annotations

import pytest

from newsspider.extraction import extract_page, modelbody
from tests.helpers import article_page

URL = "http://127.0.0.1/news/harbour-reopens"
ARTICLE = article_page("Harbour reopens", URL, [
    f"Paragraph {i} of the story tells what the harbour master said about the storm and the boats." for i in range(6)
])


@pytest.mark.parametrize("model_first", [True, False], ids=["model-first", "full"])
def test_nearly_kept_blocks_come_beside_the_record_not_in_it(model_first: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = extract_page(ARTICLE, URL, assume_article=True, model_first=model_first)
    monkeypatch.setattr(modelbody, "LEARN_MARGIN", 0.6)  # nearly everything the page holds is "nearly kept"
    wide = extract_page(ARTICLE, URL, assume_article=True, model_first=model_first)
    assert wide.fields == plain.fields  # the body and every field are the same
    assert wide.nearly_kept and not set(wide.nearly_kept) & set(wide.fields["body"].split("\n\n"))
    assert "nearly_kept" not in wide.fields and all(isinstance(text, str) for text in wide.nearly_kept)


def test_a_body_not_chosen_block_by_block_has_none() -> None:
    result = extract_page(ARTICLE, URL, assume_article=True, use_model=False)
    assert result.fields is not None and result.nearly_kept == ()

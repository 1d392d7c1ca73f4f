"""htmldate's markup stages (newsspider/extraction/metadata/markupdate.py) against ``find_date``:
the same day where a markup stage answers, none where only its later stages would (a date in the
running text, a modified time, a copyright year), and the page left as it was.

These call htmldate's functions one by one, outside its documented API: a new htmldate that
renames or reorders them fails here (pyproject.toml pins the minor version they were read in)."""

from __future__ import annotations

import pytest
from htmldate import find_date
from lxml import html

from newsspider.extraction.metadata.markupdate import markup_date
from newsspider.extraction.metadata.published import htmldate_published

pytestmark = pytest.mark.fast

STORY = "https://example.com/news/story"

MARKUP_ANSWERS = {
    "a date-marked element": ('<html><body><h1>Story</h1><div class="post-date">12 March 2024</div><p>Text.</p></body></html>', STORY),
    "the URL": ("<html><body><h1>Story</h1><p>Text.</p></body></html>", "https://example.com/2024/03/12/story.html"),
    "a <time> element": ('<html><body><h1>Story</h1><time datetime="2024-03-12T10:00:00">Tuesday</time><p>Text.</p></body></html>', STORY),
    "a settings JSON script": ('<html><head><script type="application/settings+json">{"datePublished": "2024-03-12"}</script></head><body><h1>Story</h1></body></html>', STORY),
}

LATER_STAGES_ONLY = {
    "a date in the running text": "<html><body><h1>Story</h1><p>The council met on 2024-03-12 to vote on the budget.</p></body></html>",
    "a modified time": (
        '<html><head><meta property="og:updated_time" content="2024-05-01T10:00:00+00:00">'
        '<meta name="last-modified" content="2024-05-01"></head><body><h1>Story</h1><p>Text.</p></body></html>'
    ),
    "a copyright year": '<html><head><meta itemprop="copyrightYear" content="2023"></head><body><h1>Story</h1><p>Text.</p></body></html>',
}


@pytest.mark.parametrize("case", sorted(MARKUP_ANSWERS))
def test_a_markup_stage_answers_as_find_date_does(case: str) -> None:
    page, url = MARKUP_ANSWERS[case]
    tree = html.fromstring(page)
    expected = find_date(tree, url=url, original_date=True, extensive_search=False)
    assert expected == "2024-03-12"
    assert markup_date(tree, url) == expected
    assert htmldate_published(tree, url) == expected


@pytest.mark.parametrize("case", sorted(LATER_STAGES_ONLY))
def test_what_only_find_dates_later_stages_find_is_no_publication_day(case: str) -> None:
    tree = html.fromstring(LATER_STAGES_ONLY[case])
    assert find_date(tree, url=STORY, original_date=True, extensive_search=False) is not None
    assert markup_date(tree, STORY) is None
    assert htmldate_published(tree, STORY) is None


def test_the_page_is_searched_on_a_copy() -> None:
    tree = html.fromstring(
        '<html><head><style>p {}</style></head><body><nav>Menu</nav><h1>Story</h1>'
        '<script>var a = 1;</script><time datetime="2024-03-12">Tuesday</time></body></html>'
    )
    before = html.tostring(tree)
    assert markup_date(tree, STORY) == "2024-03-12"
    assert html.tostring(tree) == before

"""A page that dates nothing in its markup and has no date line beside an ``<h1>``: the line
opening with a publication label gives the date ("Published on Oct 21, 2025", "기사입력 :[ 2018-08-25
15:24 ]"). A label inside a sentence, an update's label and a page dated by its markup are left as
they were. Each test of a date now read fails on the code before ``labelled_date`` (but the two English
forms, which htmldate read before); the others are guards. Last, a page whose markup dates the day
only: the date line under the headline gives the time (session 44)."""

from __future__ import annotations

import pytest

from newsspider.extraction import html as html_mod
from newsspider.extraction import jsonld
from newsspider.extraction.metadata import extract_metadata

URL = "https://news.example.com/news/view.html?idx=8576"
_STORY = "<p>The council voted on Tuesday to extend the harbour's opening hours through the winter season.</p>"


def _published(body: str, head: str = "", lang: str = "en") -> str | None:
    page = f'<html lang="{lang}"><head><title>Harbour hours - Example News</title>{head}</head><body>{body}</body></html>'
    tree = html_mod.parse(page)
    assert tree is not None
    return extract_metadata(tree, URL, jsonld.nodes(tree))["published"]


def _headline(title: str = "Harbour hours extended") -> str:
    # a headline in a <dt>, as older CMSs write it: no <h1> to find a date line beside
    return f'<dl class="newsTitle"><dt>{title}</dt></dl>'


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("기사입력 :[ 2018-08-25 15:24 ]", "ko", "2018-08-25T15:24:00"),
        ("입력 2024.03.05. 오전 10:30", "ko", "2024-03-05T10:30:00"),
        ("Published on Oct 21, 2025", "en", "2025-10-21"),
        ("Posted on the 15/12/2025 at 19:00 by <a href='/u/jane'>@jane</a>", "en", "2025-12-15T19:00:00"),
        ("<span>Published:</span> <span>5 March 2024</span>", "en", "2024-03-05"),
        ("Veröffentlicht am 05.03.2024, 10:30 Uhr", "de", "2024-03-05T10:30:00"),
        ("Publié le 5 mars 2024 à 10h30", "fr", "2024-03-05T10:30:00"),
        ("Publicado em 5 de março de 2024", "pt", "2024-03-05"),
        ("Опубликовано: 5 марта 2024", "ru", "2024-03-05"),
        ("发布时间：2024-03-05 10:30", "zh", "2024-03-05T10:30:00"),
        ("公開日：2024年3月5日", "ja", "2024-03-05"),
    ],
)
def test_a_labelled_line_dates_a_page_nothing_else_dates(line: str, lang: str, expected: str) -> None:
    assert _published(f"{_headline()}<div class='info'>{line}</div>{_STORY}", lang=lang) == expected


def test_the_line_is_read_up_to_an_update_label() -> None:
    assert _published(f"{_headline()}<p>입력 2024.03.05 10:30 | 수정 2024.03.06 08:00</p>{_STORY}", lang="ko") == "2024-03-05T10:30:00"
    assert _published(f"{_headline()}<p>Published Updated March 9, 2026</p>{_STORY}") is None


def test_a_label_inside_a_sentence_dates_nothing() -> None:
    # guard: a cited study's date is not the story's
    body = f"{_headline()}<p>The study, published on March 5, 2024 in a journal, found little.</p>{_STORY}"
    assert _published(body) is None


def test_an_update_line_alone_dates_nothing() -> None:
    # guard: "Updated on" is no publication label
    assert _published(f"{_headline()}<p>Updated on Mar 9, 2026</p>{_STORY}") is None


def test_the_first_labelled_line_wins_over_later_ones() -> None:
    # the story's line comes before a related list's "Published on" lines
    related = "".join(f"<li><a href='/s{i}'>Story {i}</a><span>Published on Mar {i}, 2026</span></li>" for i in (1, 2))
    body = f"{_headline()}<p>Published on Oct 21, 2025</p>{_STORY}<ul>{related}</ul>"
    assert _published(body) == "2025-10-21"


def test_markup_dates_come_first() -> None:
    # guard: the page's own fields are read before any text
    head = '<meta property="article:published_time" content="2024-01-02T08:00:00+00:00">'
    assert _published(f"{_headline()}<p>Published on Oct 21, 2025</p>{_STORY}", head=head) == "2024-01-02T08:00:00+00:00"


def test_labels_in_scripts_are_not_lines() -> None:
    # guard: a script's text is no line of the page
    assert _published(f"{_headline()}<script>var s = 'Published: 5 March 2024';</script>{_STORY}") is None


def test_a_comments_posted_line_dates_nothing() -> None:
    # guard: a reader's comment is dated after the story; its line is not the story's
    comments = "<div id='comments'><ol class='comment-list'><li><p>Posted on March 3, 2024 by Sam</p><p>Great read.</p></li></ol></div>"
    assert _published(f"{_headline()}{_STORY}{comments}") is None
    assert _published(f"{_headline()}<p>Posted on March 1, 2024</p>{_STORY}{comments}") == "2024-03-01"


# --------------------------------------------------------------------------- the time of a day the markup gives


def _article(line: str, day: str = "2024-03-05") -> str:
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Harbour hours extended", "datePublished": "{day}"}}</script>'
    return f'<article><h1>Harbour hours extended</h1><div>{line}</div>{_STORY}</article>', ld


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("05.03.2024, 10:30 Uhr", "2024-03-05T10:30:00"),  # an unmarked date line under the headline gives the time
        ("March 5, 2024 10:30 am EST", "2024-03-05T10:30:00-05:00"),
        ("March 6, 2024 10:30 am", "2024-03-05"),  # another day's time: none of this story's
        ("Updated March 5, 2024 10:30 am", "2024-03-05"),  # an update's time: none of the publication's
    ],
)
def test_the_headlines_date_line_gives_the_time_of_a_day_the_markup_dates(line: str, expected: str) -> None:
    body, ld = _article(line)
    assert _published(body, ld) == expected

"""Issue 11, ninth round: ``published`` to the minute with its offset. The page's day, whether a
field or htmldate gives it, takes the time that other markup writes for the same instant: the
other JSON-LD nodes, ``<time>`` outside the article, publication-named ``<meta>``, ``data-*``
attributes, hidden inputs and script data; never an update's time, never one of several
different times on that day (a teaser list)."""

from __future__ import annotations

import json

import pytest

from newsspider.dates import made_precise, normalize_date, zone_country_by_offsets
from tests.unit.test_metadata_classes import _ld, _meta, _page

DAY = "2024-03-05"
TIME = "2024-03-05T10:30:00+01:00"


def _head_day(extra: str = "") -> str:
    return f'<meta name="date" content="{DAY}">{extra}'


# --------------------------------------------------------------------------- other JSON-LD nodes


def test_a_dated_node_after_three_undated_ones_gives_the_time() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "Harbour Herald"},
            {"@type": "WebSite", "name": "Harbour Herald"},
            {"@type": "ImageObject", "url": "https://news.example/a.jpg"},
            {"@type": "WebPage", "datePublished": TIME},
            {"@type": "NewsArticle", "headline": "Council approves new harbour budget", "datePublished": DAY},
        ],
    }
    assert _meta(_page(_ld(graph)))["published"] == TIME


def test_a_day_from_htmldate_takes_a_claim_reviews_time() -> None:
    review = {"@context": "https://schema.org", "@type": "ClaimReview", "datePublished": TIME}
    assert _meta(_page(_ld(review)))["published"] == TIME  # the day from the URL, the time from the node


# --------------------------------------------------------------------------- <time> outside the article


def test_a_day_from_htmldate_takes_the_time_of_a_time_element_outside_the_article() -> None:
    page = _page().replace("<article>", f'<div class="meta"><time datetime="{TIME}">5 March 2024</time></div><article>')
    assert _meta(page)["published"] == TIME


def test_several_times_on_that_day_outside_the_article_give_none() -> None:
    teasers = "".join(f'<li><a href="/s{i}"><time datetime="{DAY}T0{i}:15:00+01:00">5 March</time></a></li>' for i in (7, 8, 9))
    page = _page(_head_day()).replace("<article>", f"<ul>{teasers}</ul><article>")
    assert _meta(page)["published"] == DAY


# --------------------------------------------------------------------------- named markup


@pytest.mark.parametrize(
    "markup",
    [
        f'<meta name="cXenseParse:publishtime" content="{TIME}">',
        f'<meta name="w-published-date" content="{TIME}">',
    ],
)
def test_a_publication_named_meta_gives_the_time(markup: str) -> None:
    assert _meta(_page(_head_day(markup)))["published"] == TIME


def test_a_publication_named_hidden_input_gives_the_time() -> None:
    markup = f'<input type="hidden" class="published_date" value="{TIME}">'
    assert _meta(_page(_head_day(), before=markup))["published"] == TIME


@pytest.mark.parametrize(
    "script",
    [
        json.dumps({"props": {"story": {"slug": "harbour", "publishedAt": TIME}}}),
        f'window.__NUXT__={{slug:"harbour",published_on:"{TIME}",protected:false}}',
        json.dumps(json.dumps({"postDate": TIME})),  # escaped JSON inside a string
    ],
)
def test_script_data_under_a_publication_key_gives_the_time(script: str) -> None:
    assert _meta(_page(_head_day(f"<script>{script}</script>")))["published"] == TIME


@pytest.mark.parametrize(
    "markup",
    [
        f'<script>{json.dumps({"updatedAt": TIME, "publisher": "Harbour Herald"})}</script>',
        f'<script>{json.dumps({"publisher": TIME})}</script>',
        f'<meta name="w-published-date-modified" content="{TIME}">',
        f'<script>{json.dumps({"date": TIME})}</script>',  # a bare "date" is any object's (an image's, a comment's)
    ],
)
def test_no_time_from_an_update_or_an_unnamed_key(markup: str) -> None:
    assert _meta(_page(_head_day(markup)))["published"] == DAY


def test_script_times_that_disagree_give_none() -> None:
    data = {"items": [{"publishedAt": f"{DAY}T0{h}:00:00Z"} for h in (6, 7)]}
    assert _meta(_page(_head_day(f"<script>{json.dumps(data)}</script>")))["published"] == DAY


# --------------------------------------------------------------------------- date lines


def test_a_camel_case_date_class_is_a_date_line() -> None:
    line = '<p><span class="Author_publicationTime__F2lab">5 March 2024, 10:30</span></p>'
    assert _meta(_page(_head_day(), before=line))["published"] == "2024-03-05T10:30:00"


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("value", "extras", "expected"),
    [
        (DAY, [TIME], TIME),
        (DAY, [TIME, "2024-03-05T09:30:00Z"], TIME),  # the same instant written in UTC
        (DAY, [TIME, "2024-03-05T11:45:00+01:00"], DAY),  # two instants: neither
        (DAY, ["2024-03-06T10:30:00+01:00"], DAY),  # another day
        ("2024-03-05T10:30:00", ["2024-03-05T10:30:00+01:00", "2024-03-05T17:00:00+01:00"], "2024-03-05T10:30:00+01:00"),
        (None, [TIME], None),
    ],
)
def test_made_precise(value: str | None, extras: list[str | None], expected: str | None) -> None:
    assert made_precise(value, extras) == expected


# --------------------------------------------------------------------------- zone names and time-first dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01:38:07 PM CET Nov 20, 2019", "2019-11-20T13:38:07+01:00"),
        ("14:30, 5 March 2024", "2024-03-05T14:30:00"),
        ("10:30 Uhr 05.03.2024", "2024-03-05T10:30:00"),
        ("Nov 20, 2019 01:38 PM", "2019-11-20T13:38:00"),  # the date's own time as before
        ("Score 2:1 on 5 March 2024", "2024-03-05"),
    ],
)
def test_a_time_written_before_the_date(text: str, expected: str) -> None:
    assert normalize_date(text) == expected


def test_a_zone_name_read_by_the_offset_the_page_writes_elsewhere() -> None:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "01:38 PM IST Nov 20, 2019"}
    head = _ld(article) + '<meta property="og:locale" content="en_US">'
    page = _page(head + '<meta property="article:modified_time" content="2019-11-20T15:02:00+05:30">')
    assert _meta(page, "https://markets.example/news/economy-story")["published"] == "2019-11-20T13:38:00+05:30"
    alone = _page(head)  # no offset on the page: the name stays unread
    assert _meta(alone, "https://markets.example/news/economy-story")["published"] == "2019-11-20T13:38:00"


def test_a_zone_name_the_pages_country_reads_is_kept() -> None:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "Nov 20, 2019 01:38 PM IST"}
    page = _page(_ld(article) + '<meta property="article:modified_time" content="2019-11-20T15:02:00+02:00">')
    assert _meta(page, "https://news.example.in/story")["published"] == "2019-11-20T13:38:00+05:30"


# --------------------------------------------------------------------------- the day beside the headline

PLAIN_URL = "https://blog.example/articles/harbour-budget"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<div><span>Published on Oct 21, 2025</span></div>", "2025-10-21"),
        ('<div class="post-about"><a href="/team/jane">Jane Doe</a> · <span>Dec 17, 2025</span> · 6 min read</div>', "2025-12-17"),
        ("<div><span>Last updated Oct 21, 2025</span></div>", None),  # an update's day is no publication day
    ],
)
def test_a_date_line_beside_the_headline_dates_a_page_without_fields(line: str, expected: str | None) -> None:
    assert _meta(_page(before=line), PLAIN_URL)["published"] == expected


@pytest.mark.parametrize("name", ["published", "og:published_time", "published_at"])
def test_another_publication_named_meta_gives_the_day(name: str) -> None:
    head = f'<meta name="{name}" content="July 17, 2025"><meta property="og:modified_time" content="2025-09-01T10:00:00Z">'
    assert _meta(_page(head), PLAIN_URL)["published"] == "2025-07-17"


def test_the_page_country_is_kept_for_a_second_zone_name() -> None:
    texts = ["10:30 IST, 5 March 2024", "11:00 CST, 5 March 2024"]
    assert zone_country_by_offsets(texts, ["2024-03-05T09:00:00+05:30"], "cn") == "in"
    assert zone_country_by_offsets(texts, ["2024-03-05T09:00:00+08:00"], "cn") is None  # China reads CST

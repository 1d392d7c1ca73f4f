"""Where a block's links point (blocks.LinkStats and the href_* columns)."""

from __future__ import annotations

from newsspider.extraction.blocks import FEATURE_NAMES, LINK_FEATURES, featurize, registered_site, segment
from newsspider.extraction.html import parse

PAGE = """<html><head><link rel="canonical" href="https://www.gazette.example/news/buses-run-later-tonight"></head>
<body><article>
<p>The council said <a href="/news/the-new-timetable-in-full">the timetable</a> starts on Monday, and
<a href="https://news.gazette.example/city">the city desk</a> has more.</p>
<p>Get it at <a href="https://shop.other.co.uk/item?a=1&amp;b=2&amp;c=3" rel="sponsored nofollow">the shop</a>.</p>
<div><a href="#top"><img src="up.png"></a> <button>Sign up</button> Your address <input type="email"></div>
<p>Write to <a href="mailto:desk@gazette.example">the desk</a>.</p>
<p>No links here at all, only the story's text.</p>
</article></body></html>"""


def _blocks():
    return segment(parse(PAGE))


def test_registered_site_keeps_two_labels_or_three_under_a_short_second_level() -> None:
    assert registered_site("www.gazette.example") == "gazette.example"
    assert registered_site("news.gazette.example") == "gazette.example"
    assert registered_site("shop.other.co.uk") == "other.co.uk"


def test_segment_counts_where_each_blocks_links_go() -> None:
    story, shop, form, mail, plain = _blocks()
    assert (story.links.count, story.links.offsite, story.links.query_params) == (2, 0, 0)  # a subdomain is own
    assert (shop.links.offsite, shop.links.offsite_chars, shop.links.query_params, shop.links.untrusted) == (1, 8, 3, 1)
    assert (form.links.count, form.links.in_page, form.links.offsite) == (1, 1, 0)
    assert mail.links.contact == 1 and mail.links.offsite == 0
    assert plain.links is None


def test_without_canonical_the_site_most_links_go_to_is_the_pages_own() -> None:
    html = PAGE.replace('<link rel="canonical" href="https://www.gazette.example/news/buses-run-later-tonight">', "")
    html = html.replace('href="/news/the-new', 'href="https://gazette.example/news/the-new')
    story, shop, *_ = segment(parse(html))
    assert story.links.offsite == 0 and shop.links.offsite == 1


def test_link_columns_of_a_block_without_links_are_zero_and_windows_see_neighbours() -> None:
    blocks = _blocks()
    x = featurize(blocks, trafilatura_text=None)
    col = {name: FEATURE_NAMES.index(name) for name in LINK_FEATURES}
    assert FEATURE_NAMES[-len(LINK_FEATURES):] == LINK_FEATURES  # last: older models read the first columns
    assert all(x[4, col[name]] == 0 for name in LINK_FEATURES if not name.startswith("window_"))
    assert x[1, col["href_offsite_chars"]] == 8 / len(blocks[1].text)
    assert x[1, col["href_offsite"]] == 1.0 and x[1, col["href_untrusted"]] == 1.0
    assert x[1, col["href_query"]] > x[0, col["href_query"]] == 0
    assert x[2, col["href_in_page"]] == 1.0 and x[3, col["href_contact"]] == 1.0
    assert x[4, col["window_offsite"]] > 0  # the shop link three blocks up

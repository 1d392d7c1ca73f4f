"""The version the incremental state remembers for an exported page: the latest of its dates."""

from __future__ import annotations

from pipelines.state import latest_version


def test_a_page_listed_by_two_feeds_is_remembered_by_its_latest_date() -> None:
    # Reached through a news sitemap (publication date as lastmod) but updated hours later: the
    # next crawl, led there by the Atom feed's <updated>, must not find it "changed since exported".
    assert latest_version("2024-09-07T07:00:00+02:00", "2024-09-07T18:45:00+02:00", "2024-09-07T07:00:00+02:00") == (
        "2024-09-07T18:45:00+02:00"
    )
    assert latest_version("2024-09-08", "2024-09-07T18:45:00+02:00", None) == "2024-09-08"


def test_dates_that_do_not_parse_count_only_when_none_does() -> None:
    assert latest_version("junk", "2024-01-01") == "2024-01-01"
    assert latest_version(None, "junk") == "junk"
    assert latest_version(None, None, None) is None

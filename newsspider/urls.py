"""URLs that pages and documents supply: joined and read without raising on malformed ones.

``urllib.parse`` raises ValueError on some strings a page can hold (a bracketed host that is no
IP address, ``https://[]/``; an unclosed ``http://[::1``; a port that is no number, which
``.port`` refuses later). A link, canonical, image, feed or sitemap entry like that is dropped,
not the whole page or document it came in.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def join_url(base: str, ref: str) -> str | None:
    """``urljoin(base, ref)``, or None when the result is not a URL ``urllib.parse`` can read
    (host and port included)."""
    try:
        joined = urljoin(base, ref)
        urlsplit(joined).port  # noqa: B018 - parses the port (ValueError when it is no number)
    except ValueError:
        return None
    return joined


def url_scheme(url: str) -> str:
    """The scheme of ``url`` ("" when it has none or cannot be read)."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def url_path(url: str) -> str:
    """The path of ``url`` ("" when it has none or cannot be read)."""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def site_host(url: str) -> str:
    """The host of ``url`` without "www." ("" when it has none or cannot be read)."""
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""

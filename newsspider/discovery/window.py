"""The date window of a crawl (``-a since=…`` / ``-a until=…``).

A bound is an absolute date/time (any form :func:`normalize_date` reads, e.g. ``2024-01-01``,
``2024-01-01T12:00+02:00``) or a relative age from now (``36h``, ``2d``, ``1w``). A date-only
``until`` includes that whole day. Naive times are taken as UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from newsspider.discovery.candidates import iso_date

_RELATIVE = re.compile(r"\s*(\d+)\s*([hdw])\s*", re.I)
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


class WindowError(ValueError):
    """A window bound that cannot be read; the message says the accepted forms."""


def to_datetime(value: object) -> datetime | None:
    """An aware datetime for an ISO/RFC date (date-only: midnight UTC; naive: UTC); None if unparseable."""
    iso = iso_date(value) if not isinstance(value, datetime) else value.isoformat()
    if not iso:
        return None
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_bound(text: str, *, name: str, now: datetime, end_of_day: bool = False) -> datetime:
    """One window bound as an aware datetime; :class:`WindowError` naming ``name`` when unreadable."""
    relative = _RELATIVE.fullmatch(text)
    if relative:
        return now - int(relative[1]) * _UNITS[relative[2].lower()]
    iso = iso_date(text.strip())
    moment = to_datetime(iso)
    if moment is None:
        raise WindowError(
            f"-a {name}={text!r} is not a date: give e.g. -a {name}=2024-01-01, "
            f"-a {name}=2024-01-01T12:00+02:00 or a relative age such as -a {name}=2d (h, d, w)"
        )
    if end_of_day and iso and len(iso) == 10:
        moment = datetime.combine(date.fromisoformat(iso), time.max, tzinfo=UTC)
    return moment


@dataclass(frozen=True)
class DateWindow:
    """Articles published in ``[since, until]`` are wanted (an open bound is None)."""

    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def from_strings(cls, since: str | None, until: str | None, now: datetime | None = None) -> DateWindow:
        now = now or datetime.now(UTC)
        window = cls(
            since=parse_bound(since, name="since", now=now) if since else None,
            until=parse_bound(until, name="until", now=now, end_of_day=True) if until else None,
        )
        if window.since and window.until and window.since > window.until:
            raise WindowError(f"-a since={since!r} is after -a until={until!r}: swap them")
        return window

    @property
    def is_open(self) -> bool:
        return self.since is None and self.until is None

    def contains(self, published: object) -> bool | None:
        """Whether a publication date is inside the window; None when it is unknown."""
        moment = to_datetime(published)
        if moment is None:
            return None
        return (self.since is None or moment >= self.since) and (self.until is None or moment <= self.until)

    def excludes_listing(self, published: str | None, lastmod: str | None) -> bool:
        """True when a feed/sitemap entry is certainly outside the window, so it need not be fetched.

        The publication date decides when given. A last-modified date alone only proves an
        article too old (published <= lastmod < since); it says nothing about ``until``.
        """
        if published:
            return self.contains(published) is False
        modified = to_datetime(lastmod)
        return modified is not None and self.since is not None and modified < self.since


def window_from_settings(since: str | None, until: str | None, *, now: datetime | None = None) -> DateWindow:
    """The window of ``NEWSSPIDER_SINCE`` / ``NEWSSPIDER_UNTIL`` (set by ``-a since`` / ``-a until``)."""
    try:
        return DateWindow.from_strings(since or None, until or None, now=now)
    except WindowError as err:
        raise ValueError(str(err).replace("-a since", "NEWSSPIDER_SINCE").replace("-a until", "NEWSSPIDER_UNTIL")) from err


def is_newer(lastmod: str | None, than: str | None) -> bool:
    """Whether ``lastmod`` is a later moment than ``than`` (False when either is unknown)."""
    new, old = to_datetime(lastmod), to_datetime(than)
    return new is not None and old is not None and new > old

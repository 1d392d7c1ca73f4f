"""Normalise the many ways pages write dates into ISO 8601 strings.

Rule: keep exactly the precision and the timezone the page gives. A date-only value stays
a date (``2023-11-28``); a datetime without offset stays naive; ``Z`` becomes ``+00:00``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

# Month names (EN/DE/FR/ES, full and common abbreviations) -> month number.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero ene jänner",
        "february feb februar février fevrier febrero",
        "march mar märz maerz mars marzo",
        "april apr avril abril avr",
        "may mai mayo",
        "june jun juni juin junio",
        "july jul juli juillet julio juil",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct oktober okt octobre octubre",
        "november nov novembre noviembre",
        "december dec dezember dez décembre decembre diciembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_TIME = r"(?:[T\s,]+(?:at\s+|um\s+|à\s+|a las\s+)?(\d{1,2})[:h.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?"
_TZ = r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"

# "November 28, 2023", "Nov. 28 2023 10:30 am"
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}{_TZ}", re.I)
# "28 November 2023", "28. November 2023", "28 de noviembre de 2023", "le 28 novembre 2023"
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}}){_TIME}{_TZ}", re.I
)
# "28.11.2023", "28/11/2023" (day first: the European and Latin American order)
_NUMERIC_DMY = re.compile(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}}){_TIME}{_TZ}")
# "2023/11/28", "2023.11.28"
_NUMERIC_YMD = re.compile(rf"\b(\d{{4}})[./](\d{{1,2}})[./](\d{{1,2}}){_TIME}{_TZ}")


def _tz(token: str | None) -> timezone | None:
    if not token:
        return None
    token = token.upper()
    if token in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(year: int, month: int, day: int, groups: tuple[str | None, ...]) -> str | None:
    hour, minute, second, ampm, tz = groups
    try:
        if hour is None:
            return date(year, month, day).isoformat()
        h = int(hour)
        if ampm:
            ampm = ampm.lower().replace(".", "")
            if ampm == "pm" and h < 12:
                h += 12
            elif ampm == "am" and h == 12:
                h = 0
        value = datetime(year, month, day, h, int(minute or 0), int(second or 0), tzinfo=_tz(tz))
    except ValueError:
        return None
    return value.isoformat()


def _from_iso(text: str) -> str | None:
    candidate = text.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    candidate = re.sub(r"[Zz]$", "+00:00", candidate)
    # "+0100" -> "+01:00"; fromisoformat accepts both since 3.11 but be explicit for 3.10.
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    candidate = candidate.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", candidate) else candidate
    try:
        if len(candidate) == 10:
            return date.fromisoformat(candidate).isoformat()
        return datetime.fromisoformat(candidate).isoformat()
    except ValueError:
        # Fractions with odd precision, trailing junk: fall back to the date part.
        try:
            return date.fromisoformat(candidate[:10]).isoformat()
        except ValueError:
            return None


def normalize_date(value: object) -> str | None:
    """ISO 8601 string for a date written in any common form; None when unparseable."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    iso = _from_iso(text)
    if iso:
        return iso
    if re.match(r"^\d{4}-\d{2}-\d{2}", text) is None and re.search(r"\d{1,2}:\d{2}(:\d{2})?\s+(GMT|[+-]\d{4})", text):
        try:  # RFC 2822, as in RSS and HTTP headers
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError):
            pass
    if m := _MDY.search(text):
        return _build(int(m[3]), _MONTHS[m[1].lower()], int(m[2]), m.groups()[3:])
    if m := _DMY.search(text):
        return _build(int(m[3]), _MONTHS[m[2].lower()], int(m[1]), m.groups()[3:])
    if m := _NUMERIC_YMD.search(text):
        return _build(int(m[1]), int(m[2]), int(m[3]), m.groups()[3:])
    if m := _NUMERIC_DMY.search(text):
        return _build(int(m[3]), int(m[2]), int(m[1]), m.groups()[3:])
    return None


_WEEKDAYS = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b\.?",
    re.I,
)
_DATE_WORDS = re.compile(
    r"\b(?:last\s+)?(?:updated|published|posted|modified|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|publicado|actualizado)\b"
    r"|\b(?:on|at|am|um|le|el|de|a\s+las|à)\b|\b[A-Z]{2,4}\b|\buhr\b",
    re.I,
)
_ANY_DATE = (_MDY, _DMY, _NUMERIC_YMD, _NUMERIC_DMY)
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)


def strip_dates(text: str) -> str:
    """The text with every date (and weekday) removed."""
    for pattern in (_ISO, *_ANY_DATE):
        text = pattern.sub(" ", text)
    return _WEEKDAYS.sub(" ", text)


def is_date_only_line(text: str) -> bool:
    """True when a short line holds nothing but dates (with weekday, time, "Updated" words)."""
    if len(text) > 100:
        return False
    rest = text
    found = False
    for pattern in (_ISO, *_ANY_DATE):
        rest, count = pattern.subn(" ", rest)
        found = found or count > 0
    if not found:
        return False
    rest = _CLOCK_TIME.sub(" ", rest)
    rest = _WEEKDAYS.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    return not re.sub(r"[\s,.\-|·:/()–—]+", "", rest)

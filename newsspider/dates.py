"""The one date normaliser: every way pages, feeds and headers write a date -> ISO 8601.

Used by extraction (page metadata, top-bar detection) and by the normalize pipeline, so a
date reads the same wherever it comes from. No Scrapy imports.

Rules:

- Keep exactly the precision and the timezone the input gives: a date stays a date
  (``2023-11-28``), a time without offset stays naive, ``Z``/``GMT``/``UTC`` become ``+00:00``,
  unambiguous abbreviations (``CEST``, ``EST``...) become their offset.
- Never invent a missing part: without a 4-digit year, a month and a day there is no date
  (``"April 2024"``, ``"Monday"``, ``"10"`` -> None).
- Read: ISO 8601 (extended and basic), RFC 2822 (RSS, HTTP), unix timestamps (seconds or
  milliseconds -> UTC), month names in English, German, French and Spanish ("28. November
  2023", "le 28 novembre 2023", "28 de noviembre de 2023"), dotted day-first dates
  (``28.11.2023``), slashed dates (day first on a page of a country that writes them so, else
  month first unless the first number cannot be a month),
  and other English free forms via python-dateutil; last, a month named in one of ~45 other
  languages, from dateparser's locale data ("14. marraskuuta 2024", "14 Νοεμβρίου 2024").
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser
from dateutil import tz as dateutil_tz

# --------------------------------------------------------------------------- vocabulary

# Month names -> month number: English, German, French, Spanish (full and common
# abbreviations), then Italian, Portuguese, Dutch, Indonesian, Scandinavian, Polish, Turkish,
# Russian, Arabic and Hindi as dates write them (Polish and Russian in the genitive: "5 марта 2024";
# Arabic's Egyptian names, then the Levant's and Iraq's: "5 آذار 2024").
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero ene jänner gennaio janeiro januari stycznia ocak января يناير जनवरी كانون_الثاني",
        "february feb februar février fevrier febrero febbraio fevereiro februari lutego şubat февраля فبراير फ़रवरी फरवरी شباط",
        "march mar märz maerz mars marzo março maart maret marca mart марта مارس मार्च آذار",
        "april apr avril abril avr aprile kwietnia nisan апреля أبريل ابريل अप्रैल نيسان",
        "may mai mayo maggio maio mei maj maja mayıs мая مايو मई أيار",
        "june jun juni juin junio giugno junho czerwca haziran июня يونيو जून حزيران",
        "july jul juli juillet julio juil luglio julho lipca temmuz июля يوليو जुलाई تموز",
        "august aug août aout agosto ago agustus augusti augustus sierpnia ağustos августа أغسطس اغسطس अगस्त آب",
        "september sep sept septembre septiembre setiembre settembre setembro września eylül сентября سبتمبر सितंबर सितम्बर أيلول",
        "october oct oktober okt octobre octubre ottobre outubro października ekim октября أكتوبر اكتوبر अक्टूबर تشرين_الأول",
        "november nov novembre noviembre novembro listopada kasım ноября نوفمبر नवंबर नवम्बर تشرين_الثاني",
        "december dec dezember dez décembre decembre diciembre dic dicembre dezembro desember grudnia aralık декабря ديسمبر दिसंबर दिसम्बर كانون_الأول",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name.replace("_", " ")] = _number  # "كانون_الثاني": a name of two words

#: Unambiguous timezone abbreviations -> UTC offset in seconds; others are read as naive.
TZ_ABBREVIATIONS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 3600, "CET": 3600, "CEST": 7200,
    "MEZ": 3600, "MESZ": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800, "EST": -18000,
    "EDT": -14400, "MST": -25200, "MDT": -21600,
    "PDT": -25200, "JST": 32400, "AEST": 36000, "AEDT": 39600,
    # zones news pages print beside a local time that no other zone's abbreviation shares:
    # Indonesia's three, Korea, Hong Kong, Singapore, Malaysia, the Philippines, Indochina,
    # Pakistan, Nepal, Turkey, South/West/Central/East Africa, New Zealand, Brazil, Hawaii,
    # Alaska, Australia's central and western zones
    "WIB": 25200, "WITA": 28800, "WIT": 32400, "KST": 32400, "HKT": 28800, "SGT": 28800, "MYT": 28800,
    "PHT": 28800, "ICT": 25200, "PKT": 18000, "NPT": 20700, "TRT": 10800, "SAST": 7200, "WAT": 3600,
    "CAT": 7200, "EAT": 10800, "NZST": 43200, "NZDT": 46800, "BRT": -10800, "HST": -36000,
    "AKST": -32400, "AKDT": -28800, "ACST": 34200, "ACDT": 37800, "AWST": 28800,
}
#: US zones named without saying summer or winter ("10:30 a.m. ET"): the offset is the one the zone
#: had at that moment (the tz database, python-dateutil's copy when the system has none).
SEASONAL_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
}
#: Abbreviations naming several zones -> {country: offset in seconds}: read by the page's country
#: (see :func:`zone_country`), naive anywhere else (an offset is never guessed).
AMBIGUOUS_ZONES: dict[str, dict[str, int]] = {
    "IST": {"in": 19800, "ie": 3600, "il": 7200},  # India, Irish Summer, Israel
    "CST": {"us": -21600, "ca": -21600, "mx": -21600, "cn": 28800, "tw": 28800, "cu": -18000},  # Central, China, Cuba
    "BST": {"gb": 3600, "bd": 21600},  # British Summer, Bangladesh
    "PST": {"us": -28800, "ca": -28800, "mx": -28800, "ph": 28800, "pk": 18000},  # Pacific, Philippine, Pakistan
    "AST": {"sa": 10800, "kw": 10800, "qa": 10800, "bh": 10800, "iq": 10800, "ye": 10800, "ca": -14400, "pr": -14400},  # Arabia, Atlantic
}
# The country a language is written in when its tag names no region: for the zones above, and
# for the order of a slashed date's day and month. The second line's languages are written in
# several countries, all writing the day first and none reading a zone name above otherwise
# ("12/03/2024" on a Spanish page of a ".com" is 12 March): the first of them stands for all.
_LANGUAGE_COUNTRIES = {
    "he": "il", "iw": "il", "ga": "ie", "hi": "in", "mr": "in", "ta": "in", "te": "in", "gu": "in", "kn": "in", "ml": "in",
    "bn": "bd", "ur": "pk", "fil": "ph", "tl": "ph", "zh": "cn",
    "es": "es", "fr": "fr", "de": "de", "it": "it", "pt": "pt", "nl": "nl", "pl": "pl", "cs": "cz", "sk": "sk", "sl": "si",
    "hr": "hr", "sr": "rs", "bs": "ba", "ro": "ro", "bg": "bg", "el": "gr", "tr": "tr", "ru": "ru", "uk": "ua", "da": "dk",
    "sv": "se", "nb": "no", "nn": "no", "no": "no", "fi": "fi", "et": "ee", "lv": "lv", "id": "id", "ms": "my", "vi": "vn",
    "th": "th", "ca": "es", "gl": "es", "eu": "es", "is": "is", "mk": "mk", "sq": "al",
}  # fmt: skip
_COUNTRY_ALIASES = {"uk": "gb"}
#: Country domains sold as generic names ("example.io", "example.ai", "example.tv"): no country.
_GENERIC_COUNTRY_DOMAINS = frozenset({"io", "ai", "co", "tv", "me", "fm", "ly", "gg", "to", "cc", "ws", "sh", "ac", "la", "vc", "ms", "gl", "nu", "am", "tk", "so", "st", "im"})

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ABBREV_RE = "|".join(sorted([*TZ_ABBREVIATIONS, *AMBIGUOUS_ZONES, *SEASONAL_ZONES], key=len, reverse=True))
# A time after the date: "17:12", "17h12", "14 h 30", "kl. 14.30", "5:12 p.m.", "à 17h12", "às
# 14h30", "ore 14:30", "um 17:12 Uhr", "ora 12:30", "u 12:30", "godz. 10:30", "pukul 10.30", "о 10:30",
# "ob 10.30"; after a separator ("05.03.2024 | 14:30") or a Russian "г.".
_TIME = (
    r"(?:(?:\.?[T\s,]+|\s*[|·•–—-]\s*)(?:г\.,?\s*)?"
    r"(?:(?:at|um|à|às|a\s+las|ore|ora|alle|om|o\s+godz\.|godz\.|o|ob|u|kl\.|klo|kello|klockan|в|о|saat|pukul|jam)\s*)?"
    r"(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?:\s*uhr)?)?"
)
_TZ = rf"\s*(?-i:({_ABBREV_RE})\b|([+-]\d{{2}}:?\d{{2}})\b)?"

# "November 28, 2023", "Nov. 28 2023 10:30 am"
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}{_TZ}", re.I)
# "28 November 2023", "28. November 2023", "28 de noviembre de 2023", "le 28 novembre 2023"
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}}){_TIME}{_TZ}", re.I
)
# "28.11.2023", "28. 11. 2023" (dots: always day first)
_DOTTED_DMY = re.compile(rf"\b(\d{{1,2}})\.\s*(\d{{1,2}})\.\s*(\d{{4}}){_TIME}{_TZ}", re.I)
# "11/28/2023", "28/11/2023" (month first unless the first number is above 12)
_SLASHED = re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_TIME}{_TZ}", re.I)
# "28-11-2023", "11-28-2023": read as slashed dates are (the order by the page's country). Not one of
# the line tests' date forms (:data:`_ANY_DATE`): a dashed number in a line is as often a code.
_DASHED = re.compile(rf"\b(\d{{1,2}})-(\d{{1,2}})-(\d{{4}}){_TIME}{_TZ}", re.I)
# "2023/11/28", "2023.11.28"
_NUMERIC_YMD = re.compile(rf"\b(\d{{4}})[./](\d{{1,2}})[./](\d{{1,2}}){_TIME}{_TZ}", re.I)

_ISO_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_BASIC_DATE_ONLY = re.compile(r"\d{8}")
#: An extended ISO date-time that datetime.fromisoformat reads exactly as dateutil's isoparse
#: (hours 00-23: dateutil reads 24:00 as the next day's midnight).
_ISO_EXTENDED = re.compile(r"\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:[0-5]\d)?")
_ISO_LIKE = re.compile(r"\d{4}-?\d{2}-?\d{2}(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?")
_NUMERIC_OFFSET = re.compile(r"[+-]\d{2}:?\d{2}")
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_RFC2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+\S+)?")
_TIMESTAMP = re.compile(r"-?\d{9,10}(?:\.\d+)?|\d{12,13}")
#: A basic-format date and time without a "T" ("20240305103000", "202403051030"), as some CMSs
#: write meta dates: read before the timestamps (a 12-digit one in milliseconds would be before
#: 2001, a compact date-time is today's).
_COMPACT_DATETIME = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])([0-5]\d)([0-5]\d)?")
_LABEL = re.compile(
    r"^(?:(?:first\s+)?published|(?:last\s+)?(?:updated|modified)|posted|date|veröffentlicht|aktualisiert|stand"
    r"|publié|mis\s+à\s+jour|publicado|actualizado)\s*(?:on|at|am|le|el)?\s*:?\s*",
    re.I,
)
#: Years a page's date may have in the patterns (other calendars' years fall outside).
_YEARS = (1900, 2100)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d{2}(?!\d)")
# Two defaults differing in every component: what differs between the two parses was not in the input.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


# --------------------------------------------------------------------------- parsing


def zone_country(host: str, languages: list[str | None]) -> str | None:
    """The page's country for reading an ambiguous zone abbreviation: its host's country domain
    (``.in``, ``.co.uk``), else the region of a declared language tag (``en-IN``, ``en_GB``), else a
    language written in one country of those zones (``he``, ``bn``)."""
    suffix = host.rstrip(".").rsplit(".", 1)[-1].casefold()
    if len(suffix) == 2 and suffix.isalpha() and suffix not in _GENERIC_COUNTRY_DOMAINS:
        return _COUNTRY_ALIASES.get(suffix, suffix)
    for tag in languages:
        parts = re.split(r"[-_]", (tag or "").strip().casefold())
        if len(parts) > 1 and len(parts[1]) == 2:
            return _COUNTRY_ALIASES.get(parts[1], parts[1])
    return next((_LANGUAGE_COUNTRIES[p] for p in (re.split(r"[-_]", (t or "").strip().casefold())[0] for t in languages) if _LANGUAGE_COUNTRIES.get(p)), None)


_ZONE_NAME = re.compile(rf"\b(?:{'|'.join(AMBIGUOUS_ZONES)})\b")


def zone_country_by_offsets(texts: list[str], values: list[str | None], country: str | None = None) -> str | None:
    """The country that reads a zone name several zones share, written in ``texts`` ("1:38 pm
    IST"), as an offset the page's ISO ``values`` carry ("+05:30" in another field: India's IST);
    None when no such name or no such offset, or when ``country`` (the page's by its host or
    language tag) reads the name already."""
    offsets = {v[-6:] for v in values if v and len(v) > 19 and v[-6] in "+-"}
    for text in texts:
        for name in _ZONE_NAME.findall(text):
            if country in AMBIGUOUS_ZONES[name]:
                continue
            for candidate, seconds in AMBIGUOUS_ZONES[name].items():
                sign = "-" if seconds < 0 else "+"
                if f"{sign}{abs(seconds) // 3600:02d}:{abs(seconds) % 3600 // 60:02d}" in offsets:
                    return candidate
    return None


def _zone_seconds(abbreviation: str, country: str | None) -> int | None:
    name = abbreviation.upper()
    if name in TZ_ABBREVIATIONS:
        return TZ_ABBREVIATIONS[name]
    return AMBIGUOUS_ZONES.get(name, {}).get(country or "")


@functools.cache
def _seasonal_zone(name: str) -> tzinfo | None:
    return dateutil_tz.gettz(SEASONAL_ZONES[name])


def _zone(abbreviation: str, country: str | None) -> tzinfo | None:
    """The zone an abbreviation names on a page of ``country``: a fixed offset, or a US zone
    whose offset depends on the date ("ET"); None when it names none for sure."""
    if abbreviation.upper() in SEASONAL_ZONES:
        return _seasonal_zone(abbreviation.upper())
    seconds = _zone_seconds(abbreviation, country)
    return None if seconds is None else timezone(timedelta(seconds=seconds))


def _offset(abbreviation: str | None, numeric: str | None, country: str | None = None) -> tzinfo | None:
    if abbreviation:
        return _zone(abbreviation, country)
    if numeric:
        sign = -1 if numeric[0] == "-" else 1
        digits = numeric[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return None


def _build(year: int, month: int, day: int, groups: tuple[str | None, ...], country: str | None = None) -> str | None:
    """ISO string from parts and the (hour, minute, second, am/pm, tz name, tz offset) groups
    (``country``: the page's, for an ambiguous zone name)."""
    hour, minute, second, ampm, abbreviation, numeric = groups
    if not _YEARS[0] <= year <= _YEARS[1]:
        return None  # another calendar's year (1402 Solar Hijri, 2567 Buddhist era): no date of ours
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
        value = datetime(year, month, day, h, int(minute or 0), int(second or 0), tzinfo=_offset(abbreviation, numeric, country))
    except ValueError:
        return None
    return value.isoformat()


def _from_timestamp(value: float) -> str | None:
    if value > 1e11:  # milliseconds
        value /= 1000
    if value < 1e8:  # before 1973: a year or some count, not a timestamp
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _parse_iso(text: str) -> str | None:
    try:
        if _ISO_DATE_ONLY.fullmatch(text):
            return date.fromisoformat(text).isoformat()
        if _ISO_EXTENDED.fullmatch(text):  # the common, already-normal form: read in C, same result
            return datetime.fromisoformat(text).isoformat()
        parsed = dateutil_parser.isoparse(text.replace(" ", "T", 1))
    except (ValueError, OverflowError):
        return None
    if _ISO_BASIC_DATE_ONLY.fullmatch(text):  # 20240421
        return parsed.date().isoformat()
    return parsed.isoformat()


def _parse_iso_prefix(text: str, country: str | None = None) -> str | None:
    """An ISO date/time followed by something else (a zone name, junk): the ISO part, in the
    zone a name after a naive time gives ("2024-03-05 10:30 CET")."""
    match = _ISO_PREFIX.match(text)
    if match is None:
        return None
    parsed = _parse_iso(match.group()) or _parse_iso(text[:10])
    if parsed and len(parsed) > 10 and parsed[-6] not in "+-":
        name = text[match.end() :].strip()
        if _NUMERIC_OFFSET.fullmatch(name):  # "2024-03-05 10:30:00 +0100": an offset after a space
            return _parse_iso(f"{match.group()}{name}") or parsed
        zone = _zone(name, country) if name.isupper() else None
        if zone is not None:
            return datetime.fromisoformat(parsed).replace(tzinfo=zone).isoformat()
    return parsed


def _parse_rfc2822(text: str, country: str | None = None) -> str | None:
    if not _RFC2822.fullmatch(text):
        return None
    head, _, zone = text.rpartition(" ")
    if country and zone in AMBIGUOUS_ZONES:  # RFC 2822's "CST" is US Central; a Chinese page's is not
        seconds = AMBIGUOUS_ZONES[zone].get(country)
        sign = "-" if (seconds or 0) < 0 else "+"
        text = head if seconds is None else f"{head} {sign}{abs(seconds) // 3600:02d}{abs(seconds) % 3600 // 60:02d}"
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is not None and parsed.tzinfo is None and zone.isalpha() and (named := _zone(zone, country)) is not None:
        parsed = parsed.replace(tzinfo=named)  # a zone the email module does not know ("CET" in a German feed)
    return parsed.isoformat() if parsed is not None else None


# Weekdays in English, German, French and Spanish ("Tue", "Tuesday", "Dienstag", "mardi").
_WEEKDAY_NAMES = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
)
# A time written before the date ("01:38 PM IST Nov 20, 2019", "14:30, 5 March 2024", "10:30 AM
# ET, Tue March 5, 2024"): read when the date itself gives none.
_LEADING_TIME = re.compile(
    rf"(?<![\d:.])(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?\s*([ap]\.?m\.?)?(?:\s*uhr)?{_TZ}[\s,|·•–—-]*(?:on\s+)?"
    rf"(?:(?:{_WEEKDAY_NAMES})\.?,?\s*)?$",
    re.I,
)


def _parse_patterns(text: str, country: str | None = None) -> str | None:
    """Month names in four languages and numeric day/month orders, found anywhere in the text."""
    for pattern, order in _ORDERS:
        if m := pattern.search(text):
            year, month, day = order(m, country)
            groups = m.groups()[3:]
            if groups[0] is None and (lead := _LEADING_TIME.search(text, 0, m.start())):
                groups = lead.groups()
            return _build(year, month, day, groups, country)
    return None


#: Countries whose slashed dates put the month first ("11/28/2023"); everywhere else a page's
#: country writes the day first ("28/11/2023": the UK, India, Spain, France, Brazil ...).
MONTH_FIRST_COUNTRIES = frozenset({"us", "ph", "ca", "mh", "pw", "gu", "pr", "as", "vi", "mp", "um"})


def _slashed_order(m: re.Match[str], country: str | None = None) -> tuple[int, int, int]:
    """(year, month, day) of "03/10/2023": month first unless the first number cannot be a month,
    or the page's ``country`` writes the day first (an unknown country: month first, as the
    English web mostly writes)."""
    first, second = int(m[1]), int(m[2])
    day_first = first > 12 or (second <= 12 and country is not None and country not in MONTH_FIRST_COUNTRIES)
    month, day = (second, first) if day_first else (first, second)
    return int(m[3]), month, day


#: The patterns in the order they are tried, each with how its groups give (year, month, day) on
#: a page of a country (only a slashed date's order depends on it).
_ORDERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str | None], tuple[int, int, int]]], ...] = (
    (_MDY, lambda m, _: (int(m[3]), _MONTHS[m[1].lower()], int(m[2]))),
    (_DMY, lambda m, _: (int(m[3]), _MONTHS[m[2].lower()], int(m[1]))),
    (_NUMERIC_YMD, lambda m, _: (int(m[1]), int(m[2]), int(m[3]))),
    (_DOTTED_DMY, lambda m, _: (int(m[3]), int(m[2]), int(m[1]))),
    (_SLASHED, _slashed_order),
    (_DASHED, _slashed_order),
)


@functools.cache
def _free_zones(country: str | None) -> dict[str, Any]:
    """The zone names dateutil is told on a page of ``country`` (made once per country, not per date)."""
    zones: dict[str, Any] = {**TZ_ABBREVIATIONS, **{name: _seasonal_zone(name) for name in SEASONAL_ZONES}}
    if country:
        zones.update({name: by[country] for name, by in AMBIGUOUS_ZONES.items() if country in by})
    return zones


def _parse_free(text: str, country: str | None = None) -> str | None:
    """Other English forms via dateutil, refusing any result that had to invent a part."""
    if not _YEAR.search(text):
        return None  # refuse year-less guesses ("10", "Monday") rather than invent a year
    zones = _free_zones(country)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # UnknownTimezoneWarning: such names are parsed naive
            first = dateutil_parser.parse(text, default=_DEFAULT_A, tzinfos=zones)
            second = dateutil_parser.parse(text, default=_DEFAULT_B, tzinfos=zones)
        if first.date() != second.date():
            return None  # year, month or day missing: refuse to invent it
        if first.hour != second.hour:
            return first.date().isoformat()  # no time of day in the input
        return first.isoformat()  # raises for an offset of 24 hours or more ("+2500")
    except (ValueError, OverflowError, TypeError, ArithmeticError):  # ArithmeticError: decimal's, on "1:999…9"
        return None


# Dates in Chinese, Japanese and Korean: "2024年3月5日", "下午3点", "15時30分", "오후 3:30", "(火)".
_CJK_DAY = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_CJK_CLOCK = re.compile(r"(\d{1,2})\s*[時时点點시]\s*(?:(\d{1,2})\s*[分분])?")
_CJK_HALF_DAY = re.compile(r"(上午|午前|오전|下午|午後|오후)\s*(\d{1,2}:\d{2})")
_CJK_WEEKDAY = re.compile(r"\s*[(（][^()（）\d]{1,3}[)）]")
_PM_WORDS = frozenset({"下午", "午後", "오후"})
_ANY_DIGIT = re.compile(r"\d")


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
_THAI_MONTH_START = re.compile("[\u0e01-\u0e40]")  # a Thai consonant or leading vowel: Thai text
# Thai months, full and abbreviated, and the Buddhist era's years (CE + 543), four digits or the
# last two ("5 มี.ค. 67"): "5 มีนาคม 2567" is 5 March 2024.
_THAI_MONTHS = {
    name: number
    for number, names in enumerate((
        "มกราคม ม.ค.", "กุมภาพันธ์ ก.พ.", "มีนาคม มี.ค.", "เมษายน เม.ย.", "พฤษภาคม พ.ค.", "มิถุนายน มิ.ย.",
        "กรกฎาคม ก.ค.", "สิงหาคม ส.ค.", "กันยายน ก.ย.", "ตุลาคม ต.ค.", "พฤศจิกายน พ.ย.", "ธันวาคม ธ.ค.",
    ), start=1)
    for name in names.split()
}  # fmt: skip
_THAI_DATE = re.compile(
    rf"(\d{{1,2}})\s*(?:เดือน)?({'|'.join(sorted(map(re.escape, _THAI_MONTHS), key=len, reverse=True))})\s*(?:พ\.ศ\.\s*)?(\d{{4}}|\d{{2}})(?!\d|[:.]\d)"
)
_BUDDHIST_ERA = 543
# Vietnamese "ngày 5 tháng 3 năm 2024", "5 tháng 3, 2024" (day, "month" and its number, year): as "5.3.2024".
_VIETNAMESE_DATE = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,\s*|\s+năm\s+)(\d{4})", re.I)


def _thai_date(m: re.Match[str]) -> str:
    year = int(m[3])
    year = year + 2500 - _BUDDHIST_ERA if year < 100 else year - _BUDDHIST_ERA if year > 2400 else year
    return f"{m[1]} {_MONTH_KEYS[_THAI_MONTHS[m[2]] - 1]} {year}"


def _canonical(text: str) -> str:
    """A date written in another script's digits or in CJK units, in the forms the patterns read:
    Arabic-Indic, Persian, Devanagari, Thai or full-width digits as ASCII ones, "2024年3月5日 下午3点"
    as "2024/3/5 3:00 pm", "5 มี.ค. 2567" as "5 march 2024"."""
    text = _ANY_DIGIT.sub(lambda m: str(int(m.group())), text).replace("：", ":")
    if "tháng" in text:
        text = _VIETNAMESE_DATE.sub(r"\1.\2.\3", text)
    if _THAI_MONTH_START.search(text):
        text = _THAI_DATE.sub(_thai_date, text)
    text = _CJK_WEEKDAY.sub("", _CJK_DAY.sub(r"\1/\2/\3", text))
    text = _CJK_CLOCK.sub(lambda m: f"{m[1]}:{int(m[2] or 0):02d}", text)
    return _CJK_HALF_DAY.sub(lambda m: f"{m[2]} {'pm' if m[1] in _PM_WORDS else 'am'}", text)


# A day, a month's name and a year in a language the patterns do not know ("14. listopadu 2024",
# "14 Νοεμβρίου 2024", "14 noiembrie 2024, ora 12:30"), or the year first ("2024 m. lapkričio 14 d.").
_OTHER_DMY = re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?([^\W\d_]{{3,}})\.?,?\s+(?:de\s+)?(\d{{4}}){_TIME}{_TZ}", re.I)
_OTHER_YMD = re.compile(rf"\b(\d{{4}})\.?\s+(?:m\.\s+)?([^\W\d_]{{3,}})\.?\s+(\d{{1,2}})\b\.?(?:\s*d\.)?{_TIME}{_TZ}", re.I)
#: The languages whose month names dateparser's locale data gives :func:`_other_months`: Europe's,
#: and others written with an alphabet whose dates spell the month.
_OTHER_MONTH_LANGUAGES = (
    "cs sk sl hr sr bs pl fi et lv lt el ro bg uk be mk sq hu ca gl eu da nb nn sv is nl af pt it tr az ka hy "
    "id ms tl sw he fa ur de fr es ru ar hi"
).split()
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")  # what the two patterns read as a month's name


@functools.cache
def _other_months() -> dict[str, int]:
    """Month names (and the genitive and other forms dates write them in) of
    :data:`_OTHER_MONTH_LANGUAGES`, from dateparser's locale data (dateparser comes with htmldate),
    read on first use: names of 3+ letters that name one month only (Croatian "listopad" is
    October, Czech and Polish November: neither is read) and that the hand-made table lacks."""
    from dateparser.languages.loader import LocaleDataLoader

    loader = LocaleDataLoader()
    found: dict[str, set[int]] = {}
    for language in _OTHER_MONTH_LANGUAGES:
        info = loader.get_locale(language).info
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, []):
                found.setdefault(name.lower().rstrip("."), set()).add(number)
    return {
        name: min(numbers) for name, numbers in found.items()
        if len(numbers) == 1 and name not in _MONTHS and _MONTH_WORD.fullmatch(name)
    }


def _parse_other_months(text: str, country: str | None = None) -> str | None:
    """A date whose month is named in another language (:func:`_other_months`); the last resort."""
    if _YEAR_DIGITS.search(text) is None:
        return None
    shaped = [(m, day_at, year_at) for pattern, day_at, year_at in ((_OTHER_DMY, 1, 3), (_OTHER_YMD, 3, 1)) for m in pattern.finditer(text)]
    if not shaped:
        return None  # no day, word and year: the month table (dateparser's import, 0.07 s) is not read
    months = _other_months()
    for m, day_at, year_at in shaped:
        month = months.get(m[2].lower())
        if month is not None:
            return _build(int(m[year_at]), month, int(m[day_at]), m.groups()[3:], country)
    return None


# A day in a URL's path: "/2023/10/03/", "/2023/october/03/", "/2023-10-03-slug".
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-]([a-z]{3,9}|\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)", re.I)


def url_day(url: str) -> str | None:
    """The day a URL's path writes (ISO), or None."""
    m = _URL_DAY.search(url.split("?", 1)[0])
    if m is None:
        return None
    month = int(m[2]) if m[2].isdigit() else _MONTHS.get(m[2].lower())
    try:
        return date(int(m[1]), month, int(m[3])).isoformat() if month else None
    except ValueError:
        return None


#: Dates before this year are placeholders, not a page's date: .NET's ``DateTime.MinValue``
#: ("0001-01-01T00:00:00", written by CMSs whose date field is empty), year-zero defaults.
OLDEST_YEAR = 1800


def normalize_date(value: Any, country: str | None = None) -> str | None:
    """``value`` (str, number, date, datetime) as an ISO 8601 string; None when empty or unparseable,
    or a placeholder (a year before :data:`OLDEST_YEAR`). ``country``: the page's
    (:func:`zone_country`), to read a zone name that several zones share ("IST", "CST"); without it
    such a time stays naive."""
    normal = _normalize(value, country)
    return normal if normal is None or int(normal[:4]) >= OLDEST_YEAR else None


# An offset written after GMT or UTC ("GMT+7", "(GMT+07:00)", "UTC-3", "GMT+0530"): the zone name
# alone would read as UTC itself, a wrong instant.
_GMT_OFFSET = re.compile(r"\(?\b(?:GMT|UTC)\s?([+-])(0?\d|1[0-4])(?::?([0-5]\d))?(?!\d)\)?")


def _numeric_offset(m: re.Match[str]) -> str:
    return f"{m[1]}{int(m[2]):02d}:{m[3] or '00'}"


def _normalize(value: Any, country: str | None = None) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text.isascii():
        text = _canonical(text)
    if "GMT" in text or "UTC" in text:
        text = _GMT_OFFSET.sub(_numeric_offset, text)
    text = _LABEL.sub("", text).strip()
    if not text:
        return None
    if compact := _COMPACT_DATETIME.fullmatch(text):
        return _build(int(compact[1]), int(compact[2]), int(compact[3]), (compact[4], compact[5], compact[6], None, None, None))
    if _TIMESTAMP.fullmatch(text):
        return _from_timestamp(float(text))
    if _ISO_LIKE.fullmatch(text):
        return _parse_iso(text)
    if _ISO_DATE_ONLY.match(text):
        return _parse_iso_prefix(text, country)
    parsed = _parse_rfc2822(text, country)
    if parsed is not None:
        return parsed
    if _patterns_apply(text):
        return _parse_patterns(text, country)
    return _parse_free(text, country) or _parse_other_months(text, country)


def _patterns_apply(text: str) -> bool:
    return _YEAR_DIGITS.search(text) is not None and any(p.search(text) for p in _PARSED_FORMS)


# --------------------------------------------------------------------------- dates inside lines

_ANY_DATE = (_MDY, _DMY, _NUMERIC_YMD, _DOTTED_DMY, _SLASHED)
_PARSED_FORMS = (*_ANY_DATE, _DASHED)  # what _parse_patterns reads: the line tests' forms and dashed dates
_WEEKDAYS = re.compile(rf"\b(?:{_WEEKDAY_NAMES})\b\.?", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:last\s+)?(?:updated|published|posted|modified|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|publicado|actualizado)\b"
    r"|\b(?:on|at|am|um|le|el|de|a\s+las|à)\b|\b[A-Z]{2,4}\b|\buhr\b",
    re.I,
)
_ISO_IN_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
# Every date form of _ISO_IN_TEXT and _ANY_DATE writes a four-digit year: a text without four
# digits in a row holds none of them. One search instead of their five or six (_MDY alone,
# trying its month names at every word, costs ~15 us on a short line).
_YEAR_DIGITS = re.compile(r"\d{4}")


def has_date(text: str) -> bool:
    """The text writes a date (ISO or one of the patterns' forms), in any script's digits, or a
    day, a month named in another language and a year ("05 Μαρτίου 2024", "5. března 2024",
    "2024. március 5.": the forms :func:`normalize_date` reads last)."""
    text = text if text.isascii() else _canonical(text)
    if _YEAR_DIGITS.search(text) is None:
        return False
    return any(pattern.search(text) for pattern in (_ISO_IN_TEXT, *_ANY_DATE)) or _parse_other_months(text) is not None


def strip_dates(text: str) -> str:
    """The text with every date (and weekday) removed."""
    if _YEAR_DIGITS.search(text) is None:
        return _WEEKDAYS.sub(" ", text)
    for pattern in (_ISO_IN_TEXT, *_ANY_DATE):
        text = pattern.sub(" ", text)
    return _WEEKDAYS.sub(" ", text)


def is_date_only_line(text: str) -> bool:
    """True when a short line holds nothing but dates (with weekday, time, "Updated" words)."""
    if len(text) > 100 or _YEAR_DIGITS.search(text) is None:
        return False
    rest = text
    found = False
    for pattern in (_ISO_IN_TEXT, *_ANY_DATE):
        rest, count = pattern.subn(" ", rest)
        found = found or count > 0
    if not found:
        return False
    rest = _CLOCK_TIME.sub(" ", rest)
    rest = _WEEKDAYS.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    return not re.sub(r"[\s,.\-|·:/()–—]+", "", rest)


# --------------------------------------------------------------------------- choosing among sources


def _precision(value: str) -> float:
    """0: a date; 0.5: a midnight to the second, a date in disguise ("T00:00:00Z" is as often a
    CMS writing a bare day: it gives way to a real time of that day, but is kept over the bare
    day); 1: a naive time; 2: a time with offset."""
    if len(value) <= 10:
        return 0
    parsed = datetime.fromisoformat(value)
    if parsed.time() == datetime.min.time():
        return 0.5
    return 2 if parsed.tzinfo is not None else 1


# The UTC offsets in use (minutes): whole hours from -12 to +14 and the half and three-quarter hours.
_ZONE_OFFSETS = frozenset(range(-12 * 60, 14 * 60 + 1, 60)) | {-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825}


def _consistent(first: str, other: str) -> bool:
    """``other`` says the same as ``first``, more precisely: the same day when ``first`` is a date,
    the same instant when ``first`` is a naive time: the same wall-clock minute, ``first`` the
    UTC time of ``other``, or ``other`` in UTC and ``first`` ahead of it by an offset in use (a local time beside the same instant in
    UTC: the UTC value is taken as written, no offset made up)."""
    if _precision(first) < 1:
        return other[:10] == first[:10]
    a, b = datetime.fromisoformat(first), datetime.fromisoformat(other)
    if b.tzinfo is None:
        return False
    wall = b.replace(tzinfo=None)
    utc = b.astimezone(UTC).replace(tzinfo=None)
    if abs((a - wall).total_seconds()) < 60 or abs((a - utc).total_seconds()) < 60:
        return True  # the same wall clock, or a naive UTC time
    if b.utcoffset():
        return False
    offset = round((a - wall).total_seconds() / 60)  # minutes the naive wall clock is ahead of UTC
    return abs((a - wall).total_seconds() - offset * 60) < 60 and offset in _ZONE_OFFSETS


def _same_instant(a: str, b: str) -> bool:
    """Two timed values name the same instant (to the minute): both naive or both aware and equal,
    or the naive one the wall clock or the UTC time of the aware one."""
    first, second = datetime.fromisoformat(a), datetime.fromisoformat(b)
    if (first.tzinfo is None) == (second.tzinfo is None):
        return abs((first - second).total_seconds()) < 60
    return _consistent(a, b) if first.tzinfo is None else _consistent(b, a)


def made_precise(value: str | None, extras: list[str | None]) -> str | None:
    """``value`` made more precise (:func:`most_precise`) by ``extras``, values that only add a
    time or an offset (other markup on the page), unless the extras that would add one name
    different instants: several stories' times on that day (a teaser list) say nothing of this one's."""
    if not value:
        return value
    try:
        level = _precision(value)
        timed = [v for v in extras if v and _precision(v) >= 1 and _precision(v) > level and _consistent(value, v)]
        if any(not _same_instant(timed[0], other) for other in timed[1:]):
            return value
    except (ValueError, OverflowError):  # OverflowError: year 9999 moved to UTC
        return value
    return most_precise([value, *extras])


def most_precise(values: list[str | None]) -> str | None:
    """The first normalised date of ``values``, or a later one that agrees with it and says more
    (a time, an offset): pages often give a bare date first and the full time in another field."""
    found = [v for v in values if v]
    if not found:
        return None
    best = found[0]
    for value in found[1:]:
        try:
            if _precision(value) > _precision(best) and _consistent(best, value):
                best = value
        except (ValueError, OverflowError):
            continue
    return best

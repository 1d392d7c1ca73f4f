"""newsspider.dates: the one date normaliser shared by extraction and the normalize pipeline."""

from __future__ import annotations

import pytest

import pipelines.normalize
from newsspider import dates
from newsspider.extraction.metadata import published


def test_one_normaliser_everywhere() -> None:
    assert pipelines.normalize.normalize_date is dates.normalize_date
    assert published.normalize_date is dates.normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # month names in four languages, with time and timezone abbreviations
        ("Dienstag, 28. November 2023, 17:12 Uhr MEZ", "2023-11-28T17:12:00+01:00"),
        ("Veröffentlicht am 28. November 2023", "2023-11-28"),
        ("Publié le 28 novembre 2023 à 17h12", "2023-11-28T17:12:00"),
        ("28 de noviembre de 2023 a las 17:12 CET", "2023-11-28T17:12:00+01:00"),
        ("Nov. 28, 2023 5:12 p.m. EST", "2023-11-28T17:12:00-05:00"),
        ("Updated: 28 Nov 2023 17:12 GMT", "2023-11-28T17:12:00+00:00"),
        # numeric orders: dots day first, slashes month first unless impossible
        ("28. 11. 2023", "2023-11-28"),
        ("11/28/2023", "2023-11-28"),
        ("28/11/2023", "2023-11-28"),
        ("2023/11/28", "2023-11-28"),
        # ISO with something after it: the ISO part
        ("2024-04-21T10:15:00+02:00 [Europe/Berlin]", "2024-04-21T10:15:00+02:00"),
        # timestamps and RFC 2822 (feeds, headers)
        ("1701191564", "2023-11-28T17:12:44+00:00"),
        ("Tue, 28 Nov 2023 17:12:44 +0100", "2023-11-28T17:12:44+01:00"),
        # never invent a missing part
        ("November 2023", None),
        ("28 November", None),
        ("Dienstag", None),
        ("13/13/2023", None),
    ],
)
def test_normalize_date_merged_behaviours(value: str, expected: str | None) -> None:
    assert dates.normalize_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated: Tuesday, 28 November 2023 17:12 GMT", True),
        ("Mardi 28 novembre 2023", True),
        ("28.11.2023 | 17:12", True),
        ("On 28 November 2023 the council met again to discuss the bridge.", False),
        ("Harbour bridge repairs", False),
    ],
)
def test_date_only_lines(line: str, expected: bool) -> None:
    assert dates.is_date_only_line(line) is expected


@pytest.mark.parametrize("day", ["2024-12-01", "2024-02-29", "2023-02-29", "2024-13-01", "0001-01-01", "9999-12-31"])
def test_extended_iso_fast_path_reads_as_dateutil(day: str) -> None:
    """The common extended ISO form is read by datetime.fromisoformat: same result as dateutil's
    isoparse, or None where that refuses (24:00, minute 60, zone minutes 60, 7 fraction digits)."""
    from dateutil import parser as dateutil_parser

    for time in ["00:00", "23:59", "24:00", "12:60", "12:30:59", "12:30:60", "12:30:00.1", "12:30:00.123456", "12:30:00.1234567"]:
        for zone in ["", "Z", "+01:00", "-05:30", "-00:00", "+14:00", "+24:00", "+12:60"]:
            text = f"{day}T{time}{zone}"
            try:
                expected = dateutil_parser.isoparse(text).isoformat()
            except (ValueError, OverflowError):
                expected = None
            assert dates._parse_iso(text) == expected, text


@pytest.mark.parametrize(
    ("line", "stripped", "date_only", "has"),
    [
        ("Updated March 5, 2024", "Updated", True, True),
        ("Sunday 5 March 2024", "", True, True),
        ("٢٠٢٤-٠٣-٠٥", "", True, True),  # a year in another script's digits is four digits too
        ("Sunday 5 March", "5 March", False, False),  # no year: no date form, the weekday alone goes
        ("5 min read", "5 min read", False, False),
    ],
)
def test_dates_in_lines_need_a_year(line: str, stripped: str, date_only: bool, has: bool) -> None:
    assert " ".join(dates.strip_dates(line).split()) == stripped
    assert dates.is_date_only_line(line) is date_only
    assert dates.has_date(line) is has


@pytest.mark.parametrize(
    ("line", "has"),
    [
        ("05 Μαρτίου 2024, 10:30", True),  # months dateparser's locale data names: Greek,
        ("5. března 2024 10:30", True),  # Czech,
        ("kedd, 2024. március 5. 10:30", True),  # Hungarian (year first),
        ("5 martie 2024", True),  # Romanian
        ("Top 10 things in 2024", False),  # a number, a word and a year: no month
        ("5 huiles essentielles 2024", False),
    ],
)
def test_a_line_with_a_month_named_in_another_language_has_a_date(line: str, has: bool) -> None:
    """``has_date`` says yes to every date ``normalize_date`` reads, not only the patterns' forms:
    the lines beside the headline are found by it (the date line, a byline above it)."""
    assert dates.has_date(line) is has
    assert (dates.normalize_date(line) is not None) is has


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # month names the hand-made table lacks, from dateparser's locale data
        ("14. marraskuuta 2024 klo 12.30", "2024-11-14T12:30:00"),  # Finnish
        ("14 Νοεμβρίου 2024, 12:30", "2024-11-14T12:30:00"),  # Greek, genitive
        ("14. novembra 2024 o 12:30", "2024-11-14T12:30:00"),  # Slovak
        ("14 lapkričio 2024 12:30", "2024-11-14T12:30:00"),  # Lithuanian
        ("2024 m. lapkričio 14 d. 12:30", "2024-11-14T12:30:00"),  # Lithuanian, year first
        ("14 noiembrie 2024, ora 12:30", "2024-11-14T12:30:00"),  # Romanian
        ("14 ноември 2024 г., 12:30", "2024-11-14T12:30:00"),  # Bulgarian
        ("14 листопада 2024, 12:30", "2024-11-14T12:30:00"),  # Ukrainian
        ("14. studenoga 2024. u 12:30", "2024-11-14T12:30:00"),  # Croatian
        ("14 tammikuuta 2024", "2024-01-14"),
        # a word that names different months in two languages is not read (Czech/Polish
        # November, Croatian October) unless the hand-made table decides (Polish "listopada")
        ("14. listopadu 2024", None),
        ("14 listopada 2024", "2024-11-14"),
        # no month at all
        ("5 apples 2024", None),
    ],
)
def test_month_names_of_other_languages(value: str, expected: str | None) -> None:
    assert dates.normalize_date(value) == expected


@pytest.mark.parametrize("value", ["Posted 2024", "Mon 2024-13-45", "March 2024 edition", "5 apples", "2024: 14 days", "Updated 5 x 2024"])
def test_month_table_is_read_only_for_a_day_word_and_year(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the table costs dateparser's import (0.07 s): a text without the shape of such a date
    # never reads it, and gives what it gave when the table was read first
    def unread() -> dict[str, int]:
        raise AssertionError("month table read")

    with monkeypatch.context() as patched:
        patched.setattr(dates, "_other_months", unread)
        without = dates._parse_other_months(value)
    assert without is None
    assert without == (None if dates._YEAR_DIGITS.search(value) is None else _old_parse_other_months(value))


def _old_parse_other_months(text: str) -> str | None:
    """The month-name reader as it was: the table read before the patterns."""
    months = dates._other_months()
    for pattern, day_at, year_at in ((dates._OTHER_DMY, 1, 3), (dates._OTHER_YMD, 3, 1)):
        for m in pattern.finditer(text):
            if (month := months.get(m[2].lower())) is not None:
                return dates._build(int(m[year_at]), month, int(m[day_at]), m.groups()[3:], None)
    return None


@pytest.mark.parametrize("value", ["14. marraskuuta 2024 klo 12.30", "2024 m. lapkričio 14 d. 12:30", "14. listopadu 2024", "5 apples 2024"])
def test_month_table_reads_dates_shaped_so_as_before(value: str) -> None:
    assert dates._parse_other_months(value) == _old_parse_other_months(value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/blog/2023/october/03/how-many/", "2023-10-03"),
        ("https://x.example/2024/11/14/slug.html", "2024-11-14"),
        ("https://x.example/news/2024-11-14-slug", "2024-11-14"),
        ("https://x.example/a/2024/13/40/", None),  # no such day
        ("https://x.example/p?d=/2024/11/14/", None),  # the query is not the path
        ("https://x.example/2024/11/slug", None),  # a month is not a day
    ],
)
def test_url_day(url: str, expected: str | None) -> None:
    assert dates.url_day(url) == expected


#: Dates this session's reading added, by what they test: (value, what ``normalize_date`` gives).
_READ_NOW = {
    "zones only one place uses give their offset": [
        ("Selasa, 05 Maret 2024 10:30 WIB", "2024-03-05T10:30:00+07:00"),  # Indonesia (western)
        ("2024-03-05 10:30 KST", "2024-03-05T10:30:00+09:00"),  # Korea, after an ISO date
        ("5 March 2024 10:30 HKT", "2024-03-05T10:30:00+08:00"),
        ("5 March 2024 10:30 SAST", "2024-03-05T10:30:00+02:00"),
        ("5 March 2024 10:30 NZDT", "2024-03-05T10:30:00+13:00"),
        ("5 March 2024 10:30 BRT", "2024-03-05T10:30:00-03:00"),
    ],
    "a US zone without its season takes the offset of that date": [
        ("March 5, 2024 10:30 a.m. ET", "2024-03-05T10:30:00-05:00"),  # Eastern winter time
        ("July 5, 2024 10:30 a.m. ET", "2024-07-05T10:30:00-04:00"),  # Eastern summer time
        ("2024-07-05 10:30 PT", "2024-07-05T10:30:00-07:00"),
        ("Nov 3, 2024 3:00 PM CT", "2024-11-03T15:00:00-06:00"),  # the afternoon the clocks went back
        ("March 5, 2024 ET", "2024-03-05"),  # no time: a day, no offset
    ],
    "a time before the weekday and the date is the date's": [
        ("10:30 AM ET, Tue March 5, 2024", "2024-03-05T10:30:00-05:00"),  # CNN's order
        ("14:30 Uhr, Dienstag, 5. März 2024", "2024-03-05T14:30:00"),
        ("14:30, 5 March 2024", "2024-03-05T14:30:00"),
    ],
    "compact date-times, and an offset after a space": [
        ("20240305103000", "2024-03-05T10:30:00"),  # basic format, no "T": a CMS's meta date
        ("202403051030", "2024-03-05T10:30:00"),  # not a timestamp in milliseconds of 1976
        ("1709631000000", "2024-03-05T09:30:00+00:00"),  # a real one still is
        ("20241305103000", None),  # no 13th month: not a date, and no timestamp of 14 digits
        ("2024-03-05 10:30:00 +0100", "2024-03-05T10:30:00+01:00"),  # an offset after a space
        ("2024-03-05T10:30 -05:00", "2024-03-05T10:30:00-05:00"),
    ],
}


@pytest.mark.parametrize(
    ("what", "value", "expected"), [(what, value, expected) for what, cases in _READ_NOW.items() for value, expected in cases]
)
def test_zones_leading_times_and_compact_forms(what: str, value: str, expected: str | None) -> None:
    assert dates.normalize_date(value) == expected, what


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("12/03/2024 14:05", "es", "2024-03-12T14:05:00"),  # Spain writes the day first
        ("12/03/2024", "gb", "2024-03-12"),
        ("12/03/2024", "in", "2024-03-12"),
        ("12/03/2024", "us", "2024-12-03"),  # the United States write the month first
        ("12/03/2024", None, "2024-12-03"),  # an unknown country: month first, as before
        ("03/13/2024", "gb", "2024-03-13"),  # a 13th month cannot be: month first
        ("13/03/2024", "us", "2024-03-13"),
    ],
)
def test_a_slashed_date_is_read_in_the_order_the_pages_country_writes(value: str, country: str | None, expected: str) -> None:
    assert dates.normalize_date(value, country) == expected


@pytest.mark.parametrize(
    ("host", "languages", "expected"),
    [
        ("www.diario.es", [], "es"),
        ("blog.example.io", [], None),  # a country domain sold as a generic name
        ("news.example.ai", ["en-GB"], "gb"),  # then the language tag's region
        ("www.example.tv", ["en"], None),
        ("www.example.tv", ["es"], "es"),  # a language written day first stands for its countries
        ("www.diario.com", ["es-MX"], "mx"),  # the tag's region first
    ],
)
def test_a_generic_country_domain_names_no_country(host: str, languages: list[str], expected: str | None) -> None:
    assert dates.zone_country(host, languages) == expected


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        # the zone name alone would read as UTC itself: a wrong instant, worse than none
        ("05/03/2024 10:30 (GMT+7)", "vn", "2024-03-05T10:30:00+07:00"),
        ("Thứ ba, 5/3/2024, 10:30 (GMT+7)", "vn", "2024-03-05T10:30:00+07:00"),
        ("Tue Mar 05 2024 10:30:00 GMT+0700 (Indochina Time)", None, "2024-03-05T10:30:00+07:00"),
        ("March 5, 2024 10:30 UTC+3", None, "2024-03-05T10:30:00+03:00"),
        ("March 5, 2024 10:30 (UTC+05:30)", None, "2024-03-05T10:30:00+05:30"),
        ("2024-03-05 10:30 GMT-3", None, "2024-03-05T10:30:00-03:00"),
        ("2024-03-05T10:30:00 UTC+1", None, "2024-03-05T10:30:00+01:00"),
        ("March 5, 2024 10:30 GMT", None, "2024-03-05T10:30:00+00:00"),  # GMT itself still is
        ("March 5, 2024 10:30 GMT+25", None, "2024-03-05T10:30:00+00:00"),  # no such offset: not read as one
    ],
)
def test_an_offset_after_gmt_or_utc_is_the_times_offset(value: str, country: str | None, expected: str) -> None:
    assert dates.normalize_date(value, country) == expected


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("05-03-2024, 10:30", "nl", "2024-03-05T10:30:00"),  # the Netherlands write the day first
        ("05-03-2024", "in", "2024-03-05"),
        ("05-03-2024", "us", "2024-05-03"),  # month first where slashed dates are
        ("05-03-2024", None, "2024-05-03"),
        ("25-03-2024", None, "2024-03-25"),  # a 25th month cannot be
    ],
)
def test_a_dashed_date_is_read_as_a_slashed_one(value: str, country: str | None, expected: str) -> None:
    assert dates.normalize_date(value, country) == expected


def test_a_dashed_number_in_a_line_is_no_date_line() -> None:
    """The line tests (date lines, top bars) keep their forms: "05-03-2024" in a line may be a code."""
    assert not dates.has_date("Ref. 05-03-2024")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5 marca 2024, godz. 10:30", "2024-03-05T10:30:00"),  # Polish
        ("5 marca 2024 o godz. 10:30", "2024-03-05T10:30:00"),
        ("Selasa, 5 Maret 2024 pukul 10.30 WIB", "2024-03-05T10:30:00+07:00"),  # Indonesian
        ("5 березня 2024 о 10:30", "2024-03-05T10:30:00"),  # Ukrainian (a Cyrillic "о")
        ("5. 3. 2024 ob 10.30", "2024-03-05T10:30:00"),  # Slovenian
        ("5.3.2024 kello 10.30", "2024-03-05T10:30:00"),  # Finnish, the word in full
    ],
)
def test_the_word_before_a_time_in_more_languages(value: str, expected: str) -> None:
    assert dates.normalize_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5 มีนาคม 2567 10:30 น.", "2024-03-05T10:30:00"),  # the Buddhist era's year: CE + 543
        ("5 มี.ค. 2567", "2024-03-05"),
        ("วันอังคารที่ 5 มีนาคม พ.ศ. 2567", "2024-03-05"),
        ("5 มี.ค. 67 10:30 น.", "2024-03-05T10:30:00"),  # the era's last two digits
        ("๕ มีนาคม ๒๕๖๗", "2024-03-05"),  # Thai digits
        ("5 มี.ค. 2024", "2024-03-05"),  # a year of the common era stays
        ("5 มี.ค. 10:30 น.", None),  # no year: the time's hour is none
    ],
)
def test_thai_dates(value: str, expected: str | None) -> None:
    assert dates.normalize_date(value) == expected
    assert dates.has_date(value) is (expected is not None)


def test_a_slashed_date_on_a_spanish_page_of_a_generic_domain_is_day_first() -> None:
    """The page's language stands for its country where the host names none: Spanish writes the day first."""
    from newsspider.extraction import html as html_mod
    from newsspider.extraction import jsonld
    from newsspider.extraction.metadata import extract_metadata

    paragraphs = "".join(f"<p>{p}</p>" for p in ["El Gobierno aprobó hoy nuevas medidas económicas.", "Los expertos esperan un efecto positivo."])
    page = (
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Nuevas medidas</title></head>'
        f"<body><article><h1>Nuevas medidas económicas</h1><div>12/03/2024 14:05</div>{paragraphs}</article></body></html>"
    )
    tree = html_mod.parse(page)
    assert tree is not None
    assert extract_metadata(tree, "https://www.diario.com/economia/nuevas-medidas", jsonld.nodes(tree))["published"] == "2024-03-12T14:05:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 05 Mar 2024 10:30:00 CET", "2024-03-05T10:30:00+01:00"),  # a German feed's pubDate
        ("Fri, 05 Jul 2024 10:30:00 CEST", "2024-07-05T10:30:00+02:00"),
        ("Tue, 05 Mar 2024 10:30:00 MSK", "2024-03-05T10:30:00+03:00"),
        ("Tue, 05 Mar 2024 10:30:00 EST", "2024-03-05T10:30:00-05:00"),  # as the email module reads it
        ("Tue, 05 Mar 2024 10:30:00 -0000", "2024-03-05T10:30:00"),  # RFC 5322's unknown zone stays naive
        ("Tue, 05 Mar 2024 10:30:00 XYZ", "2024-03-05T10:30:00"),
    ],
)
def test_an_rfc_2822_zone_name_the_email_module_does_not_know(value: str, expected: str) -> None:
    assert dates.normalize_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("الثلاثاء 5 آذار 2024 - 10:30", "2024-03-05T10:30:00"),  # the Levant's and Iraq's month names
        ("15 كانون الثاني 2024", "2024-01-15"),  # a name of two words
        ("3 تشرين الأول 2024", "2024-10-03"),
        ("5 آب 2024", "2024-08-05"),
        ("ngày 5 tháng 3 năm 2024", "2024-03-05"),  # Vietnamese: day, "month" and its number, year
        ("Thứ Ba, ngày 05 tháng 03 năm 2024 10:30 (GMT+7)", "2024-03-05T10:30:00+07:00"),
        ("5 tháng 3, 2024", "2024-03-05"),
    ],
)
def test_arabic_levantine_months_and_vietnamese_dates(value: str, expected: str) -> None:
    assert dates.normalize_date(value) == expected
    assert dates.has_date(value)

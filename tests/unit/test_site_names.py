"""A site's name in its own script against its ASCII host name: a title's suffix written
"Hürriyet", "Süddeutsche Zeitung", "Η ΚΑΘΗΜΕΡΙΝΗ" or "NRK Norge" names hurriyet.com.tr,
sueddeutsche.de, kathimerini.gr and nrk.no (issue 11: "a site-name suffix kept"), and an outlet
credited in another script is the outlet, not a person."""

from __future__ import annotations

import pytest
from lxml import html

from newsspider.extraction.metadata import extract_metadata
from newsspider.extraction.metadata.sitename import ascii_spellings, is_site_name


def _title(url: str, title: str) -> str | None:
    page = f"<html><head><title>{title}</title></head><body><p>The council met on Tuesday.</p></body></html>"
    return extract_metadata(html.fromstring(page), url, [])["title"]


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        # diacritics the host name drops
        ("https://www.hurriyet.com.tr/gundem/ankara-42", "Ankara'da kritik toplantı - Hürriyet", "Ankara'da kritik toplantı"),
        ("https://www.ceskatelevize.cz/porady/vlada-padla", "Vláda podala demisi — Česká televize", "Vláda podala demisi"),
        # German umlauts written out in the host name
        ("https://www.sueddeutsche.de/politik/haushalt-1.123", "Koalition streitet über den Haushalt - Süddeutsche Zeitung",
         "Koalition streitet über den Haushalt"),
        # another script, transliterated
        ("https://www.kathimerini.gr/politics/123/", "Η κυβέρνηση παρουσιάζει τον προϋπολογισμό | Η ΚΑΘΗΜΕΡΙΝΗ",
         "Η κυβέρνηση παρουσιάζει τον προϋπολογισμό"),
        ("https://www.kommersant.ru/doc/123", "Правительство утвердило бюджет – Коммерсантъ", "Правительство утвердило бюджет"),
        # the host's label and a desk or an edition after it
        ("https://www.nrk.no/norge/regjeringen-1.2", "Regjeringen legger fram budsjettet – NRK Norge", "Regjeringen legger fram budsjettet"),
    ],
)
def test_a_site_name_in_its_own_script_is_cut_from_the_title(url: str, title: str, expected: str) -> None:
    assert _title(url, title) == expected


@pytest.mark.parametrize(
    ("url", "title"),
    [
        # the last part is the headline's own, not the site's
        ("https://www.idnes.cz/zpravy/domaci/vlada.A241114", "Vláda podala demisi - Babiš odstupuje"),
        ("https://www.hurriyet.com.tr/gundem/ankara-42", "Ankara'da toplantı: Hükümet yeni paketi açıkladı"),
    ],
)
def test_a_headline_part_that_does_not_name_the_site_stays(url: str, title: str) -> None:
    assert _title(url, title) == title


def test_ascii_spellings() -> None:
    assert ascii_spellings("Hürriyet") == ["Hurriyet", "Huerriyet"]
    assert ascii_spellings("Η ΚΑΘΗΜΕΡΙΝΗ") == ["I KAThIMERINI"]
    assert ascii_spellings("Example Times") == ["Example Times"]


@pytest.mark.parametrize(
    ("part", "host_label", "expected"),
    [
        ("Hürriyet", "hurriyet", True),
        ("Süddeutsche Zeitung", "sueddeutsche", True),
        ("Česká televize", "ceskatelevize", True),
        ("NRK Norge", "nrk", True),
        ("Norge", "nrk", False),
        ("Zürcher Neue Zeitung", "znz", True),  # initials, folded
        ("Babiš odstupuje", "idnes", False),
    ],
)
def test_is_site_name(part: str, host_label: str, expected: bool) -> None:
    assert is_site_name(part, set(), host_label) is expected


def test_the_outlet_credited_in_its_own_script_beside_a_person_is_dropped() -> None:
    page = (
        "<html><head><title>Ankara'da kritik toplantı</title>"
        '<meta name="author" content="Ayşe Yılmaz, Hürriyet"></head>'
        "<body><h1>Ankara'da kritik toplantı</h1><p>Bakanlar Kurulu bugün toplandı.</p></body></html>"
    )
    fields = extract_metadata(html.fromstring(page), "https://www.hurriyet.com.tr/gundem/ankara-42", [])
    assert fields["authors"] == ["Ayşe Yılmaz"]  # an organisation is an author only when no person is named

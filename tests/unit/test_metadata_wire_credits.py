"""Issue 11, agency credits in the forms German and other European wire stories write them.

- A story credited to its agency at its end ("... sagte er. (dpa)", "dpa/lhe", "Quelle: AFP") and
  by no byline is credited to the agency, as a dateline's "Berlin (dpa) -" is. Only when nothing
  else is credited; a photo's credit ("© Reuters", "Foto: dpa"), an agency's name alone on a line
  (contributors' initials) or a party in brackets is no credit.
- A byline of its own, "Jana Schmidt (dpa)", is no dateline: the reporter is no place.
- A piece's kind before the "by" ("Ein Artikel von", "An article by") is no part of the name.
- "by our correspondent" in Dutch ("Door onze redacteur Jan de Vries"), and the place a reporter
  writes from ("aus Berlin", "uit Amsterdam", "desde Madrid", "depuis Bruxelles") is none of it.
"""

from __future__ import annotations

import pytest

from newsspider.extraction.authors import closing_agencies, credited_agency, split_authors
from newsspider.extraction.extract import extract_page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das sagte der Minister am Dienstag. (dpa)", ["dpa"]),
        ("Der Zug fuhr weiter.\n(AFP/dpa)", ["AFP", "dpa"]),
        ("Der Zug fuhr weiter. (mer/dpa)", ["dpa"]),  # the editor's initials beside the agency
        ("Der Zug fuhr weiter.\ndpa/lhe", ["dpa"]),  # the agency's regional desk
        ("Der Zug fuhr weiter.\nQuelle: dpa", ["dpa"]),
        ("Le train est reparti.\nSource : AFP, Reuters", ["AFP", "Reuters"]),
        ("Der Zug fuhr weiter. (mit Material von dpa)", ["dpa"]),
        ("The train left on time. (The Associated Press)", ["The Associated Press"]),
        ("Der Zug fuhr weiter. (dpa)\nMehr zum Thema", ["dpa"]),  # a kept line after the credit
        ("Der Zug fuhr weiter.\nQuelle: ntv.de, mli/dpa", ["dpa"]),  # the outlet and an editor beside it
        ("Der Zug fuhr weiter.\nMit Material von dpa und AFP", ["dpa", "AFP"]),
        ("The train left.\nWith reporting by Reuters", ["Reuters"]),
        ("The train left.\nPhoto by AP", []),
        ("The train left.\nThe report was written by Jane Doe of the regional desk", []),
        ("Contributors to this page:\nOT\nAP", []),  # initials, no credit
        ("The train left.\n© Reuters", []),  # a photo's credit
        ("Der Zug fuhr weiter.\nFoto: dpa", []),
        ("Das beschloss die Partei (SPD).", []),
        ("The train left. (Reporting by Jane Doe; Editing by John Roe)", []),
        ("The train left. (AP Photo/Jane Doe)", []),
        ("The train left.\nAFP/Getty", []),  # a picture agency beside it: a photo's credit
        ("(dpa) The train left.\nIt was late.\nVery late.", []),  # not at the end
        # source labels of more languages, and the agency after a dash (session 44)
        ("Hükümet onayladı.\nKaynak: AA", ["AA"]),
        ("Rząd zatwierdził projekt.\nŹródło: PAP", ["PAP"]),
        ("Правительство одобрило проект.\nИсточник: ТАСС", ["ТАСС"]),
        ("Vláda návrh schválila.\nZdroj: ČTK", ["ČTK"]),
        ("The train left on time.\n— Reuters", ["Reuters"]),
        ("Η κυβέρνηση ενέκρινε το σχέδιο. (ΑΠΕ-ΜΠΕ)", ["ΑΠΕ-ΜΠΕ"]),  # ANA-MPA in Greek
        ("The train left on time.\n– Jane Doe", []),  # a person after a dash: no agency
        ("The train left on time.\nSource: Wikipedia", []),
    ],
)
def test_the_agency_a_story_credits_at_its_end(text: str, expected: list[str]) -> None:
    assert closing_agencies(text) == expected


def test_an_agency_after_the_last_credit_word() -> None:
    assert credited_agency("mit Material von dpa") == "dpa"
    assert credited_agency("with reporting by AP") == "AP"
    assert credited_agency("with reporting by Jane Doe") is None


_PARAGRAPHS = (
    "<p>Der Stadtrat hat am Dienstagabend nach langer Debatte den Haushalt für den Hafen beschlossen.</p>"
    "<p>Mit sieben zu zwei Stimmen fiel die Entscheidung deutlich aus, wie ein Sprecher der Stadt mitteilte.</p>"
    "<p>Die Arbeiten an der Kaimauer sollen im Frühjahr beginnen und zwei Jahre dauern, sagte die Bürgermeisterin.</p>"
    "<p>Die Opposition kritisierte die Kosten, die seit der ersten Planung deutlich gestiegen seien. {end}</p>"
)


def _page(end: str, byline: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Hafen: Haushalt beschlossen</title></head>'
        f"<body><article><h1>Hafen: Haushalt beschlossen</h1>{byline}{_PARAGRAPHS.format(end=end)}</article></body></html>"
    )


def _authors(page: str) -> list[str]:
    result = extract_page(page, "https://hafen-zeitung.example/lokales/hafen-haushalt-beschlossen-100.html", assume_article=True)
    assert result.fields is not None, result.skip_reason
    assert "Kosten" in result.fields["body"]
    return result.fields["authors"]


def test_a_wire_story_no_byline_credits_is_credited_to_its_closing_agency() -> None:
    assert _authors(_page("(dpa)")) == ["dpa"]
    assert _authors(_page("")) == []


def test_a_byline_wins_over_the_closing_credit() -> None:
    byline = '<p class="byline">Von Jana Schmidt</p>'
    assert _authors(_page("(dpa)", byline)) == ["Jana Schmidt"]


def test_a_reporter_credited_beside_the_agency_in_brackets_is_no_dateline_place() -> None:
    # the byline paragraph is the article's first: read as an opening, it looked like "Berlin (dpa)"
    assert _authors(_page("", '<p class="author">Jana Schmidt (dpa)</p>')) == ["Jana Schmidt", "dpa"]
    # a dateline opens the story's text: its place is still no author
    dateline = '<p class="byline">Berlin</p><p>BERLIN (dpa) - Der Stadtrat hat am Dienstag den Haushalt beschlossen.</p>'
    assert _authors(_page("", dateline)) == ["dpa"]


@pytest.mark.parametrize(
    "byline",
    ["Ein Artikel von Jana Schmidt", "Ein Beitrag von Jana Schmidt", "An article by Jana Schmidt", "Un articolo di Jana Schmidt"],
)
def test_the_pieces_kind_before_the_by_is_no_part_of_the_name(byline: str) -> None:
    assert split_authors(byline, single_words=False) == (["Jana Schmidt"], [])
    assert _authors(_page("", f'<p class="byline">{byline}</p>')) == ["Jana Schmidt"]


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Door onze redacteur Jan de Vries", "Jan de Vries"),
        ("Van onze correspondent in Brussel Jan de Vries", "Jan de Vries"),
        ("Von Jana Schmidt aus Berlin", "Jana Schmidt"),
        ("Door Jan de Vries uit Amsterdam", "Jan de Vries"),
        ("Por Juan Pérez desde Madrid", "Juan Pérez"),
        ("Par Marie Dupont depuis Bruxelles", "Marie Dupont"),
        ("Van Morrison", "Van Morrison"),  # a name, no "by"
    ],
)
def test_our_correspondent_and_the_place_written_from_are_no_part_of_the_name(byline: str, name: str) -> None:
    assert split_authors(byline, single_words=False) == ([name], [])

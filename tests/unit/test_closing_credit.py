"""Issue 11: a wire story credited to its agency at its end ("... sagte er. (dpa)", "dpa/lhe",
"Quelle: AFP") and by no byline is credited to the agency, as a dateline's "Berlin (dpa) -" is.
Only when nothing else is credited; a photo's credit ("© Reuters", "Foto: dpa"), an agency's
name alone on a line (contributors' initials) or a party in brackets is no credit."""

from __future__ import annotations

import pytest

from newsspider.extraction.authors import closing_agencies, credited_agency
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
        ("Contributors to this page:\nOT\nAP", []),  # initials, no credit
        ("The train left.\n© Reuters", []),  # a photo's credit
        ("Der Zug fuhr weiter.\nFoto: dpa", []),
        ("Das beschloss die Partei (SPD).", []),
        ("The train left. (Reporting by Jane Doe; Editing by John Roe)", []),
        ("The train left. (AP Photo/Jane Doe)", []),
        ("The train left.\nAFP/Getty", []),  # a picture agency beside it: a photo's credit
        ("(dpa) The train left.\nIt was late.\nVery late.", []),  # not at the end
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

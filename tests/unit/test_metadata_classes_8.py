"""Issue 11, eighth round: an author-page link that names the person only in the text beside it.
Tried and dropped (wcxb-dev): a personal site's owner from a site name spelling the host ("Polly
Roe" on pollyroe.example: tuning 2 pages right, 15 company sites wrong); a credit linked to a
"/profiles/" or "/people/" page that spells the name (tuning +1, validation -1)."""

from __future__ import annotations

from tests.unit.test_metadata_classes import _meta, _page

# --------------------------------------------------------------------------- author-page links


def test_an_author_page_link_that_names_the_person_beside_it() -> None:
    card = (
        '<div class="card"><div><p>Juliette Carreiro</p><p>Tech Writer</p></div>'
        '<a href="/us/blog/authors/juliette-carreiro">Articles by Juliette</a></div>'
    )
    assert _meta(_page(before=card))["authors"] == ["Juliette Carreiro"]


def test_an_author_page_link_that_spells_a_name_the_card_does_not_print() -> None:
    card = '<div class="card"><p>Tech Writer</p><a href="/us/blog/authors/juliette-carreiro">Articles by Juliette</a></div>'
    assert _meta(_page(before=card))["authors"] != ["Juliette Carreiro"]

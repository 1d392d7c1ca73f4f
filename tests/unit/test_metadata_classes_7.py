"""Issue 11, seventh round: names in scripts without case (CJK, Korean, Arabic), collective
desks, single names after a "By", bylines in a text after a date, and a headline the page
prints with its own separator; one small fixture each."""

from __future__ import annotations

import pytest

from newsspider.extraction.authors import split_authors
from tests.unit.test_metadata_classes import _ld, _meta, _page

# --------------------------------------------------------------------------- caseless scripts


@pytest.mark.parametrize(
    ("head", "lang", "expected"),
    [
        (_ld({"@type": "NewsArticle", "headline": "x", "author": {"@type": "Person", "name": "山田太郎"}}), "ja", ["山田太郎"]),
        (_ld({"@type": "NewsArticle", "headline": "x", "author": {"@type": "Person", "name": "홍길동"}}), "ko", ["홍길동"]),
        ('<meta name="author" content="محمد علي">', "ar", ["محمد علي"]),
        ('<meta name="author" content="राहुल शर्मा">', "hi", ["राहुल शर्मा"]),
        ('<meta name="author" content="김철수 기자">', "ko", ["김철수"]),  # the name before "reporter"
    ],
)
def test_declared_names_in_scripts_without_capitals(head: str, lang: str, expected: list[str]) -> None:
    assert _meta(_page(head, lang=lang))["authors"] == expected


def test_a_korean_byline_names_the_reporter_not_a_lone_word() -> None:
    assert split_authors("이하늘 특파원", single_words=False)[0] == ["이하늘"]
    assert split_authors("서울", single_words=False)[0] == []  # a lone word in markup: a place as often
    assert _meta(_page(before='<p class="byline">김철수 기자</p>', lang="ko"))["authors"] == ["김철수"]


# --------------------------------------------------------------------------- outlets' desks


@pytest.mark.parametrize("desk", ["News Nation Bureau", "Washington Bureau"])
def test_a_bureau_is_credited_as_a_desk_when_no_one_is_named(desk: str) -> None:
    head = _ld({"@type": "NewsArticle", "headline": "x", "author": desk})
    assert _meta(_page(head))["authors"] == [desk]


def test_a_named_person_still_wins_over_a_bureau() -> None:
    head = _ld({"@type": "NewsArticle", "headline": "x", "author": ["News Nation Bureau", {"@type": "Person", "name": "Jane Doe"}]})
    assert _meta(_page(head))["authors"] == ["Jane Doe"]


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("title", "h1"),
    [
        ("Climate Change | Economic Research Service Online", "Climate Change"),
        ("Klimawandel heute | Bundesamt für Landwirtschaft und Ernährung", "Klimawandel heute"),
    ],
)
def test_of_a_title_split_by_a_pipe_the_part_the_h1_prints(title: str, h1: str) -> None:
    assert _meta(_page(f"<title>{title}</title>", h1=h1))["title"] == h1


# --------------------------------------------------------------------------- one word after "By"


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("<p>Posted by David at 11:15 AM</p>", "en", ["David"]),
        ('<div class="byline">Written by Eliz - Product marketer</div>', "en", ["Eliz"]),
        ("<p>Von Kathrin | 05.03.2024</p>", "de", ["Kathrin"]),
        # a label or a filter, not a name: the page writes the word in lower case, or no "By" word
        ('<div class="byline">By Marketing - all posts</div><p>Our marketing team.</p>', "en", []),
        ("<p>Posted by Admin at 11:15 AM</p>", "en", []),
        ('<div class="byline">By Forbes</div>', "en", []),  # a credit line alone: the outlet
    ],
)
def test_one_word_right_after_a_by_is_a_name(byline: str, lang: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline, lang=lang))["authors"] == expected


def test_a_full_name_elsewhere_beats_one_word_after_a_by() -> None:
    byline = '<p>Posted by David at 11:15 AM</p><p class="author">David Roe</p>'
    assert _meta(_page(before=byline))["authors"] == ["David Roe"]


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ('<span class="author">作者：张三</span>', "zh", ["张三"]),
        ('<span class="byline">文：山田太郎</span>', "ja", ["山田太郎"]),
        ('<span class="byline">글: 김철수</span>', "ko", ["김철수"]),
        ('<span class="author">作者 张三</span>', "zh", []),  # no colon: the label is read as a role, no name
    ],
)
def test_an_author_label_before_a_colon_in_cjk_bylines(byline: str, lang: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline, lang=lang))["authors"] == expected


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ('<span class="author">Автор: Иван Петров</span>', "ru", ["Иван Петров"]),
        ('<p class="author">Yazar: Ayşe Yılmaz</p>', "tr", ["Ayşe Yılmaz"]),
        ('<div class="byline">بقلم محمد علي</div>', "ar", ["محمد علي"]),
        ('<div class="byline">Tác giả: Nguyễn Văn An</div>', "vi", ["Nguyễn Văn An"]),
        ('<div class="byline">Иван Петров / ТАСС</div>', "ru", ["Иван Петров", "ТАСС"]),  # an agency in its own script
        ('<div class="byline">김철수 기자 / 연합뉴스</div>', "ko", ["김철수", "연합뉴스"]),
    ],
)
def test_author_labels_and_agencies_in_other_scripts(byline: str, lang: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline, lang=lang))["authors"] == expected


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("<p>Автор: Иван Петров</p>", "ru", ["Иван Петров"]),
        ("<p>作者：张三</p>", "zh", ["张三"]),
        ("<p>Yazar: Ayşe Yılmaz</p>", "tr", ["Ayşe Yılmaz"]),
    ],
)
def test_unmarked_author_lines_in_other_scripts(byline: str, lang: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline, lang=lang))["authors"] == expected


# --------------------------------------------------------------------------- agencies in the dateline

_WIRE = (
    "<p>{dateline} Der Streik der Lokführer hat am Montag weite Teile des Bahnverkehrs lahmgelegt.</p>"
    "<p>Die Gewerkschaft kündigte weitere Streiks an, falls die Bahn kein neues Angebot vorlegt.</p>"
)


@pytest.mark.parametrize(
    ("dateline", "byline", "expected"),
    [
        ("Berlin (dpa) -", "", ["dpa"]),
        ("Frankfurt/Main (dpa/lhe) -", "", ["dpa"]),
        ("BERLIN (AP) —", "", ["AP"]),
        ("Berlin (eigener Bericht) -", "", []),  # no agency in the brackets
        ("Berlin (dpa) -", '<p class="byline">Von Anna Müller</p>', ["Anna Müller"]),  # a byline's person first
    ],
)
def test_a_wire_story_no_byline_credits_is_the_datelines_agencys(dateline: str, byline: str, expected: list[str]) -> None:
    page = _page(before=byline + _WIRE.format(dateline=dateline), lang="de")
    assert _meta(page)["authors"] == expected


# --------------------------------------------------------------------------- a "Text" label


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<div>Text Size - Small</div>', []),  # a font-size button, no label
        ('<div class="tools">Text Size - Small</div>', []),
        ('<p class="byline">Text: Jane Doe</p>', ["Jane Doe"]),
        ('<p class="byline">Text und Fotos: Jane Doe</p>', ["Jane Doe"]),
    ],
)
def test_text_is_a_credit_label_only_before_a_colon_or_a_conjunction(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected

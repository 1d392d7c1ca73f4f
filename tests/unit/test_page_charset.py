"""Pages read from bytes alone (``newsspider extract`` on saved files, ``extract_page(bytes)``)
are decoded in the charset their bytes are in: a page whose server named its charset only in
the HTTP header loses it when saved, and read as UTF-8 it is U+FFFD throughout."""

from __future__ import annotations

import codecs

import pytest

from newsspider.charset import page_encoding, xml_text
from newsspider.extraction import extract_page
from newsspider.extraction.html import decode

RUSSIAN = (
    "Городской совет утвердил новый бюджет порта во вторник вечером после долгих споров. "
    "Деньги пойдут на углубление внутренней гавани, ремонт северного причала и замену фонарей "
    "на волнорезе, которые дважды отказывали во время зимних штормов за последние три года."
)
JAPANESE = (
    "市議会は火曜日の夜、長い議論の末に港の新しい予算を承認した。予算は内港の浚渫、北桟橋の修理、"
    "そして過去三年間の冬の嵐で二度故障した防波堤の照明の交換に充てられる。反対派は地域の補助金が"
    "確定するまで修理を待つべきだと主張したが、市長は桟橋がもう一冬はもたないと述べた。"
)
KOREAN = (
    "시의회는 화요일 저녁 긴 토론 끝에 항구의 새 예산을 승인했다. 예산은 내항 준설과 북쪽 부두 수리, "
    "그리고 지난 삼 년 동안 겨울 폭풍 때 두 번 고장 난 방파제 조명 교체에 쓰인다. 반대하는 쪽은 지역 "
    "보조금이 확정될 때까지 기다려야 한다고 주장했지만 시장은 부두가 한 겨울을 더 버티지 못한다고 말했다."
)


def _page(title: str, text: str, meta: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for _ in range(3))
    return f"<html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


@pytest.mark.parametrize(
    ("text", "charset"),
    [(RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"), (JAPANESE, "shift_jis"), (JAPANESE, "euc_jp"), (KOREAN, "euc_kr")],
)
def test_a_legacy_charset_without_a_meta_is_read_from_the_bytes(text: str, charset: str) -> None:
    data = _page("Порт" if text is RUSSIAN else "港", text).encode(charset)
    assert text in decode(data)  # as UTF-8: U+FFFD throughout
    assert "\ufffd" not in decode(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<html><body><p>plain ascii</p></body></html>", "utf-8"),
        (_page("Порт", RUSSIAN).encode("utf-8"), "utf-8"),  # no meta, valid UTF-8
        (_page("Порт", RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"), "cp1251"),  # the meta fits
        (_page("Café", "Déjà vu: l’été à Zürich", '<meta charset="windows-1252">').encode("utf-8"), "utf-8"),  # a Latin-1 label over UTF-8
        (codecs.BOM_UTF8 + _page("Порт", RUSSIAN, '<meta charset="windows-1251">').encode("utf-8"), "utf-8"),  # the BOM first
        (_page("Café", "Déjà vu", '<meta charset="utf-16">').encode("utf-8"), "utf-8"),  # UTF-16 named over UTF-8 bytes
        (_page("Hello", "plain words", '<meta charset="utf-16">').encode("ascii"), "utf-8"),
        (codecs.BOM_UTF16_LE + _page("Café", "Déjà vu", '<meta charset="utf-16">').encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_page_encoding(data: bytes, expected: str) -> None:
    assert codecs.lookup(page_encoding(data)).name == codecs.lookup(expected).name


def test_a_utf16_meta_in_a_utf8_page_is_read_as_the_html_standard_reads_it() -> None:
    text = decode(_page("Café", "Déjà vu: l’été à Zürich", '<meta charset="utf-16">').encode("utf-8"))
    assert "Déjà vu: l’été à Zürich" in text  # not CJK-looking nonsense: any even-length body "decodes" as UTF-16


def test_a_bom_is_not_left_in_the_text() -> None:
    assert decode(codecs.BOM_UTF8 + b"<html><body><p>x</p></body></html>").startswith("<html>")


def test_extract_page_on_a_windows_1251_page_saved_without_its_charset() -> None:
    result = extract_page(_page("Порт", RUSSIAN).encode("cp1251"), "https://news.example/ru/port", assume_article=True)
    assert result.fields is not None, result.skip_reason
    assert RUSSIAN in result.fields["body"] and result.fields["title"] == "Порт"
    assert result.fields["language"] == "ru"


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-be", "utf-8-sig"])
def test_an_xml_document_is_read_in_any_encoding_xml_allows_with_or_without_a_bom(codec: str) -> None:
    """UTF-32 too, which browsers (and w3lib 2.6's ``read_bom``) do not read: a feed or sitemap
    is XML (XML 1.0, appendix F)."""
    document = '<?xml version="1.0"?><urlset><url><loc>http://news.example/é</loc></url></urlset>'
    for body in (document.encode(codec), codecs.BOM_UTF32_BE + document.encode("utf-32-be")):
        assert xml_text(body) == document, (codec, body[:8])

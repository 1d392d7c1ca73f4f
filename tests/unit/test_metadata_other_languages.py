"""Credits and dates in other languages' forms. Reporter credits in a Korean, Chinese or Japanese story's
text (``metadata.reporters``): each language's standard forms credit the reporter; a role word
inside a sentence, a menu above the headline and pages in other scripts credit no one. A date line
with a month named in another language under the headline. Bylines in other languages' words,
national agencies, site names after other scripts' separators. Every test of something now read
fails on the code before its change (two marked as guards excepted); the tests of what stays
unread are guards."""

from __future__ import annotations

import pytest

from newsspider.extraction import html as html_mod
from newsspider.extraction import jsonld
from newsspider.extraction.metadata import extract_metadata
from newsspider.extraction.metadata.reporters import credited_in_text

URL = "https://news.example.kr/article/20240305000123"
_KO_PARAGRAPHS = [
    "서울시는 오늘 내년부터 시행될 새로운 교통 정책을 발표했다. 시민들의 관심이 크다.",
    "전문가들은 이번 정책이 도심의 교통 혼잡을 크게 줄일 것이라고 전망했다.",
]
_ZH_PARAGRAPHS = ["北京市今天发布了新的交通政策，将于明年起实施。", "专家认为，这项政策将大大缓解城市交通拥堵。"]


def _page(title: str, body: str, *, before_h1: str = "", lang: str = "ko") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{before_h1}<article><h1>{title}</h1>{body}</article></body></html>"
    )


def _authors(page: str) -> list[str]:
    tree = html_mod.parse(page)
    assert tree is not None
    return extract_metadata(tree, URL, jsonld.nodes(tree))["authors"]


def _ko(*lines: str, first: str = "") -> str:
    return "".join(f"<p>{p}</p>" for p in ([first + _KO_PARAGRAPHS[0]] if first else _KO_PARAGRAPHS[:1]) + _KO_PARAGRAPHS[1:] + list(lines))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (_ko("홍길동 기자 hong@example.co.kr"), ["홍길동"]),  # the closing credit line
        (_ko(first="(서울=연합뉴스) 홍길동 기자 = "), ["홍길동"]),  # a wire story's dateline
        (_ko("김철수 특파원"), ["김철수"]),
        (_ko("정덕현 칼럼니스트 writer@example.co.kr"), ["정덕현"]),
        (_ko("이영희 선임기자 lee@example.co.kr"), ["이영희"]),
    ],
)
def test_a_korean_storys_reporter_credit_names_the_author(body: str, expected: list[str]) -> None:
    assert _authors(_page("서울시 새 교통 정책 발표", body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        _ko("시장은 기자회견에서 정책의 목표를 설명했다."),  # a press conference
        _ko("현장에 있던 많은 기자들이 질문을 쏟아냈다."),  # a particle after the role: a sentence
        _ko(first="이날 서울시청에서 열린 행사에는 정책의 세부 내용을 자세히 취재하려는 국내외 여러 언론사의 외신 기자, 시민 단체 관계자들이 참석했다. "),  # deep inside a paragraph
    ],
)
def test_a_korean_role_word_inside_a_sentence_credits_no_one(body: str) -> None:
    assert _authors(_page("서울시 새 교통 정책 발표", body)) == []


def test_a_reporters_menu_above_the_headline_is_no_credit() -> None:
    menu = '<nav><ul><li><a href="/reporters">전체기자</a></li><li><a href="/photo">포토</a></li></ul></nav>'
    assert _authors(_page("서울시 새 교통 정책 발표", _ko(), before_h1=menu)) == []


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("新华社北京3月5日电（记者张三、李四）", ["张三", "李四"]),
        ("（本报记者 王五）", ["王五"]),
        ("記者王小明／台北報導 ", ["王小明"]),
    ],
)
def test_a_chinese_dateline_credit_names_the_reporters(first: str, expected: list[str]) -> None:
    body = f"<p>{first}{_ZH_PARAGRAPHS[0]}</p><p>{_ZH_PARAGRAPHS[1]}</p>"
    assert _authors(_page("北京发布新交通政策", body, lang="zh")) == expected


def test_a_chinese_press_conference_credits_no_one() -> None:
    body = f"<p>{_ZH_PARAGRAPHS[0]}</p><p>市长在记者会上介绍了政策的目标。</p>"
    assert _authors(_page("北京发布新交通政策", body, lang="zh")) == []


def test_a_byline_element_still_wins_over_the_text_credit() -> None:
    byline = '<div class="byline">By Jane Doe</div>'
    assert _authors(_page("서울시 새 교통 정책 발표", byline + _ko("홍길동 기자 hong@example.co.kr"))) == ["Jane Doe"]


def test_pages_in_other_scripts_are_not_searched() -> None:
    """An English page quoting a Korean credit line: the title decides, not a stray text."""
    body = "".join(f"<p>{p}</p>" for p in ["The council approved the harbour budget on Tuesday.", "홍길동 기자 hong@example.co.kr"])
    assert _authors(_page("Council approves harbour budget", body, lang="en")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("홍길동 기자", ["홍길동"]),
        ("사진=홍길동 기자", ["홍길동"]),
        ("기자회견", []),
        ("홍길동 기자는 말했다", []),
        ("（记者 张三）", ["张三"]),
        ("记者会", []),
    ],
)
def test_credited_in_text(text: str, expected: list[str]) -> None:
    assert credited_in_text(text) == expected


def test_a_credit_deep_inside_a_short_korean_sentence_is_none() -> None:
    """Korean is compact: a whole sentence fits in 80 characters, so length says nothing; the
    credit's place (a text's opening or its close) does."""
    sentence = "이날 서울시청에서 열린 행사에는 정책의 세부 내용을 자세히 취재하려는 국내외 여러 언론사의 외신 기자, 시민 단체 관계자들이 참석했다."
    assert credited_in_text(sentence) == []
    assert credited_in_text("이 기사는 서울시청에서 열린 정책 발표 행사를 현장에서 취재해 작성했습니다. 홍길동 기자 hong@example.co.kr") == ["홍길동"]


_EL_PARAGRAPHS = "".join(
    f"<p>{p}</p>" for p in ["Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας.", "Οι ειδικοί εκτιμούν θετική επίδραση."]
)


@pytest.mark.parametrize("line", ["05 Μαρτίου 2024, 10:30", "5. března 2024 10:30", "kedd, 2024. március 5. 10:30"])
def test_a_date_line_with_a_month_in_another_language_dates_the_story_and_marks_the_byline(line: str) -> None:
    """The unmarked lines under the headline: a name, then the date written with a Greek, Czech or
    Hungarian month. Both were missed: the date line was not taken for one."""
    page = (
        '<!DOCTYPE html><html lang="el"><head><meta charset="utf-8"><title>Νέα μέτρα</title></head><body><article>'
        f"<h1>Νέα μέτρα για την οικονομία</h1><div>Γιώργος Παπαδόπουλος</div><div>{line}</div>{_EL_PARAGRAPHS}</article></body></html>"
    )
    tree = html_mod.parse(page)
    assert tree is not None
    found = extract_metadata(tree, "https://news.example.gr/oikonomia/123", jsonld.nodes(tree))
    assert found["published"] == "2024-03-05T10:30:00"
    assert found["authors"] == ["Γιώργος Παπαδόπουλος"]


# --------------------------------------------------------------------------- bylines in other languages

_NEWS_PARAGRAPHS = "".join(
    f"<p>{p}</p>" for p in ["The government announced new measures for the economy today.", "Experts expect a positive effect next year."]
)


def _byline_page(byline: str, lang: str, marks: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>New measures for the economy</title></head>'
        f"<body><article><h1>New measures for the economy</h1><div{marks}>{byline}</div><div>05.03.2024, 10:30</div>"
        f"{_NEWS_PARAGRAPHS}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        ("id", "Penulis: Budi Santoso", ["Budi Santoso"]),  # Indonesian "writer:"
        ("hr", "Piše: Ivan Horvat", ["Ivan Horvat"]),  # South Slavic "writes:"
        ("sl", "Avtor: Janez Novak", ["Janez Novak"]),  # Slovene "author:"
        ("he", "מאת: ישראל ישראלי", ["ישראל ישראלי"]),  # Hebrew "by"
        ("ar", "كتب: محمد أحمد", ["محمد أحمد"]),  # Arabic "wrote:"
        ("fa", "نویسنده: علی رضایی", ["علی رضایی"]),  # Persian "writer:"
        ("th", "โดย สมชาย ใจดี", ["สมชาย ใจดี"]),  # Thai "by"
        ("de", "Ein Kommentar von Max Mustermann", ["Max Mustermann"]),  # a genre, then its writer
        ("en", "Analysis by Jane Doe", ["Jane Doe"]),
        ("fr", "Une chronique de Jean Dupont", ["Jean Dupont"]),
        ("pt", "Por Maria Silva, da Redação", ["Maria Silva"]),  # the newsroom is no second author
    ],
)
@pytest.mark.parametrize("marks", ["", ' class="author"'])
def test_a_byline_in_another_languages_words_names_the_writer(lang: str, byline: str, expected: list[str], marks: str) -> None:
    """Under the headline above the date line, and marked as the author's: both read."""
    tree = html_mod.parse(_byline_page(byline, lang, marks))
    assert tree is not None
    assert extract_metadata(tree, "https://news.example.com/politics/123", jsonld.nodes(tree))["authors"] == expected


@pytest.mark.parametrize("byline", ["Photo by Jane Doe", "Penulis buku ini", "Pierwszy dzień"])
def test_other_lines_opening_alike_are_no_bylines(byline: str) -> None:
    """A photographer, and texts that open like the new labels without their colon."""
    tree = html_mod.parse(_byline_page(byline, "en"))
    assert tree is not None
    assert extract_metadata(tree, "https://news.example.com/politics/123", jsonld.nodes(tree))["authors"] == []


# --------------------------------------------------------------------------- site names after other scripts' separators


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("交通政策を発表：朝日新聞デジタル", "朝日新聞デジタル", "asahi.com", "交通政策を発表"),  # a fullwidth colon
        ("北京发布新交通政策_新华网", "新华网", "xinhuanet.com", "北京发布新交通政策"),  # an underscore
        ("北京发布新交通政策-新浪新闻", "新浪新闻", "sina.com.cn", "北京发布新交通政策"),  # a dash without spaces
        ("Medidas económicas « Diario El País", None, "elpais.com", "Medidas económicas"),  # a left guillemet
        ("首相：新しい経済対策を発表", "日本経済新聞", "nikkei.com", "首相：新しい経済対策を発表"),  # a colon inside the headline stays
    ],
)
def test_a_site_name_after_another_scripts_separator_is_cut_from_the_title(title: str, site: str | None, host: str, expected: str) -> None:
    """A page without an ``<h1>``: the title is the ``<title>``, less the site's name."""
    og = f'<meta property="og:site_name" content="{site}">' if site else ""
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{og}</head><body><article>{_NEWS_PARAGRAPHS}</article></body></html>'
    tree = html_mod.parse(page)
    assert tree is not None
    assert extract_metadata(tree, f"https://www.{host}/news/123", jsonld.nodes(tree))["title"] == expected


# --------------------------------------------------------------------------- national news agencies


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Ahmet Yılmaz/İHA", ["Ahmet Yılmaz", "İHA"]),  # the agency beside the reporter is kept
        ("Kyodo News", ["Kyodo News"]),  # an agency alone is the credit
        ("WAM", ["WAM"]),
    ],
)
def test_a_national_agency_in_the_byline_is_credited(byline: str, expected: list[str]) -> None:
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>New measures</title></head><body><article>'
        f'<h1>New measures for the economy</h1><div class="byline">{byline}</div>{_NEWS_PARAGRAPHS}</article></body></html>'
    )
    tree = html_mod.parse(page)
    assert tree is not None
    assert extract_metadata(tree, "https://news.example.com/politics/123", jsonld.nodes(tree))["authors"] == expected


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("【ワシントン＝山田太郎】", ["山田太郎"]),
        ("【北京＝佐藤花子、鈴木一郎】", ["佐藤花子", "鈴木一郎"]),
    ],
)
def test_a_japanese_dateline_credits_its_reporters(first: str, expected: list[str]) -> None:
    body = f"<p>{first}米政府は5日、新たな経済対策を発表した。</p><p>専門家は景気への好影響を見込んでいる。</p>"
    assert _authors(_page("米政府が新経済対策を発表", body, lang="ja")) == expected


def test_a_bracketed_place_inside_a_japanese_sentence_is_no_dateline() -> None:
    assert credited_in_text("首相は5日、記者会見で【速報＝続報】と述べた") == []


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Von unserem Korrespondenten Max Mustermann", ["Max Mustermann"]),  # "by our correspondent"
        ("Von unserem Korrespondenten in Washington Max Mustermann", ["Max Mustermann"]),
        ("dal nostro inviato Mario Rossi", ["Mario Rossi"]),
        ("From our correspondent in Rome, Jane Doe", ["Jane Doe"]),  # (read before too: a guard)
        ("A cura di Mario Rossi", ["Mario Rossi"]),  # Italian "edited by"
        ("Text: Max Mustermann, Fotos: Erika Musterfrau", ["Max Mustermann"]),  # the photographer is no author
        ("Tekst: Jan Jansen, foto's: Piet Pietersen", ["Jan Jansen"]),
        ("Fotos: Erika Musterfrau, Text: Max Mustermann", ["Max Mustermann"]),
        ("By Jane Doe | Photography: John Roe", ["Jane Doe"]),  # (read before too: a guard)
    ],
)
def test_a_credit_line_names_the_writer_not_the_pictures_maker(byline: str, expected: list[str]) -> None:
    tree = html_mod.parse(_byline_page(byline, "de", ' class="byline"'))
    assert tree is not None
    assert extract_metadata(tree, "https://news.example.com/politics/123", jsonld.nodes(tree))["authors"] == expected


def test_our_newsroom_alone_stays_a_collective_credit() -> None:
    """"Von unserer Redaktion" names no person: it is read as before (the newsroom's credit)."""
    from newsspider.extraction.authors import split_authors

    assert split_authors("Von unserer Redaktion") == ([], ["unserer Redaktion"])


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),  # Russian "and"
        ("Олена Шевченко та Іван Франко", ["Олена Шевченко", "Іван Франко"]),  # Ukrainian
        ("Ahmet Yılmaz ve Mehmet Demir", ["Ahmet Yılmaz", "Mehmet Demir"]),  # Turkish
        ("Budi Santoso dan Siti Aminah", ["Budi Santoso", "Siti Aminah"]),  # Indonesian
        ("Jan Novák a Petr Svoboda", ["Jan Novák", "Petr Svoboda"]),  # Czech
        ("Ion Popescu și Maria Ionescu", ["Ion Popescu", "Maria Ionescu"]),  # Romanian
        ("Γιώργος Παπαδόπουλος και Μαρία Νικολάου", ["Γιώργος Παπαδόπουλος", "Μαρία Νικολάου"]),  # Greek
        ("Nguyễn Văn An và Trần Thị Bình", ["Nguyễn Văn An", "Trần Thị Bình"]),  # Vietnamese
        ("Kovács János és Nagy Péter", ["Kovács János", "Nagy Péter"]),  # Hungarian
        ("Matti Virtanen ja Liisa Korhonen", ["Matti Virtanen", "Liisa Korhonen"]),  # Finnish
        ("محمد أحمد و علي حسن", ["محمد أحمد", "علي حسن"]),  # Arabic
        ("Jane Doe and Dan Smith", ["Jane Doe", "Dan Smith"]),  # a capitalised "Dan" is a name (a guard)
    ],
)
def test_two_authors_joined_by_another_languages_and_are_both_named(credit: str, expected: list[str]) -> None:
    from newsspider.extraction.authors import split_authors

    assert split_authors(credit)[0] == expected

"""Reporter credits written into the story's text in Korean, Chinese and Japanese, where no byline
element names anyone: "홍길동 기자 hong@example.co.kr" closing a Korean story, "(서울=연합뉴스) 홍길동 기자 ="
opening a wire one, "（记者 张三、李四）" in a Chinese dateline, "記者王小明／台北報導" in a
Taiwanese one, "【ワシントン＝山田太郎】" opening a Japanese one.

These are each language's standard credit forms, not one site's. The English-language byline
search does not read them: no "By", the name before its role word, no space between the Chinese
role and the name. A credit is read only in its places: the first characters of a text (a
dateline, a credit line of its own) or its end (a closing credit, an email after it at most); a
role word inside a sentence ("기자회견", "기자들이", "记者会", "외신 기자, 시민 단체...") is no
credit; a Japanese dateline only opens a text. Asked only for pages whose ``<title>`` is written
in Hangul, Han characters or kana, and only when nothing else named an author.
"""

from __future__ import annotations

import re

from lxml import etree

from newsspider.extraction.metadata.page import PageTags
from newsspider.extraction.text import unique_casefolded

_HANGUL = "\uac00-\ud7a3"
_HAN = "\u4e00-\u9fff"
_KANA = "\u3040-\u30ff"
#: A title in one of these scripts: the page may credit its reporter in the text.
_CJK_TITLE = re.compile(f"[{_HANGUL}{_HAN}{_KANA}]")

# Korean: a 2-4 syllable name, a role word ("기자" reporter, "특파원" correspondent; "선임기자",
# "논설위원", "칼럼니스트"...), then the end of the credit: the text's end, an email, "=" (a wire
# story's dateline), a bracket, a separator. A particle after the role ("기자는") makes a sentence.
_KO_ROLE = r"(?:(?:선임|수석|객원|인턴|수습|전문|취재)?기자|특파원|논설위원|칼럼니스트|통신원)"
_KO_CREDIT = re.compile(
    rf"(?:^|(?<=[\s(\[=/|·,]))([{_HANGUL}]{{2,4}})\s?{_KO_ROLE}(?=\s*(?:$|[=\])/|·,]|[\w.+-]+@))"
)
# Chinese: the role before the names, inside brackets ("（记者 张三、李四）", "(本报记者张三)"), or a
# reporter and the place reported from ("記者王小明／台北報導"); names of 2-4 Han characters,
# separated by "、", a space or a comma.
_ZH_NAMES = rf"[{_HAN}]{{2,4}}(?:\s*[、,，\s]\s*[{_HAN}]{{2,4}})*"
_ZH_CREDIT = re.compile(
    rf"[（(]\s*(?:本报|本報|本台|本刊|特约|特約)?(?:记者|記者)\s*[:：]?\s*({_ZH_NAMES})\s*[）)]"
    rf"|(?:^|(?<=\s))(?:本报|本報)?(?:记者|記者)\s*[:：]?\s*({_ZH_NAMES})\s*[／/]"
)
_ZH_SEPARATORS = re.compile(r"\s*[、,，\s]\s*")
# Japanese: a dateline of the place and the reporter opening the story ("【ワシントン＝山田太郎】",
# "【北京＝佐藤花子、鈴木一郎】"); names of 2-8 kanji or kana.
_JA_CREDIT = re.compile(rf"[【\[]\s*[^【】\[\]＝=]{{1,12}}[＝=]\s*((?:[{_HAN}{_KANA}]{{2,8}})(?:\s*[、,，]\s*[{_HAN}{_KANA}]{{2,8}})*)\s*[】\]]")

#: A credit opens a text within this many characters ("(서울=연합뉴스) 홍길동 기자 =") or closes it.
OPENING = 40
# What may follow a closing credit: an email, a closing bracket.
_CLOSING = re.compile(r"\s*(?:[\w.+-]+@\S+)?\s*[)\]）]?\s*$")

_HOLDS_ROLE = (
    "[contains(., '기자') or contains(., '특파원') or contains(., '논설위원') or contains(., '칼럼니스트')"
    " or contains(., '통신원') or contains(., '记者') or contains(., '記者') or contains(., '＝')]"
    "[not(ancestor::script or ancestor::style)]"
)
#: Texts after the headline (a menu above it lists "전체기자", all reporters), else the body's.
_AFTER_HEADLINE = etree.XPath("following::text()" + _HOLDS_ROLE)
_IN_BODY = etree.XPath("//body//text()" + _HOLDS_ROLE)


def credited_in_text(text: str) -> list[str]:
    """The reporters one text credits in its credit places (empty when it credits none)."""
    text = " ".join(text.split())

    def in_place(found: re.Match[str]) -> bool:
        return found.start() <= OPENING or bool(_CLOSING.match(text, found.end()))

    names = [found.group(1) for found in _KO_CREDIT.finditer(text) if in_place(found)]
    for found in _ZH_CREDIT.finditer(text):
        if in_place(found):
            names += [name for name in _ZH_SEPARATORS.split(found.group(1) or found.group(2)) if name]
    if found := _JA_CREDIT.match(text):  # the dateline opens the story's text
        names += [name for name in _ZH_SEPARATORS.split(found.group(1)) if name]
    return names


def text_credits(tags: PageTags) -> list[str]:
    """The reporters the first crediting text after the headline of a Korean, Chinese or Japanese page
    names (the story's own credit comes before a rail's below it); empty for other pages."""
    titles = tags("title")
    if not titles or not _CJK_TITLE.search(titles[0].text or ""):
        return []
    headline = tags.headline()
    for node in _AFTER_HEADLINE(headline) if headline is not None else _IN_BODY(tags.tree):
        if names := credited_in_text(node):
            return unique_casefolded(names)
    return []

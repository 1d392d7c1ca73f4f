"""Publication and modification dates, to the minute with their UTC offset where the page gives one."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsspider.dates import has_date, made_precise, most_precise, normalize_date, url_day, zone_country_by_offsets
from newsspider.extraction import jsonld
from newsspider.extraction.html import text_of
from newsspider.extraction.metadata.page import Meta, PageTags

_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished", "publishdate", "pubdate", "publish-date",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "datemodified", "last-modified", "dcterms.modified")
# A <time> (or its line) marked as the update: never the publication date.
_UPDATED = re.compile(
    r"updat|modif|revis|aktualisiert|geändert|actualiz|mis\s+à\s+jour|màj|bijgewerkt|aggiornat|atualizad|zaktualizowan"
    # Slavic "aktualizacja"/"aktualizováno"/"ažurirano"/"posodobljeno"/"обновлено"/"оновлено"; Nordic
    # "uppdaterad"/"oppdatert"/"opdateret"/"päivitetty"; "güncellendi", "frissítve", "ενημερώθηκε",
    # "atnaujinta", "atjaunināts", "uuendatud", "更新", "수정"
    r"|aktualiz|ažurir|posodob|обнов|оновл|актуализ|uppdater|oppdater|opdater|päivitet|güncellen|frissít|ενημερ"
    r"|atnaujint|atjaunin|uuenda|更新|수정",
    re.I,
)
_PUBLISHED_MARK = re.compile(r"publi|pubdate|posted|created|veröffentlicht|erschienen", re.I)


def _label(element: HtmlElement) -> str:
    """The words right before an element and its own first words ("Updated", "Aktualisiert am")."""
    previous = element.getprevious()
    if previous is not None:
        before = text_of(previous) + " " + (previous.tail or "")
    else:
        parent = element.getparent()
        before = (parent.text or "") if parent is not None else ""
    return before[-40:] + " " + (element.text or "")[:40]


def _time_elements(tags: PageTags) -> tuple[list[str], list[str], list[str]]:
    """``<time datetime>`` values: (marked as published, others inside the article, others
    elsewhere); a time marked or labelled as an update ("Updated", "Aktualisiert") is left out."""
    marked: list[str] = []
    inside: list[str] = []
    outside: list[str] = []
    for element in itertools.islice((t for t in tags("time") if t.get("datetime")), 12):
        value = element.get("datetime")
        parent = element.getparent()
        own = " ".join(filter(None, (element.get("class"), element.get("itemprop"))))
        marks = own + " " + ((parent.get("class") or "") if parent is not None else "")
        # "entry-date published updated": WordPress marks a post never updated as both
        if not _PUBLISHED_MARK.search(own) and (_UPDATED.search(marks) or _UPDATED.search(_label(element))):
            continue
        in_article = any(a.tag == "article" for a in element.iterancestors())
        if element.get("pubdate") is not None or (in_article and _PUBLISHED_MARK.search(marks)):
            marked.append(value)
        elif in_article:
            inside.append(value)
        else:
            outside.append(value)
    return marked, inside, outside


_DATE_CLASS = re.compile(r"date|time|publish|posted", re.I)  # "Author_publicationTime__F2lab": CSS modules write camelCase
_NOT_DATE_LINES = frozenset({"body", "html", "article", "main", "script", "style"})


def _date_lines(tree: HtmlElement) -> Iterator[str]:
    """Short texts of elements whose class names a date or a time ("5. März 2024, 10:30 Uhr"),
    except those of an update."""
    found = 0
    for element in tree.iterfind(".//*[@class]"):
        marks = element.get("class")
        if element.tag in _NOT_DATE_LINES or not _DATE_CLASS.search(marks):
            continue
        found += 1
        text = text_of(element, 81)  # the whole text when 80 characters or fewer
        if 6 <= len(text) <= 80 and not _UPDATED.search(text) and not _UPDATED.search(marks):
            yield text
        if found >= 8:
            return


_ITEMPROP_DATES = ("datePublished", "dateModified")
#: The elements of ``.//*[@itemprop]`` whose itemprop may name a date (a substring test in C: the
#: rest name none; a Python walk of every element costs 0.27 ms a page).
_DATE_ITEMPROPS = etree.XPath("descendant::*[@itemprop[contains(., 'datePublished') or contains(., 'dateModified')]]")


def page_dates(
    article: dict[str, Any] | None, meta: Meta, tags: PageTags, graph: list[dict[str, Any]] = (), country: str | None = None
) -> tuple[str | None, str | None, list[str]]:
    """(published, modified, the ``<time datetime>`` values outside the article): the first field
    that gives each, made more precise by a later field that agrees with it (the time of a bare
    day, the offset of a naive time). ``<time>`` elements outside the article and the other markup
    only add precision (:func:`with_time`), they never give the date alone; a page without an article
    node is dated by its ``WebPage`` node. ``country``: the page's, for a zone name several zones
    share ("IST")."""
    published_candidates: list[Any] = []
    modified_candidates: list[Any] = []
    itemprops: dict[str, str] = {}
    for element in tags.marked.itemprops if tags.marked is not None else _DATE_ITEMPROPS(tags.tree):
        # itemprop="datePublished dateCreated"; the value in an attribute or as the element's text
        names = [name for name in (element.get("itemprop") or "").split() if name in _ITEMPROP_DATES]
        if not names:
            continue  # (the value, maybe an articleBody's text, is not read)
        value = element.get("datetime") or element.get("content") or (text_of(element, 60) if element.tag != "meta" else "")
        for name in names:
            if value:
                itemprops.setdefault(name.lower(), value)
    # Without an article node, the page's own node dates it (a Yoast WebPage): not htmldate's guess
    dated = article or next((n for n in graph if n.get("datePublished") and any(t.endswith("Page") for t in jsonld.types_of(n))), None)
    if dated:
        published_candidates += [jsonld.first_string(dated.get("datePublished")), jsonld.first_string(dated.get("dateCreated"))]
        modified_candidates.append(jsonld.first_string(dated.get("dateModified")))
    marked, inside, outside = _time_elements(tags)
    published_candidates += [meta.first(key) for key in _PUBLISHED_META]
    published_candidates += [itemprops.get("datepublished"), *marked[:2], *inside[:1]]
    # other publication-named <meta> ("published", "cXenseParse:publishtime"): after the usual fields
    published_candidates += [values[0] for values in itertools.islice(_other_published_meta(meta), 2)]
    modified_candidates += [meta.first(key) for key in _MODIFIED_META] + [itemprops.get("datemodified")]
    raw = [d for d in published_candidates if d]
    normal = [normalize_date(d, country) for d in raw]
    modified_normal = [normalize_date(d, country) for d in modified_candidates if d]
    if by_offsets := zone_country_by_offsets([str(d) for d in raw], normal + modified_normal, country):
        normal = [normalize_date(d, by_offsets) for d in raw]  # "1:38 pm IST" beside a "+05:30"
    return most_precise(normal), most_precise(modified_normal), outside


# A name (meta, hidden input, script data key) for the instant of publication ("cXenseParse:publishtime",
# "published_date", "publishedAt", "published_on", "postDate"), not for an update or a publisher.
_PUBLISHED_NAME = re.compile(r"publish(?!er)|publication|pub_?date|post_?date|posted_?(?:at|on|date)", re.I)
_NOT_PUBLISHED_NAME = re.compile(r"modif|updat|edit|expir|unpublish|revi|schedul|embargo|end_?date", re.I)
# In script data: a key, a colon or an equals sign, a quote, then the ISO time ('"publishedAt":"',
# 'published_on:"', '\\"postDate\\":\\"'); matched on the text right before the day.
_KEY_BEFORE = re.compile(r"""([A-Za-z_$][\w$.:-]{1,40})\\?["']?\s*[:=]\s*\\?["']$""")
_ISO_TIME_AT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _published_name(name: str) -> bool:
    return _PUBLISHED_NAME.search(name) is not None and _NOT_PUBLISHED_NAME.search(name) is None


def _other_published_meta(meta: Meta) -> Iterator[list[str]]:
    """The values of each publication-named ``<meta>`` outside the usual fields ("published",
    "cXenseParse:publishtime")."""
    return (values for key, values in meta.values.items() if key not in _PUBLISHED_META and _published_name(key))


def _keyed_times(text: str, day: str) -> Iterator[str]:
    """ISO times on ``day`` that script data (JSON, a JS object, escaped JSON) gives under a
    publication key."""
    start = text.find(day)
    for _ in range(50):
        if start < 0:
            return
        key = _KEY_BEFORE.search(text, max(0, start - 50), start)
        if key and _published_name(key.group(1)) and (value := _ISO_TIME_AT.match(text, start)):
            yield value.group()
        start = text.find(day, start + 10)


def _marked_times(tags: PageTags, meta: Meta, day: str) -> Iterator[str]:
    """Times on ``day`` the markup gives under a publication name outside the usual fields: other
    ``<meta>`` names, hidden inputs, script data. (Every attribute, for ``data-publish-date`` and
    JSON in an attribute, costs 0.6 ms a page for one tuning page: not read.)"""
    for values in _other_published_meta(meta):
        yield from values
    for element in tags("input"):  # <input type="hidden" class="published_date" value="…">
        names = " ".join(filter(None, (element.get("name"), element.get("id"), element.get("class"))))
        if element.get("type") == "hidden" and (element.get("value") or "").startswith(day) and _published_name(names):
            yield element.get("value")
    for script in tags("script"):
        if script.text and day in script.text and script.get("type") != "application/ld+json":
            yield from _keyed_times(script.text, day)


def with_time(
    published: str | None,
    tags: PageTags,
    meta: Meta,
    graph: list[dict[str, Any]],
    article: dict[str, Any] | None,
    outside: list[str],
    country: str | None = None,
) -> str | None:
    """``published`` made more precise by markup that writes the same instant with a time (an
    offset): ``<time>`` elements outside the article, the other JSON-LD nodes' publication dates
    (a ``WebPage``, a ``ClaimReview``), publication-named meta, hidden inputs and script data, the
    date line ("5. März 2024, 10:30 Uhr"); whether ``published`` came from a field or from htmldate.
    None of them when they write different times on that day (:func:`made_precise`)."""
    if not published or (len(published) > 19 and published[-6] in "+-"):
        return published
    day = published[:10]
    others = [
        jsonld.first_string(n.get(key))
        for n in graph
        if n is not article
        for key in ("datePublished", "dateCreated")
        if n.get(key)
    ]
    extras = [normalize_date(d, country) for d in [*outside, *others[:3], *_marked_times(tags, meta, day)] if d]
    if len(published) == 10:
        lines = list(_date_lines(tags.tree))
        if (line := _headline_line(tags)) is not None:
            lines.append(line)  # the date line under the headline, unmarked: "05.03.2024, 10:30 Uhr"
        country = zone_country_by_offsets(lines, extras, country) or country  # "10:30 IST" beside a "+05:30"
        extras += [normalize_date(line, country) for line in lines]
    return made_precise(published, extras)


def headline_date(tags: PageTags, country: str | None = None, url: str = "") -> str | None:
    """The date a short line beside the headline writes ("Published on Oct 21, 2025", "Jane Doe ·
    Dec 17, 2025"), not an update's: the line nearest the ``<h1>``, among the few elements after
    and before it and its parents'. A slashed date read month first ("03/10/2023": March 10) that
    is the URL's day day first (``/2023/october/03/``) is read day first."""
    found = _headline_line_date(tags, country)
    day = url_day(url) if found else None
    if found and day and found[:10] != day and f"{found[:5]}{found[8:10]}-{found[5:7]}" == day:
        return day + found[10:]
    return found


def _headline_line_date(tags: PageTags, country: str | None = None) -> str | None:
    line = _headline_line(tags)
    return None if line is None else normalize_date(line, country)


def _headline_line(tags: PageTags) -> str | None:
    """The short line nearest the headline that writes a date, not an update's (see :func:`headline_date`)."""
    node = tags.headline()
    for _ in range(3):
        if node is None or node.tag in _NOT_DATE_LINES:
            return None
        for element in [*itertools.islice(node.itersiblings(), 4), *itertools.islice(node.itersiblings(preceding=True), 2)]:
            if not isinstance(element.tag, str) or element.tag in _NOT_DATE_LINES:
                continue
            text = text_of(element, _DATE_LINE_CHARS + 1)
            if len(text) <= _DATE_LINE_CHARS and not _UPDATED.search(text) and has_date(text):
                return text
        node = node.getparent()
    return None


_DATE_LINE_CHARS = 100

# A line opening with a publication label ("Published: 5 March 2024", "Veröffentlicht am 05.03.2024",
# "기사입력 : 2018-08-25 15:24", "发布时间：2024-03-05 10:30"), in 25 languages; never an update's
# ("Updated", "수정": a different label).
_PUBLISHED_LABEL = re.compile(
    r"(?:(?:first\s+|date\s+)?(?:published|posted)(?:\s+(?:on|at|date))?|publication\s+date|publish\s+date"
    r"|(?:veröffentlicht|erschienen|publiziert|erstellt)(?:\s+am)?|(?:publié|mis\s+en\s+ligne)(?:\s+le)?|date\s+de\s+publication"
    r"|publicad[oa](?:\s+(?:el|em|en|a\s+las))?|fecha\s+de\s+publicación|data\s+de\s+publicação|pubblicat[oa](?:\s+il)?"
    r"|gepubliceerd(?:\s+op)?|opublikowano|publikováno|zveřejněno|objavljeno|опубликовано|дата\s+публикации|опубліковано"
    r"|yayınlanma(?:\s+tarihi)?|yayın\s+tarihi|publicerad|publiceret|publisert|julkaistu|megjelent|publicat"
    r"|δημοσιεύθηκε|δημοσίευση|diterbitkan|dipublikasikan|ngày\s+đăng|đăng\s+lúc|기사입력|입력|등록"
    r"|公開日|配信日|掲載日|投稿日|发布时间|發佈時間|發布時間|发布日期|发表时间|發表時間|نشر\s+في|تاريخ\s+النشر|פורסם|เผยแพร่|تاریخ\s+انتشار)"
    r"(?!\w)",
    re.I,
)
_LABELLED_DATE_CHARS = 60  # read after the label, its line and the next ones
# The body's text nodes, and those of its scripts and styles, as plain strings (an XPath leaving
# the scripts out, ``[not(ancestor::script or ancestor::style)]``, costs four times as much).
_BODY_TEXTS = etree.XPath("//body//text()", smart_strings=False)
_HIDDEN_TEXTS = etree.XPath("//body//script//text() | //body//style//text()", smart_strings=False)
# The texts of the page's comments (a container whose class or id names them): a reader's
# "Posted on March 3, 2024" dates the comment, not the story.
_COMMENT_TEXTS = etree.XPath(
    "//body//*[contains(@class, 'omment') or contains(@id, 'omment')]//text()", smart_strings=False
)


def labelled_date(tree: HtmlElement, country: str | None = None) -> str | None:
    """The date after the first line of the page that opens with a publication label
    ("Published: 5 March 2024", "기사입력 :[ 2018-08-25 15:24 ]"), in that line or the next
    texts; up to an update's label. A label inside a sentence ("The study, published on March 5")
    is no such line, nor a script's text or a comment's. For a page whose markup dates nothing and whose
    headline has no date line beside it (no ``<h1>``: a ``<dt>`` headline)."""
    texts = _BODY_TEXTS(tree)
    # each distinct string tested once; most pages have no such line and are done here
    labelled = {text for text in set(texts) if _PUBLISHED_LABEL.match(text.lstrip())}
    if not labelled:
        return None
    hidden = set(_HIDDEN_TEXTS(tree)) | set(_COMMENT_TEXTS(tree))
    for index, text in enumerate(texts):
        if text not in labelled or text in hidden:
            continue
        line = text.lstrip()
        label = _PUBLISHED_LABEL.match(line)
        following = [t for t in texts[index + 1 : index + 8] if t not in hidden][:3]
        after = " ".join(" ".join([line[label.end():], *following]).split())[:_LABELLED_DATE_CHARS]
        after = _UPDATED.split(after, maxsplit=1)[0].strip(" :：[]()|-–—,")
        if after and has_date(after) and (found := normalize_date(after, country)):
            return found
    return None


def htmldate_published(tree: HtmlElement, url: str) -> str | None:
    """Last resort: htmldate's markup stages (date precision only), in ``find_date``'s order: the
    URL, JSON in scripts, ``<abbr>``, its date-marked elements, the title and ``<h1>``, ``<time>``.

    Not ``find_date`` itself, which also reads the meta tags our readers did not take (mostly a
    modified time, a copyright year) and then searches the serialised page and its text for any
    date: on the dev corpora those answers are mostly not the publication day, and they are about
    half its time (docs/benchmarks.md, "htmldate's markup stages only"). The stages are htmldate's
    own functions, outside its documented API: pyproject.toml pins the minor version they were read
    in, and tests/unit/test_htmldate_stages.py checks them against ``find_date``."""
    from newsspider.extraction.metadata import markupdate  # imported lazily: loading htmldate costs time at start

    try:
        found = markupdate.markup_date(tree, url)
    except (ValueError, TypeError):
        return None
    return normalize_date(found) if found else None


"""What a URL's shape says about its page: article (date, id, long slug) or index/static page.

One source of this knowledge for both the extractor's page classification
(:mod:`newsspider.extraction.classify`) and the crawler's link scoring
(:mod:`newsspider.discovery.scoring`). Pure functions, no Scrapy imports.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Path segments of index pages: /tag/x, /category/x, /section/x, /author/x, /page/2 ...
INDEX_SEGMENTS = re.compile(
    r"^(?:tags?|topics?|category|categories|section|sections|author|authors|authors?-\w+|archive|archives|page|search|"
    r"themen?|thema|schlagwort|rubrik|ressort|autor|autoren|rubrique|auteur|categorie|catégorie|etiqueta|etiquetas|seccion|sección|categoria|autor)$",
    re.I,
)
DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?(?:/|-|$)|(?:19|20)\d{6}")
NUMERIC_ID = re.compile(r"(?:^|[/_.-])(?:[a-z]{0,3})?\d{5,}(?:[/_.-]|$)|[/-]\d{3,}(?:\.html?)?$|/\d{3,}/", re.I)
ID_QUERY = re.compile(r"(?:^|&)(?:id|idx|p|aid|articleid|article_id|story_id|storyid|newsid|news_id|no|nid)=\d+", re.I)
# Static pages of every site: never an article unless the markup says so.
STATIC_SLUGS = re.compile(
    r"^(?:about|about-us|contact|contact-us|imprint|impressum|privacy|privacy-policy|terms|terms-of-service|terms-of-use|"
    r"datenschutz|kontakt|ueber-uns|uber-uns|mentions-legales|a-propos|qui-sommes-nous|aviso-legal|quienes-somos|contacto|"
    r"politica-de-privacidad|careers|jobs|faq|help|team|advertise|subscribe|newsletter|login|register|sitemap|search)(?:\.html?|\.php)?$",
    re.I,
)


def path_segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/") if s]


def url_is_index_or_static(url: str) -> bool:
    """Home page, /tag/x, /category/x/page/2, /about/ ..."""
    segments = path_segments(url)
    if not segments:
        return not ID_QUERY.search(urlsplit(url).query)
    if any(INDEX_SEGMENTS.match(s) for s in segments[:-1]) or INDEX_SEGMENTS.match(segments[0]):
        return True
    return bool(STATIC_SLUGS.match(segments[-1]))


def url_looks_like_article(url: str) -> bool:
    """Date, numeric id or a long slug in the path; never an index or static page."""
    if url_is_index_or_static(url):
        return False
    parts = urlsplit(url)
    if DATE_IN_PATH.search(parts.path) or NUMERIC_ID.search(parts.path) or ID_QUERY.search(parts.query):
        return True
    segments = path_segments(url)
    slug = re.sub(r"\.(?:html?|php|aspx?|shtml)$", "", segments[-1], flags=re.I)
    return len(re.split(r"[-_]+", slug)) >= 4 or len(slug) >= 35


# --------------------------------------------------------------------------- canonical URLs

# Paths every site serves its home page under.
_HOME_FILES = re.compile(r"^(?:index|default|home|start|main)(?:\.(?:html?|php|aspx?|jsp|shtml))?$", re.I)
# What a page's path may add to its article's path: an AMP or print view, a page of the article.
_VIEW_SUFFIX = re.compile(r"^(?:amp|print|page|all|full|comments?|\d{1,3})$", re.I)
_FILE_NAME = re.compile(r"\.(?:html?|php|aspx?|jsp|shtml)$", re.I)
_LONG_ID = re.compile(r"\d{5,}")


def is_home_page(url: str) -> bool:
    """The site's root (``/``, ``/index.html``, ``/home``), not an ``/?p=123`` shortlink."""
    segments = path_segments(url)
    if len(segments) > 1 or (segments and not _HOME_FILES.match(segments[0])):
        return False
    return not ID_QUERY.search(urlsplit(url).query)


def _segment_names_a_page(segment: str) -> bool:
    """A file name, a long numeric id or a long slug: one story, not a section or a date."""
    stem = _FILE_NAME.sub("", segment)
    if _FILE_NAME.search(segment) and not _HOME_FILES.match(segment):
        return True
    return bool(_LONG_ID.search(segment)) or len(re.split(r"[-_]+", stem)) >= 4 or len(stem) >= 35


def trusted_canonical(url: str, canonical: str) -> bool:
    """Does ``canonical`` name a page like the one at ``url``, so records may be keyed by it?

    Not trusted: the home page (of any site), and an ancestor of the page's own path that names
    a section rather than a story (``/world/`` or ``/world/2024/`` for
    ``/world/2024/05/story-slug``): templates that print one canonical for every page of a site
    or a section would make all its articles "duplicates" of one. An ancestor is trusted when its
    last segment names one story (file name, 5+ digit id, slug of 4+ words or 35+ characters) or
    the page only adds a view to it (``/amp``, ``/print``, a page number). A canonical on another
    site is trusted otherwise: syndicated copies name their original.
    """
    if not canonical.strip():
        return False
    if is_home_page(canonical):
        return False
    own, theirs = path_segments(url), path_segments(canonical)
    if theirs and len(theirs) < len(own) and own[: len(theirs)] == theirs:
        rest = own[len(theirs) :]
        return _segment_names_a_page(theirs[-1]) or all(_VIEW_SUFFIX.match(s) for s in rest)
    return True

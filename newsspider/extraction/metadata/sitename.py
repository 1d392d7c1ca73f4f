"""The site's own name: what a title's suffix or an author credit may name instead of a story or a person."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from anyascii import anyascii

from newsspider.extraction import jsonld
from newsspider.extraction.metadata.page import Meta
from newsspider.extraction.text import plain_text, squash
from newsspider.textlength import UNSPACED_RANGES, word_count
from newsspider.urls import site_host

#: A bar between a headline and the site's name, either fullwidth (``見出し｜サイト名``) or an ASCII
#: ``|`` next to a character of a script written without spaces (``标题|网站``, ``标题 |网站``):
#: such titles have no spaces around it, and a bar is never inside a headline.
_PIPE = f"\\s*｜\\s*|\\s*\\|\\s*(?=[{UNSPACED_RANGES}])|(?<=[{UNSPACED_RANGES}])\\s*\\|\\s*"
#: A fullwidth colon, an underscore or a dash next to a character of a script written without
#: spaces (``見出し：サイト名``, ``标题_网站``, ``标题-网站``): such titles' other separators. Only a site
#: name after one is cut (:func:`is_site_name`); a colon inside a headline stays.
_UNSPACED_MARKS = f"\\s*[：_]\\s*(?=[{UNSPACED_RANGES}])|(?<=[{UNSPACED_RANGES}])\\s*[：_-]\\s*"
#: Between a headline and the site's name: Latin marks with spaces around them, or a bar (:data:`_PIPE`).
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:·•»«-]\s+|\s+::\s+|\s+//\s+|" + _PIPE + "|" + _UNSPACED_MARKS)
_PIPES = re.compile(r" \| |" + _PIPE)
_SEPARATOR_CHARS = " |｜–—:·•»«-/：_"  # stripped from a title's end where a site name was cut off


_GENERIC_LABELS = frozenset({"www", "com", "org", "net", "gov", "edu", "co", "ac", "news", "blog", "blogs", "amp", "m", "mobile"})


def url_host_label(url: str) -> str:
    """The host's distinctive label: ``tageszeitung`` for www.tageszeitung.it, ``nzz`` for www.nzz.ch."""
    labels = [label for label in (urlsplit(url).hostname or "").split(".")[:-1] if label not in _GENERIC_LABELS]
    return max(labels, key=len) if labels else ""


def url_host_suffix(url: str) -> str:
    """The host's last label: ``de`` for www.sueddeutsche.de."""
    return (urlsplit(url).hostname or "").rsplit(".", 1)[-1]


#: German umlauts as German host names spell them (Süddeutsche: sueddeutsche.de); anyascii drops the dots.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def ascii_spellings(text: str) -> list[str]:
    """``text`` as an ASCII host name may spell it: transliterated by anyascii ("Hürriyet" ->
    "Hurriyet", "Η ΚΑΘΗΜΕΡΙΝΗ" -> "I KAThIMERINI", "Коммерсантъ" -> "Kommersant'"), and with German
    umlauts written out ("Süddeutsche" -> "Sueddeutsche"). Host names are ASCII (or punycode),
    a site's name in its title or byline is written in its own script."""
    spellings = [anyascii(text)]
    umlauts = text.translate(_UMLAUTS)
    if umlauts != text:
        spellings.append(anyascii(umlauts))
    return spellings


def _holds_host_label(words: list[str], host_label: str) -> bool:
    """The ASCII ``words`` are the host's label in whole words and perhaps a desk or an edition
    after it: "CNN Business" on cnn.com, "Le Monde Afrique" on lemonde.fr, "NRK Norge" on nrk.no."""
    return len(host_label) >= 2 and any(squash(" ".join(words[:n])) == host_label for n in range(1, len(words) + 1))


def is_site_name(part: str, names: set[str], host_label: str, min_initials: int = 3) -> bool:
    """``part`` (the end of a title) names the site: one of its declared names, a name holding the
    host's label at an end ("Die Neue Südtiroler Tageszeitung" on tageszeitung.it, "Hürriyet" on
    hurriyet.com.tr), the label and a desk after it ("NRK Norge" on nrk.no), or whose initials are the
    host's label ("Neue Zürcher Zeitung" on nzz.ch; ``min_initials``: the shortest label read so).
    (Pass no ``host_label`` for the start of a title: there a name holding it is as often a series
    name: "Example Weekly #18 - ...")"""
    key = squash(part)
    if not key:
        return False
    if key in names:
        return True
    if not host_label:
        return False
    if len(part.split()) > _SITE_NAME_MAX_WORDS:
        return False
    for spelling in ascii_spellings(part):
        words = spelling.split()
        key = squash(spelling)
        initials = "".join(w[0] for w in words if w[:1].isalpha()).casefold()
        if (
            _holds_host_label(words, host_label)
            or (len(host_label) >= 5 and (key.startswith(host_label) or key.endswith(host_label)))
            or (len(words) >= 2 and len(host_label) >= min_initials and initials == host_label)
        ):
            return True
    return False


_SITE_NAME_MAX_WORDS = 6


#: A domain name as a title's last part ("SZ.de", "n-tv.de", "Bild.de"): the site's own name.
_DOMAIN_NAME = re.compile(r"(?:[^\W_][\w-]*\.)+([a-z]{2,6})", re.I)


def _names_a_domain(part: str, host_suffix: str) -> bool:
    """``part`` is a domain name ending as the page's host does ("SZ.de" on sueddeutsche.de; not
    "Node.js" on a .com page)."""
    m = _DOMAIN_NAME.fullmatch(part.strip())
    return bool(m and host_suffix and m[1].casefold() == host_suffix)


def strip_site_suffix(title: str, site_names: list[str], h1: str | None, host_label: str = "", host_suffix: str = "") -> str:
    """Drop " | Site Name" style pre/suffixes (each end as long as it names the site, or is a
    domain name ending in ``host_suffix``, the host's last label)."""
    if h1 and h1 != title and h1 in title and len(h1) >= 0.4 * len(title):
        rest = title.replace(h1, "", 1).strip()
        if not rest or _TITLE_SEPARATORS.fullmatch(" " + rest + " ") or re.fullmatch(r"[|｜–—:·•»-]\s*.*|.*\s*[|｜–—:·•»-]", rest):
            return h1
    names = {squash(n) for n in site_names if n}
    for name in site_names:  # "example.com Story": a domain name glued to the headline by a space
        if "." in name and len(name) >= 5 and title.casefold().startswith(name.casefold() + " "):
            title = title[len(name) :].lstrip(_SEPARATOR_CHARS)
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # Known site name at either end ("World Affairs Daily" matches worldaffairs-daily.example).
    if is_site_name(parts[-1], names, host_label) or _names_a_domain(parts[-1], host_suffix):
        return strip_site_suffix(title[: title.rfind(parts[-1])].rstrip(_SEPARATOR_CHARS), site_names, h1, host_label, host_suffix)
    if is_site_name(parts[0], names, ""):
        return strip_site_suffix(title[len(parts[0]) :].lstrip(_SEPARATOR_CHARS), site_names, h1, host_label, host_suffix)
    # A pipe almost always separates the site name; keep the part the <h1> prints, else the longest.
    pieces = [piece.strip() for piece in _PIPES.split(title)]
    if len(pieces) > 1:
        # a piece that begins a site name is it, shortened ("Example Marketing" of "Example Marketing Agency")
        kept = [p for p in pieces if word_count(p) < 2 or not any(n.startswith(squash(p)) for n in names)] or pieces
        return next((piece for piece in pieces if h1 and squash(piece) == squash(h1)), max(kept, key=len))
    return title


def declared_site_names(meta: Meta, graph: list[dict[str, Any]], url: str, article: dict[str, Any] | None = None) -> list[str]:
    names = [meta.first("og:site_name", "application-name", "twitter:site") or ""]
    if article:
        names.append(jsonld.first_string(article.get("publisher")) or "")
    for node in graph:
        if jsonld.types_of(node) & {"WebSite", "Organization", "NewsMediaOrganization"}:
            if isinstance(node.get("name"), str):
                names.append(node["name"])
    host = site_host(url)
    names += [host, host.split(".")[0]]
    return [plain_text(n).lstrip("@") for n in names if n]


"""Bytes -> text -> one lxml tree, and the "is this HTML at all?" check.

Everything downstream works on the single tree parsed here, so a page is parsed once.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError
from lxml.html import HtmlElement
from w3lib.encoding import html_to_unicode

from newsspider.charset import page_encoding
from newsspider.extraction import linear_xpath

# Magic numbers of payloads a crawler meets behind article-looking URLs (documents,
# images, archives, media). Checked on the raw bytes before any decoding.
_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"RIFF",  # WEBP / WAV / AVI
    b"PK\x03\x04",  # zip, docx, epub
    b"\x1f\x8b",  # gzip
    b"ID3",  # mp3
    b"OggS",
    b"\x00\x00\x00",  # mp4/ftyp, ico, many binary formats
    b"%!PS",
    b"{\\rtf",
)

_MARKUP = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|div|p|article|main|section|title|meta)\b", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

# Elements with linear-time XPath for trafilatura's paragraph-text query (see linear_xpath).
_PARSER = linear_xpath.parser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)


def decode(data: bytes | str) -> str:
    """Decode page bytes the way a browser would (BOM, meta charset), checked against the bytes
    (:func:`newsspider.charset.page_encoding`: a page saved without its server's charset header)."""
    if isinstance(data, str):
        return data
    _, text = html_to_unicode(f"text/html; charset={page_encoding(data)}", data)
    return text


def is_binary(data: bytes | str) -> bool:
    """True for payloads that are clearly not text (PDF, images, archives...)."""
    head = data[:16] if isinstance(data, bytes) else data[:16].encode("latin-1", "replace")
    if head.lstrip().startswith(_BINARY_SIGNATURES) or head.startswith(_BINARY_SIGNATURES):
        return True
    sample = data[:2048]
    # Many NUL and control bytes mean binary (UTF-16 without BOM is not served as HTML); a stray
    # one in a page (a NUL in a link) does not.
    codes = sample if isinstance(sample, bytes) else sample.encode("latin-1", "replace")
    controls = sum(1 for b in codes if b < 9 or 13 < b < 32)
    return controls > len(codes) * 0.05


def looks_like_html(text: str) -> bool:
    """True when the text contains at least one HTML structural tag."""
    return bool(_MARKUP.search(text[:65536]))


def parse(text: str) -> HtmlElement | None:
    """Parse a decoded page into an lxml HTML tree; None when lxml cannot make one."""
    # lxml refuses str input that carries an XML encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (ParserError, ValueError):
        return None
    if tree is None or len(tree) == 0:
        return None
    return tree


def text_of(element: HtmlElement, most: int | None = None) -> str:
    """Visible text of an element with whitespace collapsed; ``most``: its first ``most``
    characters, ``text_of(element)[:most]``, read without walking the rest of a long element.

    The collapsed text of a leading part of the element's text is a prefix of the collapsed
    whole (a word cut at the part's end only grows), so once that part collapses to ``most``
    characters or more, the rest cannot change them."""
    if most is None:
        return " ".join("".join(element.itertext()).split())
    pieces: list[str] = []
    size = 0
    check_at = most  # the collapsed text is never longer than the raw one: no test before
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size >= check_at:
            text = " ".join("".join(pieces).split())
            if len(text) >= most:
                return text[:most]
            check_at = size + most  # mostly spaces so far: test again after as much more
    return " ".join("".join(pieces).split())[:most]

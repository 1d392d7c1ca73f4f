"""Which charset a page's bytes are really in: the test the crawl's :class:`CharsetRepair`
middleware applies to each response, and :func:`page_encoding` for pages read from files (the
encoding a server gave in its HTTP header is lost when the page is saved).

:func:`best_encoding` keeps a declared charset when the body decodes cleanly with it, and
otherwise takes the first of these that fits the bytes: 1. a BOM; 2. the ``<meta>`` charset, if
the bytes decode with it; 3. UTF-8, when the bytes are valid UTF-8 or most of their non-ASCII
bytes are (stray invalid bytes become U+FFFD); 4. the best guess of charset-normalizer (Scrapy's
own detector); 5. Windows-1252. A single-byte declaration (ISO-8859-1, Windows-1252, ASCII) over
bytes that are valid, non-ASCII UTF-8 is also corrected to UTF-8: such byte runs practically
never occur in Latin-1 text; and UTF-16 or UTF-32 named over bytes without NULs is read as UTF-8
(a ``<meta charset="utf-16">`` in a UTF-8 page).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

_SINGLE_BYTE_LATIN = frozenset({"cp1252", "latin_1", "iso8859_1", "ascii"})


def canonical(encoding: str | None) -> str | None:
    """Python's codec name for a charset label (``"windows-1252"`` -> ``"cp1252"``); None if
    unknown, or if it names a codec that decodes no page (``undefined``, ``idna``, ``punycode``:
    Python codecs a ``<meta charset>`` may name, which raise on any text or refuse ``errors="replace"``)."""
    if not encoding:
        return None
    try:
        name = codecs.lookup(resolve_encoding(encoding) or encoding).name
    except LookupError:
        return None
    return name if _decodes_pages(name) else None


#: Python codecs a label may name that are never a page's charset: Python 3.13's ``punycode`` also
#: takes ``errors="replace"`` (and makes other text of any page), so the test below no longer
#: tells it out; the other two are listed with it.
_NOT_CHARSETS = frozenset({"punycode", "idna", "undefined"})


@lru_cache(maxsize=256)
def _decodes_pages(codec: str) -> bool:
    """The codec decodes bytes to text with ``errors="replace"``, as every page decoder here does."""
    if codec in _NOT_CHARSETS:
        return False
    try:
        return isinstance(b"<p>caf\xc3\xa9 \xe9</p>".decode(codec, "replace"), str)
    except (UnicodeError, LookupError, TypeError, ValueError):
        return False


def decodes(body: bytes, encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        body.decode(encoding)
    except (UnicodeError, LookupError):  # UnicodeError: a codec that rejects any text ("undefined")
        return False
    return True


def mostly_utf8(body: bytes) -> bool:
    """True when the body has non-ASCII text and most of it is valid UTF-8."""
    text = body.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - body.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return valid > 0 and valid >= invalid


def _not_wide(encoding: str | None, body: bytes) -> str | None:
    """``encoding``, unless it names UTF-16 or UTF-32 over bytes with no NUL in their first 4 KB
    (ASCII text in those encodings is half NULs): a ``<meta charset="utf-16">`` written into a
    UTF-8 page, which the HTML standard reads as UTF-8 (any even-length body "decodes" as UTF-16,
    into CJK-looking nonsense)."""
    if encoding and encoding.startswith(("utf-16", "utf-32")) and b"\x00" not in body[:4096]:
        return None
    return encoding


def best_encoding(body: bytes, declared: str | None) -> str | None:
    """The encoding to decode ``body`` with, or None to keep ``declared`` (see module doc)."""
    declared = canonical(declared)
    if _not_wide(declared, body) != declared:  # UTF-16/32 named over narrow bytes: as if none were named
        return best_encoding(body, None)
    if decodes(body, declared):
        if declared in _SINGLE_BYTE_LATIN and not body.isascii() and decodes(body, "utf-8"):
            return "utf-8"
        return None
    bom = read_bom(body)[0]
    if bom:
        return canonical(bom)
    meta = _not_wide(canonical(html_body_declared_encoding(body)), body)
    if meta and meta != declared and decodes(body, meta):
        return meta
    return _undeclared_encoding(body, body)


def _undeclared_encoding(body: bytes, utf8_sample: bytes) -> str:
    """The charset of bytes whose declaration (if any) does not fit: UTF-8 when they are valid
    UTF-8 or ``utf8_sample`` mostly is, charset-normalizer's guess, Windows-1252."""
    if decodes(body, "utf-8") or mostly_utf8(utf8_sample):
        return "utf-8"
    guess = canonical(best.encoding) if (best := from_bytes(body[:65536]).best()) is not None else None
    return guess if guess and decodes(body, guess) else "cp1252"


#: UTF-32 byte order marks, which XML allows (XML 1.0, appendix F) and w3lib's ``read_bom`` does
#: not read since 2.6 (browsers read ``FF FE 00 00`` as UTF-16LE's).
_XML_UTF32_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"))
#: How "<?xm" (or "<" and NULs) starts an XML document in an encoding that is not ASCII-compatible,
#: when there is no BOM (XML 1.0, appendix F).
_XML_WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),
)
_XML_DECLARED = re.compile(rb"""\A\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([\w.:-]{1,40})""")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml\b[^>]{0,300}?\?>")


def xml_encoding(body: bytes) -> str:
    """The charset of an XML document (feed, sitemap) known by its bytes: a BOM; the first bytes
    in UTF-16, UTF-32 or EBCDIC (XML 1.0, appendix F); the XML declaration's encoding when the
    bytes decode with it; UTF-8 when they are (mostly) UTF-8; charset-normalizer's guess;
    Windows-1252."""
    for bom, codec in _XML_UTF32_BOMS:
        if body.startswith(bom):
            return codec
    bom = canonical(read_bom(body)[0])
    if bom:
        return bom
    for start, codec in _XML_WIDE_STARTS:
        if body.startswith(start):
            return codec
    match = _XML_DECLARED.match(body)
    declared = _not_wide(canonical(match.group(1).decode("ascii", "replace")), body) if match else None
    if declared and decodes(body, declared):
        return declared
    return _undeclared_encoding(body, body[:65536])


def xml_text(body: bytes) -> str:
    """An XML document's text (see :func:`xml_encoding`), without a BOM; bytes its charset
    cannot decode become U+FFFD."""
    return body.decode(xml_encoding(body), errors="replace").lstrip("\ufeff")


def as_utf8_xml(text: str) -> bytes:
    """``text`` as UTF-8 bytes that declare UTF-8: a parser reading them guesses nothing."""
    declaration = '<?xml version="1.0" encoding="utf-8"?>'
    match = _XML_DECLARATION.match(text)
    return (declaration + text[match.end() :] if match else text).encode("utf-8", errors="replace")


def page_encoding(body: bytes) -> str:
    """The charset of a page known by its bytes alone, as a browser reads it (a BOM, then its
    ``<meta>`` charset), checked by :func:`best_encoding`: a Windows-1251 or Shift_JIS page saved
    without a ``<meta>`` charset is not read as UTF-8 full of U+FFFD."""
    declared = read_bom(body)[0] or html_body_declared_encoding(body)
    return best_encoding(body, declared) or canonical(declared) or "utf-8"  # None: the declared one fits

"""Metadata strings and JSON-LD bodies as a reader sees them: entities decoded, tags gone, whitespace collapsed."""

from __future__ import annotations

import html
import re

#: What XPath's normalize-space() strips and collapses: XML's four spaces, not every Unicode space.
XML_SPACE_CHARS = " \t\r\n"
XML_SPACES = re.compile(r"[ \t\r\n]+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});?", re.I)
_TAG = re.compile(r"</?[a-z][^<>]{0,200}>", re.I)
# C0 and C1 control characters other than whitespace, lone surrogates and U+FFFE/U+FFFF: invisible
# in a name or title, and no XML character, so lxml refuses a string holding one (an XPath
# variable, an attribute).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 has no character for (lxml refuses a string holding one as an XPath variable):
# C0 controls but tab, newline and carriage return (a vertical tab or form feed too), lone
# surrogates, U+FFFE/U+FFFF. An HTML page's text may hold any of them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_compatible(text: str) -> bool:
    """``text`` can be an XPath variable (lxml accepts it)."""
    return not _NOT_XML.search(text)


# Characters that UTF-8 bytes become when read as Windows-1252 / Latin-1: a lead byte, then
# continuation bytes (0x80-0xBF, where Windows-1252 puts "€", "™", "’"...). Not the leads
# "Ü", "Ý", "Þ", "ß" (0xDC-0xDF): "„Gruß“" is German, not mojibake of a Syriac or N'Ko letter.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[\u00c2-\u00db\u00e0-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")


def _byte(char: str) -> int:
    return char.encode("cp1252")[0] if char in _CP1252_HIGH else ord(char)


def _repair(match: re.Match[str]) -> str:
    text = match.group()
    lead = ord(text[0])
    size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    if len(text) < size:
        return text
    try:
        return bytes(_byte(c) for c in text[:size]).decode("utf-8") + text[size:]
    except UnicodeDecodeError:
        return text


def repair_mojibake(value: str) -> str:
    """UTF-8 text that was decoded as Windows-1252 or Latin-1 once, repaired ("Investorâ€™s" ->
    "Investor’s"); text without such sequences is returned as is."""
    return _MOJIBAKE.sub(_repair, value) if _MOJIBAKE.search(value) else value


def _decoded(value: str) -> str:
    """``value`` with HTML entities decoded (up to three times: ``&amp;amp;rsquo;``), UTF-8 read as
    Windows-1252 repaired and control characters removed; tags and whitespace left as they are."""
    for _ in range(3):
        if not _ENTITY.search(value):
            break
        value = html.unescape(value)
    value = repair_mojibake(value)  # before: mojibake holds C1 characters (U+0080-U+009F)
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    return value


def plain_text(value: str) -> str:
    """``value`` with HTML entities decoded (also double-escaped ``&amp;amp;``), stray tags
    removed, UTF-8 read as Windows-1252 repaired, control characters removed and whitespace
    collapsed: JSON-LD and meta values are often escaped once too often."""
    value = _decoded(value)
    if "<" in value:
        value = _TAG.sub(" ", value)
    return " ".join(value.split())


# Tags that end a line where a browser shows them: a paragraph, a line break, a list item, a
# heading, a block container's end. Other tags (``<a>``, ``<em>``...) go without a trace.
_LINE_TAG = re.compile(
    r"<(?:br|hr|/?(?:p|li|h[1-6]|blockquote|pre|tr|ul|ol|dl|dt|dd|table|figure|figcaption)|"
    r"/(?:div|section|article|header|footer|aside))\b[^<>]{0,200}>",
    re.I,
)


def plain_lines(value: str) -> str:
    """A text with its line breaks, as a reader sees it: :func:`plain_text` line by line, with
    block-level tags (``<p>``, ``<br>``, ``</div>``, ``<li>``, headings) turned into line breaks
    first and empty lines dropped. JSON-LD ``articleBody`` is often HTML-escaped (``can&rsquo;t``,
    ``&nbsp;`` lines, ``&amp;rsquo;``) or holds its markup. Text without ``&`` or ``<`` is
    returned as is (nothing to decode: its features stay identical)."""
    if "&" not in value and "<" not in value:
        return value
    value = _decoded(value)
    if "<" in value:
        value = _TAG.sub("", _LINE_TAG.sub("\n", value))  # an inline tag is no space: "<b>B</b>ig"
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


_NOT_WORD = re.compile(r"\W+")


def squash(text: str) -> str:
    """``text`` casefolded without what is not a word character: a comparison key of titles and names
    (the pattern compiled once: ``re.sub`` looks it up in re's cache on every call, ~50 a page)."""
    return _NOT_WORD.sub("", text).casefold()


def unique_casefolded(values: list[str]) -> list[str]:
    """``values`` in order, without repeats that differ only in case."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out

"""Turn bylines and schema.org author values into a clean list of person names.

"By Jane Doe, Senior Correspondent and John Roe" -> ["Jane Doe", "John Roe"].
"""

from __future__ import annotations

import re
from typing import Any

# A leading "By" in the four languages we support (and "Written by", "Text:", "Von").
_BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|words|story|text|edited)\s+by|by|von|par|por|texto?|autor(?:in)?|author|auteur)\b\s*:?\s*",
    re.I,
)
# Words that make a comma-separated byline part a job title / affiliation, not a name.
_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|journalist|columnist|analyst|producer|"
    r"director|chief|head|senior|junior|deputy|associate|assistant|managing|bureau|desk|team|news|"
    r"photographer|intern|professor|fellow|founder|ceo|president|manager|officer|researcher|expert|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|redaktion|ressortleiter(?:in)?|"
    r"correspondant(?:e)?|rédacteur|rédactrice|journaliste|envoyé(?:e)? spécial(?:e)?|"
    r"corresponsal|redactor(?:a)?|periodista|enviado especial|en\b|in\b|at\b|for\b|für\b|à\b)",
    re.I,
)
_SPLIT_AND = re.compile(r"\s+(?:and|&|und|et|y|e)\s+|\s*[;|/]\s*|\s*&\s*", re.I)
_EMAIL_OR_HANDLE = re.compile(r"\S+@\S+|(?<!\w)@\w+|https?://\S+")
_NAME_PARTICLES = {"van", "von", "der", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "dos", "das", "ten", "ter", "y"}


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    if _ROLE_WORDS.search(part):
        return False
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        first = word.lstrip("'’(\"")[:1]
        if not first or not (first.isupper() or not first.isalpha()):
            return False
    return True


def _names_from_string(text: str) -> list[str]:
    text = _EMAIL_OR_HANDLE.sub(" ", text)
    text = re.sub(r"\s*\((?:[^)]*)\)", " ", text)  # "(Reuters)", "(dpa)" affiliation notes
    text = " ".join(text.split()).strip(" ,;:-–—|")
    text = _BY_PREFIX.sub("", text)
    names: list[str] = []
    for chunk in _SPLIT_AND.split(text):
        parts = [p.strip(" ,.;:-–—") for p in chunk.split(",")]
        parts = [p for p in parts if p]
        if not parts:
            continue
        # "Jane Doe, Senior Correspondent": the first part is the name, the rest roles.
        # "A, B, C": every part is a name.
        for index, part in enumerate(parts):
            part = _BY_PREFIX.sub("", part).strip()
            if _looks_like_name(part):
                names.append(part)
            elif index == 0 and " - " in part:
                head = part.split(" - ")[0].strip()
                if _looks_like_name(head):
                    names.append(head)
    return names


def clean_authors(value: Any) -> list[str]:
    """Flatten strings, lists and schema.org Person/Organization objects into unique names."""
    raw: list[str] = []

    def collect(item: Any) -> None:
        if isinstance(item, str):
            raw.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, (str, list, dict)):
                collect(name)
            elif item.get("givenName") or item.get("familyName"):
                raw.append(f"{item.get('givenName', '')} {item.get('familyName', '')}")
        elif isinstance(item, (list, tuple)):
            for sub in item:
                collect(sub)

    collect(value)
    result: list[str] = []
    seen: set[str] = set()
    for text in raw:
        for name in _names_from_string(text):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                result.append(name)
    return result

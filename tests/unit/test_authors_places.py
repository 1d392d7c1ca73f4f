"""A byline's place after the writer's name ("Max Mustermann, Berlin"): the place the story was
written in, as bylines in many countries write it, not a second writer. Read so in a declared
author (a meta tag, JSON-LD) as in the page's byline. An editor credited after the writer
("Written by A | Edited by B") is no author either."""

from __future__ import annotations

import json

import pytest

from newsspider.extraction import html as html_mod
from newsspider.extraction import jsonld
from newsspider.extraction.authors import split_authors
from newsspider.extraction.metadata import extract_metadata

_STORY = "".join(f"<p>{p}</p>" for p in ["The council approved the new budget on Tuesday.", "The vote was close."])


def _authors(head: str) -> list[str]:
    page = (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">{head}<title>Budget approved</title></head>'
        f"<body><article><h1>Budget approved</h1>{_STORY}</article></body></html>"
    )
    tree = html_mod.parse(page)
    assert tree is not None
    return extract_metadata(tree, "https://news.example.de/politik/123", jsonld.nodes(tree))["authors"]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Max Mustermann, Berlin", ["Max Mustermann"]),
        ("Ahmet Yılmaz, Ankara", ["Ahmet Yılmaz"]),
        ("Jane Doe and John Roe, Washington", ["Jane Doe", "John Roe"]),
        ("Jan Novák, ČTK", ["Jan Novák", "ČTK"]),  # an agency is a credit
        ("Jane Doe, John Roe", ["Jane Doe", "John Roe"]),  # two writers
        ("Doe, Jane", ["Doe", "Jane"]),  # no full name before it: as before
        ("김철수, 이영희", ["김철수", "이영희"]),  # a Korean name is one word
    ],
)
def test_a_place_after_the_writers_name_is_no_writer(credit: str, expected: list[str]) -> None:
    assert split_authors(credit)[0] == expected


@pytest.mark.parametrize("where", ["meta", "jsonld"])
def test_a_declared_authors_place_is_no_writer(where: str) -> None:
    if where == "meta":
        head = '<meta name="author" content="Max Mustermann, Frankfurt">'
    else:
        article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget approved", "author": "Max Mustermann, Frankfurt"}
        head = f'<script type="application/ld+json">{json.dumps(article)}</script>'
    assert _authors(head) == ["Max Mustermann"]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Written by Rahul Sharma | Edited by Priya Singh", ["Rahul Sharma"]),
        ("Penulis: Budi Santoso, Editor: Siti Aminah", ["Budi Santoso"]),  # Indonesian
        ("Jane Doe / Edited by John Roe", ["Jane Doe"]),
        ("Edited by Priya Singh", ["Priya Singh"]),  # the only credit the line gives stays one
    ],
)
def test_an_editors_credit_after_the_writers_is_no_author(credit: str, expected: list[str]) -> None:
    assert split_authors(credit)[0] == expected

"""benchmarks/same_output.py: records of extract_page's fields, merged and compared."""

from __future__ import annotations

import argparse

import pytest

from benchmarks import same_output
from newsspider.extraction import extract_page

PAGE = (
    "<html><head><title>Buses run later</title></head><body><article><h1>Buses run later</h1>"
    + "<p>The council voted on Tuesday to extend the evening bus service to the northern districts.</p>" * 6
    + "</article></body></html>"
)
URL = "https://gazette.example/2026/05/04/buses-run-later"


def test_outcome_holds_the_fields_or_the_skip_and_the_body_of_a_rejected_page() -> None:
    assert same_output.outcome(extract_page, "", URL) == {"skip_reason": "empty"}
    article = same_output.outcome(extract_page, PAGE, URL, assume_article=True)
    assert "council voted" in article["fields"]["body"]
    rejected = same_output.outcome(extract_page, PAGE, "https://gazette.example/tags/buses")
    assert rejected["skip_reason"] == "not_article"
    assert rejected["as_article"]["fields"]["body"] == article["fields"]["body"]


def test_differences_name_each_changed_field_of_merged_shards() -> None:
    old = {"default": {"a/1": {"url": "u", "fields": {"body": "x", "title": "t"}}, "a/2": {"skip_reason": "empty"}}}
    shard0 = {"default": {"a/1": {"url": "u", "fields": {"body": "y", "title": "t"}}}}
    shard1 = {"default": {"a/2": {"skip_reason": "empty"}}, "fast": {"a/1": {}}}
    new = same_output.merge([shard0, shard1])
    assert set(new["default"]) == {"a/1", "a/2"}
    assert same_output.differences(old, new) == [("default", "a/1", "fields.body", "x", "y")]  # "fast": not in old
    assert same_output.differences(old, same_output.merge([old])) == []


def test_shard_argument() -> None:
    assert same_output._shard("1/3") == (1, 3)
    with pytest.raises(argparse.ArgumentTypeError):
        same_output._shard("3/3")

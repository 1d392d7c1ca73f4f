"""The golden tests' failure message: field by field, expected and got, and how to accept it."""

from __future__ import annotations

from tests.helpers import GOLDEN_UPDATE, golden_field_diff


def test_no_difference_no_message() -> None:
    assert golden_field_diff({"title": "A", "tags": ["x"]}, {"tags": ["x"], "title": "A"}) == ""


def test_each_changed_field_with_expected_and_got() -> None:
    expected = {"title": "Old headline", "authors": ["Ann Lee"], "body": "First.\n\nSecond.\n\nThird.", "section": "World"}
    actual = {"title": "New headline", "authors": ["Ann Lee"], "body": "First.\n\nSecond, changed.\n\nThird.", "image": "x.png",
              "section": "World"}
    message = golden_field_diff(expected, actual, "ledger/feature")
    assert message.splitlines()[0] == "golden record ledger/feature: 3 field(s) differ: title, body, image"
    assert "--- title:\n    expected: 'Old headline'\n    got:      'New headline'" in message
    assert "    -Second.\n    +Second, changed." in message  # the body as a line diff
    assert "--- image:\n    expected: '<missing>'\n    got:      'x.png'" in message
    assert "authors" not in message and "section" not in message
    assert message.splitlines()[-1].startswith(f"If the change is intended: {GOLDEN_UPDATE}")

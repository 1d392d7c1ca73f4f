"""The second cleaning pass skips the families: their test on the first pass's output is a
no-op (every line kept there matched no family), so the result is the same without it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsspider.extraction.boilerplate import Block, clean_blocks, match_family
from tests.unit.test_extraction_boilerplate import PARAGRAPH, POSITIVE

LINES = [line for lines in POSITIVE.values() for line in lines] + [
    PARAGRAPH,
    PARAGRAPH + " More.",
    "Key points",
    "By Jane Reporter",
    "Sunday, April 21, 2024",
    "14.2 C",
    "A headline without a full stop",
    "First words of another story...",
]

blocks = st.lists(
    st.builds(Block, st.sampled_from(LINES), st.sampled_from(["p", "head", "item"]), st.sampled_from([0.0, 0.7, 1.0])),
    max_size=30,
)


@given(blocks)
@settings(max_examples=300, deadline=None)
def test_second_pass_without_families_equals_second_pass_with_them(page: list[Block]) -> None:
    first = clean_blocks(page)
    assert all(match_family(b.text) is None for b in first)
    assert clean_blocks(first, families=False) == clean_blocks(first)


def test_families_off_keeps_a_family_line() -> None:
    """The switch does what it says (so the test above compares two different code paths)."""
    line = POSITIVE["share"][0]
    assert match_family(line) is not None
    assert [b.text for b in clean_blocks([Block(PARAGRAPH), Block(line), Block(PARAGRAPH)], families=False)] == [
        PARAGRAPH,
        line,
        PARAGRAPH,
    ]

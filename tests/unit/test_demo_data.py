"""The demo site's data files: every sentence template fills with an article's fields.

A typo in a data file would otherwise only fail when the RNG happens to draw that template.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from newsspider.demo.articles import article_context
from newsspider.demo.sitedata import SECTIONS, SENTENCES, Kind, SectionSpec
from newsspider.demo.textgen import fill

PUBLISHED = datetime(2024, 4, 21, 9, 5, tzinfo=timezone(timedelta(hours=2)))


def _templates(section: SectionSpec, kind: Kind) -> list[str]:
    pools = [kind.headlines, kind.ledes, kind.details, kind.general, section.general,
             section.list_items, *SENTENCES.values()]
    return [tmpl for pool in pools for tmpl in pool]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_every_sentence_template_fills(section: SectionSpec) -> None:
    rng = random.Random(0)
    for kind in section.kinds:
        ctx = article_context(rng, section, kind, PUBLISHED)
        for tmpl in _templates(section, kind):
            text = fill(tmpl, ctx, rng)
            assert "{" not in text and "}" not in text, (kind.name, tmpl)


"""A bad ``NEWSSPIDER_*`` setting (any declared in newsspider/config.py) stops ``scrapy crawl``
before it starts, with one line naming the fix (exit status 2, like an unwritable feed), not a
traceback from the component."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from newsspider.middlewares.netguard import guard_settings
from tests.helpers import run_scrapy


@pytest.mark.parametrize(
    ("setting", "fix"),
    [
        ("NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=10.0.0.999/8", "give CIDRs, e.g. -s NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=10.0.0.0/8"),
        ("NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=10.0.0.0/8,intranet", "'intranet' is not a network"),
        ("NEWSSPIDER_NETGUARD_ENABLED=maybe", "NEWSSPIDER_NETGUARD_ENABLED='maybe' is invalid: give True or False (1 or 0)"),
        ("NEWSSPIDER_EXTRACTION_WORKERS=-1", "give 0 (inline) or a number of worker processes"),
        ("NEWSSPIDER_EXTRACTION_WORKERS=all", "NEWSSPIDER_EXTRACTION_WORKERS='all' is invalid"),
        ("NEWSSPIDER_EXTRACTION_TIMEOUT=0", "give a number of seconds > 0"),
        ("NEWSSPIDER_EXTRACTION_FUNCTION=nope.nope", "give the import path of a function with extract_page's signature"),
        ("NEWSSPIDER_EXTRACTION_FUNCTION=newsspider.pool.ExtractionPool", "NEWSSPIDER_EXTRACTION_FUNCTION='newsspider.pool.ExtractionPool' is invalid"),
        # Checked from the declaration (type, bounds) and the setting's own validator.
        ("NEWSSPIDER_MIN_BODY_WORDS=many", "NEWSSPIDER_MIN_BODY_WORDS='many' is invalid: give a whole number >= 0"),
        ("NEWSSPIDER_SITELEARN_MIN_SHARE=2", "give a number from 0 to 1"),
        ("NEWSSPIDER_PROGRESS_LIVE=sometimes", "give auto, True or False"),
        ("NEWSSPIDER_QUALITY_DROP=paywalls", "unknown quality flag(s) paywalls"),
        ("NEWSSPIDER_DEFAULT_FEED=out.txt", "give a path ending in one of .jsonl"),
        ("NEWSSPIDER_REDIS_URL=localhost:6379", "give e.g. redis://127.0.0.1:6379/0"),
        # A misspelt name would silently keep the real setting's default.
        ("NEWSSPIDER_MIN_WORDS=200", "is not a newsspider setting: did you mean NEWSSPIDER_MIN_BODY_WORDS?"),
        ("newsspider_min_body_words=200", "settings are upper case, give NEWSSPIDER_MIN_BODY_WORDS"),
    ],
)
def test_bad_setting_is_a_one_line_error(tmp_path: Path, setting: str, fix: str) -> None:
    out = tmp_path / "out.jsonl"
    proc = run_scrapy("crawl", "demo", "-s", setting, "-O", str(out), timeout=120)
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    [line] = [line for line in proc.stderr.splitlines() if setting.split("=")[0] in line]
    assert " error: " in line and fix in line  # "scrapy: error: …" (argparse names the program)
    assert not out.exists()  # nothing was crawled


def test_good_netguard_settings_pass_the_check() -> None:
    """The check accepts what the middleware accepts (a list of CIDRs; the guard switched off)."""
    allowed = guard_settings(Settings({"NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS": "10.0.0.0/8, fd00::/8"}))
    assert [str(n) for n in allowed or []] == ["10.0.0.0/8", "fd00::/8"]
    assert guard_settings(Settings({"NEWSSPIDER_NETGUARD_ENABLED": "False"})) is None

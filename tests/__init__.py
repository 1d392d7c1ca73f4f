"""Test package: unique module names (tests/unit/test_x.py and tests/crawl/test_x.py may share a file name)."""

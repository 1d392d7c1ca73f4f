"""Downloader middlewares of newsspider (reliability and security), one job per module.

Enabled in ``DOWNLOADER_MIDDLEWARES`` by the add-on (``newsspider/addons.py``); see docs/security.md
and docs/faults.md.
"""

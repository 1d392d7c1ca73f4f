"""Downloader middlewares of newsspider (reliability and security), one job per module.

Enabled in ``DOWNLOADER_MIDDLEWARES`` (``newsspider/settings.py``); see README "Security" and
"Reliability".
"""

"""Feed exporters for newsspider records.

Registered by the project settings as ``FEED_EXPORTERS = {"csv": "newsspider.exporters.CsvItemExporter"}``,
so ``scrapy crawl demo -O out.csv`` writes list fields (``authors``, ``tags``) as
``Jane Doe; John Smith`` instead of Scrapy's comma-joined ``Jane Doe,John Smith``.
"""

from __future__ import annotations

from typing import IO, Any

from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter

#: Separator between the values of a list field in one CSV cell.
MULTIVALUE_SEPARATOR = "; "


class CsvItemExporter(ScrapyCsvItemExporter):
    """Scrapy's CSV exporter with ``join_multivalued="; "`` by default.

    Still overridable per feed through ``FEEDS[...]["item_export_kwargs"]``. The header row is
    the item's fields in declaration order (``FEED_EXPORT_FIELDS`` when set); bodies with
    newlines and quotes are quoted per RFC 4180 and read back intact by :mod:`csv`.
    """

    def __init__(
        self,
        file: IO[bytes],
        include_headers_line: bool = True,
        join_multivalued: str = MULTIVALUE_SEPARATOR,
        errors: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            file,
            include_headers_line=include_headers_line,
            join_multivalued=join_multivalued,
            errors=errors,
            **kwargs,
        )

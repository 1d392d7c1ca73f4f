"""newsspider item pipelines, in order: normalize (100), validate (200), dedupe (300).

::

    ITEM_PIPELINES = {
        "pipelines.normalize.NormalizePipeline": 100,
        "pipelines.validate.ValidatePipeline": 200,
        "pipelines.dedupe.DedupePipeline": 300,
    }

The pure logic (:func:`~pipelines.normalize.normalize_article`,
:func:`~pipelines.validate.validation_error`, :class:`~pipelines.dedupe.SeenRecords`)
runs without a crawler, e.g. in ``newsspider extract``.
"""

from __future__ import annotations

from pipelines.dedupe import DedupePipeline, SeenRecords
from pipelines.normalize import NormalizePipeline, normalize_article
from pipelines.validate import ValidatePipeline, validation_error

__all__ = [
    "DedupePipeline",
    "NormalizePipeline",
    "SeenRecords",
    "ValidatePipeline",
    "normalize_article",
    "validation_error",
]

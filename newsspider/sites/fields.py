"""Per-field overrides as written in a site entry's ``[fields]`` or a spider's ``field_selectors``.

A value is ``{css = "…"}``, ``{xpath = "…"}`` or ``{function = "package.module:name"}``; in a
spider's ``field_selectors`` a plain string is a selector (XPath when it starts with ``/`` or
``(``, else CSS). Applied by ``newsspider/extraction/overrides.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsspider.extraction.rules import FIELD_KINDS, OVERRIDABLE_FIELDS, FieldRule
from newsspider.sites import values

_FUNCTION = re.compile(r"^[A-Za-z_][\w.]*(:|\.)[A-Za-z_]\w*$")


def field_rule(field: str, spec: Any, *, key: str = "fields") -> FieldRule:
    """One override; ValueError naming ``key.field`` and the fix."""
    where = f"{key}.{field}"
    if field not in OVERRIDABLE_FIELDS:
        raise ValueError(f"{where}: not a field a site can override; give one of {', '.join(OVERRIDABLE_FIELDS)}")
    if isinstance(spec, str):
        spec = {"xpath" if values.is_xpath(spec) else "css": spec}
    if not isinstance(spec, Mapping) or len(spec) != 1 or next(iter(spec)) not in FIELD_KINDS:
        raise ValueError(f"{where}: give exactly one of {', '.join(FIELD_KINDS)}, e.g. {{ css = \"h1::text\" }}")
    kind, expr = next(iter(spec.items()))
    if kind == "function":
        expr = values.text(f"{where}.function", expr)
        if not _FUNCTION.match(expr):
            raise ValueError(f"{where}.function: {expr!r} is not an import path; give package.module:function")
    else:
        expr = values.selector(f"{where}.{kind}", expr, css=kind == "css")
    return FieldRule(field, kind, expr)


def field_rules(spec: Any, *, key: str = "fields") -> tuple[FieldRule, ...]:
    """All overrides of a ``[fields]`` table (or a ``field_selectors`` dict), in order."""
    if isinstance(spec, tuple) and all(isinstance(rule, FieldRule) for rule in spec):
        return spec
    if not isinstance(spec, Mapping):
        raise ValueError(f"{key}: give a table of field = {{ css | xpath | function = \"…\" }}")
    return tuple(field_rule(str(name), value, key=key) for name, value in spec.items())


def field_specs(rules: tuple[FieldRule, ...]) -> dict[str, dict[str, str]]:
    """The ``[fields]`` table of ``rules`` (for writing an entry back)."""
    return {rule.field: {rule.kind: rule.expr} for rule in rules}

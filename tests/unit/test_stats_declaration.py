"""``newsspider.stats.STATS`` declares every stats key the code writes, and nothing else.

The source of ``newsspider/`` and ``pipelines/`` is read (not run): every key passed to
``inc_value`` / ``set_value`` / ``max_value`` / ``min_value`` / ``count_once``, every reason passed
to ``Dropper.drop`` or ``drop_stat_key``, and the reasons that end up in keys through f-strings
(skip reasons of extraction, download failure reasons, refusals, discovery sources). A key built
by a helper (``self._count(kind, reason)``) is resolved through the helper's call sites in its
module. Unknown parts of a key become ``*``.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsspider.stats import STATS, declared

ROOT = Path(__file__).resolve().parents[2]
WRITERS = {"inc_value", "set_value", "max_value", "min_value"}
#: Functions whose returned strings are reasons that end up in a key (``newsspider/<kind>/<reason>``).
REASON_FUNCTIONS = {"failure_reason", "page_inputs", "robots_rules", "classify", "validation_error"}
#: Exceptions whose first argument is a ``newsspider/refused/<reason>`` reason.
REFUSALS = {"Refused", "RefusedDocument"}
ANY = "*"


def sources() -> list[Path]:
    files = [*(ROOT / "newsspider").rglob("*.py"), *(ROOT / "pipelines").rglob("*.py")]
    return sorted(p for p in files if "demo/site" not in p.as_posix())


@dataclass
class Module:
    path: Path
    tree: ast.Module
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def function_of(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return None

    def calls_to(self, name: str) -> Iterator[ast.Call]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and _called_name(node) == name:
                yield node


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_docstring(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    return isinstance(parents.get(node), ast.Expr)


class Scanner:
    """The keys and reasons the source writes, with ``*`` for what is not a literal."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.modules = [Module(p, ast.parse(p.read_text(encoding="utf-8"))) for p in paths]
        #: Module- and class-level ``UPPER_CASE = "text"`` of every module (names are unique enough).
        self.constants: dict[str, set[str]] = {}
        #: Every string the source holds (docstrings excepted), f-strings with ``*`` for their fields.
        self.strings: set[str] = set()
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and module.function_of(node) is None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                        for target in targets:
                            if isinstance(target, ast.Name) and target.id.isupper():
                                self.constants.setdefault(target.id, set()).add(node.value.value)
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if not _is_docstring(node, module.parents) and not isinstance(module.parents.get(node), ast.JoinedStr):
                        self.strings.add(node.value)
                elif isinstance(node, ast.JoinedStr):
                    self.strings |= self.resolve(node, module, depth=0)

    def resolve(self, expr: ast.AST | None, module: Module, depth: int = 0, env: dict[str, set[str]] | None = None) -> set[str]:
        """The strings ``expr`` can be, ``*`` standing for an unknown part; ``env``: parameters' values."""
        if expr is None or depth > 4:
            return {ANY}
        if isinstance(expr, ast.Constant):
            return {expr.value} if isinstance(expr.value, str) else {ANY}
        if isinstance(expr, ast.JoinedStr):
            parts = [
                {v.value} if isinstance(v, ast.Constant) else self.resolve(getattr(v, "value", None), module, depth + 1, env)
                for v in expr.values
            ]
            return {"".join(p) for p in itertools.product(*parts)}
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left, right = self.resolve(expr.left, module, depth + 1, env), self.resolve(expr.right, module, depth + 1, env)
            return {a + b for a in left for b in right}
        if isinstance(expr, ast.IfExp):
            return self.resolve(expr.body, module, depth + 1, env) | self.resolve(expr.orelse, module, depth + 1, env)
        if isinstance(expr, ast.Call) and _called_name(expr) == "drop_stat_key":
            return {"newsspider/dropped/" + r for r in self.resolve(expr.args[0], module, depth + 1, env)}
        if isinstance(expr, ast.Attribute) and expr.attr in self.constants:
            return self.constants[expr.attr]
        if isinstance(expr, ast.Name):
            if env is not None and expr.id in env:
                return env[expr.id]
            function = module.function_of(expr)
            if function is not None and expr.id in _parameters(function):
                return self._through_call_sites(function, expr.id, module, depth)
            if expr.id in self.constants:
                return self.constants[expr.id]
        return {ANY}

    def resolve_key(self, expr: ast.AST, module: Module) -> set[str]:
        """A key expression; when it uses its function's parameters, resolved call site by call
        site, so that ``_count("skipped", "not_html")`` gives one key, not every combination."""
        function = module.function_of(expr)
        params = set(_parameters(function)) if function is not None else set()
        used = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)} & params
        if function is None or not used:
            return self.resolve(expr, module)
        keys: set[str] = set()
        for call in module.calls_to(function.name):
            env = {name: self._argument(function, name, call, module) for name in used}
            keys |= self.resolve(expr, module, env=env)
        return keys or self.resolve(expr, module, env={name: {ANY} for name in used})

    def _argument(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str, call: ast.Call, module: Module, depth: int = 0
    ) -> set[str]:
        params = _parameters(function)
        position = params.index(name) - (1 if params and params[0] in ("self", "cls") else 0)
        keyword = next((k.value for k in call.keywords if k.arg == name), None)
        argument = keyword if keyword is not None else (call.args[position] if position < len(call.args) else None)
        return self.resolve(argument, module, depth + 1) if argument is not None else {ANY}

    def _through_call_sites(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str, module: Module, depth: int
    ) -> set[str]:
        """A parameter's values: the arguments the function's callers in its module pass."""
        if depth > 2:
            return {ANY}
        values: set[str] = set()
        for call in module.calls_to(function.name):
            values |= self._argument(function, name, call, module, depth + 1)
        return values or {ANY}

    def written_keys(self) -> set[str]:
        keys: set[str] = set()
        for module in self.modules:
            if module.path == ROOT / "newsspider" / "stats.py":
                continue  # count_once itself: its key is its callers'
            for call in ast.walk(module.tree):
                if not isinstance(call, ast.Call):
                    continue
                name = _called_name(call)
                if name in WRITERS and call.args:
                    keys |= self.resolve_key(call.args[0], module)
                elif name == "count_once" and len(call.args) > 1:
                    keys |= self.resolve_key(call.args[1], module)
                elif name == "drop" and isinstance(call.func, ast.Attribute) and len(call.args) == 2:
                    keys |= {"newsspider/dropped/" + r for r in self.resolve_key(call.args[0], module)}
        return keys

    def reasons(self) -> set[str]:
        """Strings that become the last part of a key through a variable."""
        found: set[str] = set()
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call):
                    name = _called_name(node)
                    if name in REFUSALS and node.args:
                        found |= self.resolve(node.args[0], module)
                    if name == "drop" and isinstance(node.func, ast.Attribute) and len(node.args) == 2:
                        found |= self.resolve(node.args[0], module)
                    for keyword in node.keywords:
                        if keyword.arg in ("skip_reason", "source") and name in ("PageResult", "ArticleCandidate"):
                            found |= self.resolve(keyword.value, module)
                elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                    names = {t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                             if isinstance(t, ast.Name)}  # fmt: skip
                    if any(n.startswith("REASON_") or n.endswith("_REASON") for n in names):
                        found |= self.resolve(node.value, module)
                    if "REASONS" in names:  # a table of reasons
                        found |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in REASON_FUNCTIONS:
                    for ret in (r for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None):
                        values = ret.value.elts if isinstance(ret.value, ast.Tuple) else [ret.value]
                        for value in values:
                            if isinstance(value, (ast.Constant, ast.Name, ast.JoinedStr, ast.IfExp)):
                                found |= self.resolve(value, module)
        return {r for r in found if r != ANY}


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = function.args
    return [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]


def _declared_form(key: str) -> str:
    """A declared key with its ``<placeholder>`` parts written as ``*``, like the scanner's."""
    return re.sub(r"<[^>]+>", ANY, key)


def _wildcard_regex(key: str) -> re.Pattern[str]:
    """A scanned key as a regex: each ``*`` captures one or more characters."""
    return re.compile("(.+)".join(re.escape(p) for p in key.split(ANY)) + r"\Z")


SCANNER = Scanner(sources())
WRITTEN = SCANNER.written_keys()
REASONS = SCANNER.reasons()
DECLARED = [_declared_form(key) for key in STATS]


def test_the_scanner_sees_the_writers() -> None:
    """Guards the scan itself: keys of every kind of writer, and reasons of every kind of carrier."""
    assert {
        "newsspider/robots/reused",  # inc_value literal
        "newsspider/sitelearn/blocks_loaded",  # set_value, prefix constant + literal
        "newsspider/politeness/crawl_delay",  # max_value
        "newsspider/feed/write_errors",  # module constant
        "newsspider/normalize/bad_date",  # class constant through self
        "newsspider/dropped/decompression_bomb",  # count_once literal
        "newsspider/skipped/not_article_url",  # helper self._count("skipped", ...)
        "newsspider/skipped/out_of_window",  # helper f"newsspider/{key}"
        "newsspider/dropped/out_of_window",  # Dropper.drop(REASON_OUT_OF_WINDOW, item)
        "newsspider/dropped/quality_*",  # Dropper.drop(f"quality_{flag}", item)
        "newsspider/dropped/*",  # drop_stat_key(reason)
    } <= WRITTEN
    assert {"too_short", "missing_*", "xml_entities", "internal_address", "no_body", "extraction_timeout",
            "timeout", "download_error", "news-sitemap", "not_article", "truncated", "empty"} <= REASONS


def test_every_key_written_is_declared() -> None:
    undeclared = []
    for key in sorted(WRITTEN):
        # A literal key is covered by a declaration; a key with unknown parts covers one at least.
        ok = declared(key) is not None if ANY not in key else any(re.fullmatch(_declared_form_regex(d), key) for d in DECLARED)
        if ANY in key:
            ok = ok or any(_wildcard_regex(key).match(d) for d in DECLARED)
        if not ok:
            undeclared.append(key)
    assert not undeclared, f"stats keys written but not declared in newsspider.stats.STATS: {undeclared}"


def test_every_reason_is_declared() -> None:
    """A reason that reaches a key through a variable (``newsspider/dropped/{reason}``) is declared."""
    last_parts = {d.rsplit("/", 1)[-1] for d in DECLARED}
    undeclared = sorted(
        r for r in REASONS if r not in last_parts and not any(re.fullmatch(_declared_form_regex(p), r) for p in last_parts)
    )
    assert not undeclared, f"reasons in the code with no newsspider/<kind>/<reason> in STATS: {undeclared}"


def test_every_declared_key_is_written() -> None:
    unused = []
    for form in DECLARED:
        used = False
        for key in WRITTEN:
            match = _wildcard_regex(key).match(form)
            if match and all(part in SCANNER.strings or part in REASONS for part in match.groups()):
                used = True
                break
        if not used:
            unused.append(form)
    assert not unused, f"declared in newsspider.stats.STATS but written nowhere: {unused}"


def test_declared_patterns_are_unique() -> None:
    """``http_<status>`` and ``http_<code>`` would be one key declared twice."""
    assert len(set(DECLARED)) == len(DECLARED)


def _declared_form_regex(declared: str) -> str:
    """A declared key (``*`` form) as a regex matching the concrete keys it covers."""
    return "[^/]+".join(re.escape(p) for p in declared.split(ANY))

"""Every ``NEWSSPIDER_*`` setting is declared once (newsspider/config.py) and read through it.

The code of ``newsspider/`` and ``pipelines/`` is parsed (ast), not imported: a name used
anywhere (a read, a message, a docstring) must be declared; a declared name must be used
outside config.py; no ``settings.get*("NEWSSPIDER_…")`` call reads a setting past the
declaration (which is where its default and its validation live).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from scrapy.settings import Settings

from newsspider import Addon, config

REPO_ROOT = Path(__file__).resolve().parents[2]
CODE = sorted([*(REPO_ROOT / "newsspider").rglob("*.py"), *(REPO_ROOT / "pipelines").rglob("*.py")])
CONFIG = REPO_ROOT / "newsspider" / "config.py"
NAME = re.compile(r"NEWSSPIDER_[A-Z0-9_]*[A-Z0-9](?:_\*)?")  # NEWSSPIDER_STATE_*: a family of settings
#: ``Settings`` methods that read a value (``getpriority`` reads a priority: allowed).
READERS = {"get", "getbool", "getint", "getfloat", "getlist", "getdict", "getdictorlist", "getwithbase", "__getitem__"}


def _strings(path: Path) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(REPO_ROOT)}:{line}"


def _declared(name: str) -> bool:
    if name.endswith("_*"):
        return any(declared.startswith(name[:-1]) for declared in config.SETTINGS)
    return name in config.SETTINGS


def test_the_code_is_found() -> None:
    assert CONFIG in CODE and len(CODE) > 40


def test_every_name_used_in_the_code_is_declared() -> None:
    undeclared = [
        f"{_where(path, line)}: {name}"
        for path in CODE
        for line, text in _strings(path)
        for name in NAME.findall(text)
        if not _declared(name)
    ]
    assert undeclared == []


def test_every_declared_setting_is_used_outside_the_declaration() -> None:
    used = {text for path in CODE if path != CONFIG for _, text in _strings(path)}
    assert [name for name in config.SETTINGS if name not in used] == []


def test_no_read_past_the_declaration() -> None:
    """``settings.get("NEWSSPIDER_X", 1.0)`` would write a default twice; ``settings.getbool(…)``
    would skip the declared type's validation: reads go through ``config.get``."""
    reads = []
    for path in CODE:
        if path == CONFIG:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in READERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and NAME.fullmatch(str(node.args[0].value))
            ):
                reads.append(f"{_where(path, node.lineno)}: {ast.unparse(node)}")
    assert reads == []


def test_no_core_module_reads_settings_through_pipelines() -> None:
    imports = [
        f"{_where(path, node.lineno)}: {ast.unparse(node)}"
        for path in CODE
        if "pipelines" not in path.relative_to(REPO_ROOT).parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "pipelines.drops"
    ]
    assert imports == []


def test_markdown_table_lists_every_setting_once() -> None:
    table = config.markdown_table()
    rows = table.splitlines()[2:]
    assert [row.split("`")[1] for row in rows] == list(config.SETTINGS)
    assert all(row.count(" | ") == 3 for row in rows)  # type, default, doc: no stray column


@pytest.mark.parametrize("setting", config.SETTINGS.values(), ids=list(config.SETTINGS))
def test_declared_default_is_valid(setting: config.Setting) -> None:
    assert setting.doc and setting.type in config.TYPES
    config.check(Settings({setting.name: setting.default}))
    assert setting.parse(setting.default) == setting.default


def test_addon_applies_the_declared_defaults_below_project_settings() -> None:
    settings = Settings({"NEWSSPIDER_MIN_BODY_WORDS": 7})  # "project" priority
    Addon().update_settings(settings)
    assert settings["NEWSSPIDER_MIN_BODY_WORDS"] == 7
    assert settings.getpriority("NEWSSPIDER_SITELEARN_HOLD") == settings.getpriority("ROBOTSTXT_OBEY") == 15  # "addon"
    for name in config.SETTINGS.keys() - {"NEWSSPIDER_MIN_BODY_WORDS"}:
        assert config.get(settings, name) == config.SETTINGS[name].default_value(), name


def test_state_enabled_default_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSSPIDER_STATE_ENABLED", "0")
    assert config.get(Settings(), "NEWSSPIDER_STATE_ENABLED") is False
    monkeypatch.setenv("NEWSSPIDER_STATE_ENABLED", "yes")
    assert config.get(Settings(), "NEWSSPIDER_STATE_ENABLED") is True
    assert config.get(Settings({"NEWSSPIDER_STATE_ENABLED": "off"}), "NEWSSPIDER_STATE_ENABLED") is False
    monkeypatch.delenv("NEWSSPIDER_STATE_ENABLED")
    assert config.get(Settings(), "NEWSSPIDER_STATE_ENABLED") is True


@pytest.mark.parametrize(
    ("name", "value", "parsed"),
    [
        ("NEWSSPIDER_DEDUPE_ENABLED", "off", False),
        ("NEWSSPIDER_DEDUPE_ENABLED", 1, True),
        ("NEWSSPIDER_MIN_BODY_WORDS", " 12 ", 12),
        ("NEWSSPIDER_RETRY_BACKOFF", "0.5", 0.5),
        ("NEWSSPIDER_QUALITY_DROP", "paywall, teaser", ["paywall", "teaser"]),
        ("NEWSSPIDER_QUALITY_DROP", "", []),
        ("NEWSSPIDER_EXTRACTION_WORKERS", "", None),  # empty: the CPU count
        ("NEWSSPIDER_STATE_PATH", Path("/tmp/state.sqlite"), "/tmp/state.sqlite"),
        ("NEWSSPIDER_PROGRESS_LIVE", True, "True"),
    ],
)
def test_values_parsed_as_the_declared_type(name: str, value: object, parsed: object) -> None:
    assert config.get(Settings({name: value}), name) == parsed


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSSPIDER_DEDUPE_ENABLED", "maybe"),
        ("NEWSSPIDER_MIN_BODY_WORDS", 2.5),
        ("NEWSSPIDER_SITELEARN_MIN_PAGES", 1),
        ("NEWSSPIDER_RETRY_MAX_DELAY", "-1"),
        ("NEWSSPIDER_REDIS_IDLE_TIMEOUT", 0),
        ("NEWSSPIDER_CRAWL_DELAY_MAX", "nan"),
        ("NEWSSPIDER_QUALITY_DROP", {"paywall": 1}),
    ],
)
def test_a_bad_value_is_one_line_naming_the_setting_and_the_fix(name: str, value: object) -> None:
    with pytest.raises(ValueError) as err:
        config.get(Settings({name: value}), name)
    message = str(err.value)
    assert message.startswith(f"{name}={value!r} is invalid: give ") and "\n" not in message


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("NEWSSPIDER_MIN_WORDS", "NEWSSPIDER_MIN_BODY_WORDS"),  # a word left out
        ("NEWSSPIDER_EXTRACTION_WORKER", "NEWSSPIDER_EXTRACTION_WORKERS"),  # a letter
        ("NEWSSPIDER_QUALITY_DROPS", "NEWSSPIDER_QUALITY_DROP"),
        ("NEWSSPIDER_DISCOVER", "NEWSSPIDER_DISCOVERY"),
        ("Newsspider_Redis_Url", "NEWSSPIDER_REDIS_URL"),  # the case
    ],
)
def test_a_misspelt_setting_name_is_one_line_naming_the_declared_one(name: str, meant: str) -> None:
    with pytest.raises(ValueError) as err:
        config.check(Settings({name: "1"}))
    message = str(err.value)
    assert message.startswith(f"{name} is not ") and meant in message and "\n" not in message


@pytest.mark.parametrize("name", ["NEWSSPIDER_TEST_STATS_FILE", "NEWSSPIDER_MY_PIPELINE_OPTION", "MIN_WORDS"])
def test_a_setting_name_unlike_any_declared_one_passes(name: str) -> None:
    """A project's own settings (and the tests') are not typos: Scrapy ignores unknown names."""
    config.check(Settings({name: "1"}))


def test_no_declared_name_is_taken_for_a_misspelling() -> None:
    assert not [name for name in config.SETTINGS if config.misspelt_setting(name)]


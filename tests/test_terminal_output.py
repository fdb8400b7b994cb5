"""Names and values holding ESC sequences, bidi overrides or NUL reach the terminal only as
visible escapes, and a huge value is cut, whichever command prints them."""

from __future__ import annotations

import json
import re
import shutil

from counter_app.catalog import default_catalog_dir
from tests.guide.test_scenario_problems import BIRTH
from tests.helpers import PROJECT_ROOT, run_cli
from tests.test_import_residents import city_rows, write_csv

RAW = ("\x1b", "\x00", "\x07", "\u202e")


def assert_nothing_raw(result) -> None:
    for stream in (result.stdout, result.stderr):
        assert not any(char in stream for char in RAW), stream[:2000]


def hostile_birth() -> str:
    """The birth scenario with a title and the newborn's name that try to rewrite the
    terminal (clear screen, set the window title, reverse the text, NUL)."""
    return BIRTH.replace("title: 出生", 'title: "出生\\e[2J\\u202eevil\\0end"').replace(
        "name_kanji: 佐藤 陽菜", 'name_kanji: "佐藤\\e]0;pwned\\a陽菜\\u202e"'
    )


def test_guide_text_and_json_show_hostile_names_escaped(tmp_path):
    path = tmp_path / "scenario.yaml"
    path.write_text(hostile_birth(), encoding="utf-8")
    text = run_cli("guide", "--scenario", str(path))
    assert text.returncode == 0, text.stderr
    assert_nothing_raw(text)
    assert text.stdout.startswith("B1 出生\\x1b[2J\\u202eevil\\x00end\n")
    assert "佐藤\\x1b]0;pwned\\x07陽菜\\u202e（A0103）" in text.stdout
    as_json = run_cli("guide", "--scenario", str(path), "--format", "json")
    assert as_json.returncode == 0
    assert_nothing_raw(as_json)
    reasons = [r for p in json.loads(as_json.stdout)[0]["procedures"] for r in p["reasons"]]
    assert any("佐藤\x1b]0;pwned\x07陽菜\u202e（A0103）" in r for r in reasons), (
        "the JSON still holds the exact name, as JSON escapes"
    )


def test_scenario_problems_show_hostile_values_escaped_and_cut(tmp_path):
    path = tmp_path / "scenario.yaml"
    text = BIRTH.replace(
        "reference_date: 2026-11-23", 'reference_date: "\\e[31m' + "9" * 100_000 + '"'
    )
    path.write_text(text, encoding="utf-8")
    result = run_cli("guide", "--scenario", str(path), "--lang", "en")
    assert result.returncode == 2
    assert_nothing_raw(result)
    [date_line] = [line for line in result.stderr.splitlines() if "not a date" in line]
    assert date_line.startswith(f"{path}:1: reference_date: not a date (YYYY-MM-DD): \\x1b[31m999")
    assert date_line.endswith("… (100005 characters)") and len(date_line) < 400


def test_catalog_problems_show_hostile_keys_escaped(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), folder)
    (folder / "local.yaml").write_text('"\\e[2J\\u202eevil": 1\n', encoding="utf-8")
    result = run_cli("catalog", "check", str(folder), "--lang", "en")
    assert result.returncode == 2
    assert_nothing_raw(result)
    assert f"{folder / 'local.yaml'}:1:" in result.stderr
    assert "\\x1b[2J\\u202eevil" in result.stderr


def test_users_list_shows_a_hostile_display_name_escaped(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    added = run_cli(
        "users",
        "add",
        "mallory",
        "--name",
        "\x1b[2J\u202eMallory\x07",
        "--role",
        "window_clerk",
        "--password-stdin",
        "--database",
        url,
        stdin="correct horse battery\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run_cli("users", "list", "--database", url)
    assert listed.returncode == 0
    assert_nothing_raw(listed)
    assert "mallory\t\\x1b[2J\\u202eMallory\\x07\twindow_clerk" in listed.stdout


def test_import_report_names_hostile_characters_and_cuts_long_values(tmp_path):
    rows = city_rows(3)
    rows[1]["生年月日"] = "\x1b[2J\u202e1990-02-29"
    rows[2]["生年月日"] = "1990-02-30" * 90
    path = write_csv(tmp_path / "bad.csv", rows)
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = run_cli("import-residents", str(path), "--database", url, "--lang", "en")
    assert result.returncode == 1
    assert_nothing_raw(result)
    assert "line 3 column “生年月日”: character 1 is U+001B" in result.stderr
    [long_date] = [line for line in result.stderr.splitlines() if line.startswith("line 4")]
    assert "not a date" in long_date
    assert "… (900 characters))" in long_date and len(long_date) < 400


def test_commands_write_only_through_the_escaping_helper():
    """Every subcommand prints through counter_app.cli.terminal.echo, nothing raw."""
    sources = [
        *(PROJECT_ROOT / "counter_app" / "cli").glob("*.py"),
        *PROJECT_ROOT.glob("ui/*_cmd.py"),
    ]
    raw = re.compile(r"\bprint\(|sys\.std(out|err)\.write|json\.dump\(")
    offenders = [p.name for p in sources if p.name != "terminal.py" and raw.search(p.read_text())]
    assert offenders == []

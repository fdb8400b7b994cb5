from datetime import timedelta
from pathlib import Path

import pytest

from counter_app.config import (
    CONFIG_ENV,
    EXAMPLE_CONFIG,
    DisplayProtocol,
    TerminalKind,
    default_config_path,
    load_config,
)
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from tests.helpers import run_cli


def test_without_a_file_every_setting_has_a_default(isolated_environment):
    config = load_config()
    assert config.source is None
    assert config.terminal_kind is TerminalKind.WINDOW
    assert config.language == "ja"
    assert config.changes_keep == timedelta(days=7)
    url = config.effective_database_url
    assert url.startswith("sqlite:///")
    assert url.endswith("counter-app/counter-app.sqlite3")
    assert str(isolated_environment) in url, "the SQLite file lives in the user data directory"
    assert str(default_config_path()).startswith(str(isolated_environment))


def test_the_example_file_is_valid_and_read_from_the_default_location():
    path = default_config_path()
    path.parent.mkdir(parents=True)
    path.write_text(EXAMPLE_CONFIG, encoding="utf-8")
    config = load_config()
    assert config.source == path
    assert config.terminal_name == "MADO-01"
    assert config.window_number == 1
    assert config.idle_lock_minutes == 5
    assert config.changes_keep_days == 7


def test_an_explicit_path_and_the_environment_override_the_default(tmp_path, monkeypatch):
    by_env = tmp_path / "env.toml"
    by_env.write_text('[terminal]\nname = "ENV-PC"\n', encoding="utf-8")
    by_option = tmp_path / "option.toml"
    by_option.write_text(
        '[terminal]\nname = "OPT-PC"\nkind = "floor"\n'
        '[database]\nurl = "postgresql+psycopg://counter@db/counter"\n'
        '[devices]\nticket_printer = "socket://127.0.0.1:9100"\ncounter_display_protocol = "cd5220"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(CONFIG_ENV, str(by_env))
    assert load_config().terminal_name == "ENV-PC"
    config = load_config(by_option)
    assert config.terminal_name == "OPT-PC"
    assert config.terminal_kind is TerminalKind.FLOOR
    assert config.effective_database_url == "postgresql+psycopg://counter@db/counter"
    assert config.devices.ticket_printer == "socket://127.0.0.1:9100"
    assert config.devices.counter_display_protocol is DisplayProtocol.CD5220


def test_a_named_file_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(CounterAppError) as raised:
        load_config(tmp_path / "missing.toml")
    assert raised.value.code is ErrorCode.CONFIG_NOT_FOUND


def test_malformed_toml_names_the_line_in_japanese_and_english(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[terminal]\nname = "A"\nwindow_number = = 3\n', encoding="utf-8")
    with pytest.raises(CounterAppError) as raised:
        load_config(path)
    assert raised.value.code is ErrorCode.CONFIG_MALFORMED
    japanese = message_for(raised.value, "ja")
    assert "設定ファイル" in japanese and "3行目" in japanese and str(path) in japanese
    assert "line 3" in message_for(raised.value, "en")


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('[terminal]\nwindow_number = "three"\n', "terminal.window_number"),
        ('[terminal]\nkind = "kiosk"\n', "terminal.kind"),
        ('[ui]\nlanguage = "fr"\n', "ui.language"),
        ("[ui]\nidle_lock_minutes = true\n", "ui.idle_lock_minutes"),
        ('[printer]\nport = "x"\n', "printer"),
        ('[database]\nhost = "x"\n', "database.host"),
        ("[changes]\nkeep_days = 1.5\n", "changes.keep_days"),
        ('[changes]\nkeep_days = "7"\n', "changes.keep_days"),
        ("[changes]\nkeep_days = true\n", "changes.keep_days"),
        ("[changes]\nkeep = 7\n", "changes.keep"),
    ],
)
def test_wrong_values_name_the_setting(tmp_path, content, key):
    path = tmp_path / "c.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CounterAppError) as raised:
        load_config(path)
    assert raised.value.code is ErrorCode.CONFIG_INVALID
    assert raised.value.params["key"] == key
    assert key in message_for(raised.value, "ja")


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "sjis.toml"
    path.write_bytes('[terminal]\nname = "窓口"\n'.encode("cp932"))
    with pytest.raises(CounterAppError) as raised:
        load_config(Path(path))
    assert raised.value.code is ErrorCode.CONFIG_MALFORMED


def test_a_city_catalog_folder_is_taken_relative_to_the_file(tmp_path):
    settings = tmp_path / "etc" / "counter-app.toml"
    settings.parent.mkdir()
    settings.write_text('[catalog]\ndir = "catalog"\n', encoding="utf-8")
    assert load_config(settings).catalog_dir == tmp_path / "etc" / "catalog"
    settings.write_text('[catalog]\ndir = "/srv/catalog"\n', encoding="utf-8")
    assert load_config(settings).catalog_dir == Path("/srv/catalog")
    settings.write_text("[catalog]\nfolder = 1\n", encoding="utf-8")
    with pytest.raises(CounterAppError) as error:
        load_config(settings)
    assert error.value.code is ErrorCode.CONFIG_INVALID and "catalog.folder" in message_for(
        error.value
    )


def test_the_change_feed_keeps_as_many_days_as_configured(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[changes]\nkeep_days = 30\n", encoding="utf-8")
    config = load_config(path)
    assert config.changes_keep_days == 30
    assert config.changes_keep == timedelta(days=30)


@pytest.mark.parametrize(
    ("content", "key", "low", "high"),
    [
        ("[ui]\nidle_lock_minutes = 40000\n", "ui.idle_lock_minutes", 0, 720),
        ("[ui]\nidle_lock_minutes = -1\n", "ui.idle_lock_minutes", 0, 720),
        ("[terminal]\nwindow_number = 0\n", "terminal.window_number", 1, 999),
        ("[terminal]\nwindow_number = 100000\n", "terminal.window_number", 1, 999),
        ("[devices]\nhall_display_screen = 4096\n", "devices.hall_display_screen", 0, 15),
        ("[changes]\nkeep_days = 36500\n", "changes.keep_days", 1, 365),
        ("[changes]\nkeep_days = 99999999999999999999\n", "changes.keep_days", 1, 365),
    ],
)
def test_a_number_outside_what_a_site_needs_is_refused_naming_key_and_range(
    tmp_path, content, key, low, high
):
    path = tmp_path / "c.toml"
    path.write_text(content, encoding="utf-8")
    result = run_cli("config", "show", "--config", str(path))
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert f"「{key}」は {low}〜{high} の範囲で書いてください" in line
    with pytest.raises(CounterAppError) as raised:
        load_config(path)
    assert f"“{key}” in {path} must be from {low} to {high}" in message_for(raised.value, "en")


@pytest.mark.parametrize(
    ("content", "key", "ja", "en"),
    [
        (
            '[terminal]\nname = "' + "窓" * 10_000 + '"\n',
            "terminal.name",
            "長すぎます（10000文字、64文字まで）",
            "is too long (10000 characters; at most 64)",
        ),
        (
            '[terminal]\nname = "MADO\\u001b[2J01"\n',
            "terminal.name",
            "制御文字 \\x1b があります（5文字目）",
            "control character \\x1b (character 5)",
        ),
        (
            '[devices]\nticket_printer = "socket://10.0.0.1:9100\\u0000"\n',
            "devices.ticket_printer",
            "制御文字 \\x00 があります（23文字目）",
            "control character \\x00 (character 23)",
        ),
        (
            '[terminal]\ndepartment = "hoken\\u202e"\n',
            "terminal.department",
            "制御文字 \\u202e があります（6文字目）",
            "control character \\u202e (character 6)",
        ),
        (
            '[security]\nkey_file = "/etc/counter-app/\\u0000.key"\n',
            "security.key_file",
            "制御文字 \\x00",
            "control character \\x00",
        ),
    ],
)
def test_a_text_setting_too_long_or_with_control_characters_is_refused(
    tmp_path, content, key, ja, en
):
    path = tmp_path / "c.toml"
    path.write_text(content, encoding="utf-8")
    result = run_cli("config", "show", "--config", str(path))
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert f"「{key}」" in line and ja in line, line
    assert len(line) < 300
    with pytest.raises(CounterAppError) as raised:
        load_config(path)
    english = message_for(raised.value, "en")
    assert f"“{key}”" in english and en in english, english


def test_the_edges_of_every_range_are_accepted(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[terminal]\nname = "' + "M" * 64 + '"\nwindow_number = 999\n'
        "[ui]\nidle_lock_minutes = 720\n[devices]\nhall_display_screen = 15\n"
        "[changes]\nkeep_days = 365\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.window_number, config.idle_lock_minutes, config.changes_keep_days) == (
        999,
        720,
        365,
    )
    assert load_config(path).devices.hall_display_screen == 15


def test_the_readme_shows_the_template_config_init_writes():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    assert shown == EXAMPLE_CONFIG

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
        ("[terminal]\nwindow_number = 0\n", "terminal.window_number"),
        ('[terminal]\nkind = "kiosk"\n', "terminal.kind"),
        ('[ui]\nlanguage = "fr"\n', "ui.language"),
        ("[ui]\nidle_lock_minutes = true\n", "ui.idle_lock_minutes"),
        ('[printer]\nport = "x"\n', "printer"),
        ('[database]\nhost = "x"\n', "database.host"),
        ("[changes]\nkeep_days = 0\n", "changes.keep_days"),
        ("[changes]\nkeep_days = -3\n", "changes.keep_days"),
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

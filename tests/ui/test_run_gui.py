"""`counter-app` without a subcommand: start-up errors end in a clear message and exit code 1."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter_app.app import CounterApp
from station.logs import log_path
from ui import i18n
from ui.application import run_gui
from ui.connecting import ConnectingNotice
from ui.message_box import MessageBox

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The error boxes run_gui shows, as (title, text)."""
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(
        MessageBox,
        "error",
        classmethod(lambda cls, parent, title, text: boxes.append((title, text))),
    )
    return boxes


def args(config: Path | None = None, database: str | None = None, lang: str | None = None):
    return argparse.Namespace(
        command=None, config=str(config) if config else None, database=database, lang=lang
    )


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_config_shows_where_and_exits_1(qtbot, tmp_path, shown, capsys):
    path = write_config(tmp_path, '[terminal]\nname = "MADO-01\n')
    assert run_gui(args(path)) == 1
    [(title, text)] = shown
    assert title == "総合窓口端末"
    assert text.startswith(f"設定ファイル {path} を読めません（2行目")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_malformed_config_in_english(qtbot, tmp_path, shown, qm_dir, monkeypatch):
    monkeypatch.setattr(i18n, "translations_dir", lambda: qm_dir)
    path = write_config(tmp_path, "[ui\n")
    assert run_gui(args(path, lang="en")) == 1
    [(title, text)] = shown
    assert title == "One-Stop Window Terminal"
    assert text.startswith(f"Cannot read the configuration file {path} (line 1")


def test_invalid_setting_is_named(qtbot, tmp_path, shown):
    path = write_config(tmp_path, "[ui]\nidle_lock_minutes = -1\n")
    assert run_gui(args(path)) == 1
    [(_, text)] = shown
    assert "「ui.idle_lock_minutes」は 0〜720 の範囲で書いてください（-1 は範囲外です）" in text


def test_unreachable_database_is_named_and_tried_again_until_quit(qtbot, tmp_path, shown, capsys):
    """A server that is down, starting or full at start-up is waited for (the PCs of an
    office often start before it); the notice names it, and 終了 ends with exit 1."""
    path = write_config(tmp_path, '[terminal]\nname = "MADO-01"\n')
    said: list[str] = []

    def quit_once_waiting() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ConnectingNotice) and widget.quit_button.isVisible():
                said.append(widget.text.text())
                widget.quit_button.click()
                return
        QTimer.singleShot(50, quit_once_waiting)

    QTimer.singleShot(0, quit_once_waiting)
    assert run_gui(args(path, database=UNREACHABLE)) == 1
    assert shown == []
    [text] = said
    assert text.startswith(
        "データベースに接続できません（127.0.0.1:1/none）。"
        "ネットワークとサーバーの状態を確認してください。\n"
    )
    assert text.endswith("秒後にもう一度接続します…")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_bad_database_url_is_explained(qtbot, tmp_path, shown):
    path = write_config(tmp_path, "")
    assert run_gui(args(path, database="mysql://db/counter")) == 1
    [(_, text)] = shown
    assert text.startswith("データベースURL「mysql://db/counter」が正しくありません")


def test_unexpected_error_is_logged_and_shown_briefly(qtbot, tmp_path, shown, monkeypatch, capsys):
    def broken(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(CounterApp, "is_demo", broken)
    path = write_config(tmp_path, f'[database]\nurl = "sqlite:///{tmp_path}/db.sqlite3"\n')
    assert run_gui(args(path)) == 1
    [(title, text)] = shown
    assert title == "エラー"
    assert text.startswith("予期しないエラーが発生しました。")
    assert str(log_path()) in text
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged
    assert "RuntimeError: disk on fire" in logged
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_startup_probe_reports_once_the_login_dialog_is_painted(
    qtbot, tmp_path, shown, monkeypatch, capsys
):
    monkeypatch.setenv("COUNTER_APP_STARTUP_PROBE", "1")
    path = write_config(tmp_path, f'[database]\nurl = "sqlite:///{tmp_path}/db.sqlite3"\n')
    assert run_gui(args(path)) == 0
    assert shown == []
    lines = capsys.readouterr().out.splitlines()
    [probe] = [line for line in lines if line.startswith("startup-probe")]
    assert probe.startswith("startup-probe shown rss_kb=")
    assert int(probe.rsplit("=", 1)[1]) > 0


def test_a_file_that_is_not_a_database_is_named_at_start(qtbot, tmp_path, shown, capsys):
    not_sqlite = tmp_path / "counter.sqlite3"
    not_sqlite.write_text("これはデータベースではありません\n", encoding="utf-8")
    path = write_config(tmp_path, f'[database]\nurl = "sqlite:///{not_sqlite}"\n')
    assert run_gui(args(path)) == 1
    [(_, text)] = shown
    assert text == (
        f"{not_sqlite} はSQLiteのデータベースではないか、壊れています。"
        "ファイル名を確認するか、バックアップから戻してください。"
    )
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err

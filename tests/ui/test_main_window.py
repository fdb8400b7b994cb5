"""The main window's frame: menus, About and closing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from counter_app import __version__
from ui.main_window import MainWindow
from ui.message_box import MessageBox


@pytest.fixture
def window(qtbot, make_context, clerk) -> MainWindow:
    main = MainWindow(make_context(), clerk)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def menu_texts(window: MainWindow) -> dict[str, list[str]]:
    return {
        action.text(): [item.text() for item in action.menu().actions() if not item.isSeparator()]
        for action in window.menuBar().actions()
        if isinstance(action.menu(), QMenu)
    }


def test_menus(window):
    assert menu_texts(window) == {
        "ファイル(&F)": ["ログアウト(&L)", "終了(&X)"],
        "表示(&V)": ["全画面表示(&U)", "言語: 日本語"],
        "住民の声(&O)": ["記録(&R)…", "検索・対応(&S)…", "職員からの手紙(&L)…"],
        "ヘルプ(&H)": ["バージョン情報(&A)"],
    }


def test_about_names_the_version_terminal_and_database(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(
        MessageBox,
        "about",
        classmethod(lambda cls, parent, title, text: shown.append((title, text))),
    )
    about = window.menuBar().actions()[-1].menu().actions()[0]
    about.trigger()
    [(title, text)] = shown
    assert title == "バージョン情報"
    assert f"counter-app {__version__}" in text
    assert "端末: TEST-01" in text
    assert f"データベース: {tmp_path}/db.sqlite3" in text


def test_closing_the_window_asks_the_application_to_quit(qtbot, window):
    with qtbot.waitSignal(window.quit_requested):
        window.close()
    assert window.isVisible()  # it closes once the user has been logged out
    window.end_session()
    assert not window.isVisible()

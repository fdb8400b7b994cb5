"""A floor PC whose ticket printer could not print some category's tickets does not
start: it names the category and what to shorten (station/ticket_fit.py), before any
ticket is issued."""

from __future__ import annotations

import dataclasses

from counter_app.config import DeviceSettings
from counter_app.queue import categories as categories_module
from devices.fakes import FakePrinter
from tests.station.test_ticket_fit import LONG_KANJI
from ui.message_box import MessageBox
from ui.session import SessionFlow


def test_a_floor_pc_refuses_to_start_on_a_category_its_printer_cannot_print(
    qtbot, config, tmp_path, monkeypatch
):
    shipped = categories_module.categories_file().read_text("utf-8")
    changed = tmp_path / "categories.yaml"
    changed.write_text(
        shipped.replace("届出・証明（転入転出・出生死亡・婚姻離婚）", LONG_KANJI, 1), "utf-8"
    )
    monkeypatch.setattr(categories_module, "categories_file", lambda: changed)
    shown: list[str] = []
    monkeypatch.setattr(MessageBox, "error", classmethod(lambda cls, *args: shown.append(args[-1])))
    with FakePrinter().start_socket() as printer:
        floor_pc = dataclasses.replace(config, devices=DeviceSettings(ticket_printer=printer.url))
        session = SessionFlow(floor_pc, "ja", idle_ms=0)
        with qtbot.waitSignal(session.finished, timeout=20_000) as finished:
            session.start()
        assert finished.args == [1]
        assert session.login_dialog is None and session.spooler is None
        assert printer.cuts == []
    [message] = shown
    assert message.startswith(f"分類「{LONG_KANJI}」の番号札はプリンタ（tm-t20）で印刷できません")
    assert "分類名・自治体名からこれらの文字を減らすか、名前を短くしてください。" in message

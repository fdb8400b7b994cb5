"""Issue 15's screens: a voice recorded with the keyboard alone and found by the search;
similar earlier voices suggested while typing; a department claims and answers while the
recorder's window follows live; a reform officer moves a letter that every clerk sees;
the personal-data warning. A real SQLite database; the live feed polls it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from counter_app.app import CounterApp
from counter_app.permissions import Actor, RoleCode
from counter_app.voices import Channel, LetterStatus, VoiceDraft, VoiceKind
from tests.ui.certificate_support import keep_screen
from tests.ui.support import PASSWORD
from ui.context import UiContext
from ui.live import LiveFeed
from ui.main_window import MainWindow
from ui.visits import NoteDialog
from ui.voices.dialogs import AnswerDialog
from ui.voices.letters_window import LettersPanel
from ui.voices.record_dialog import RecordVoiceDialog
from ui.voices.search_pane import ExportPath
from ui.voices.voice_views import STATUS, TEXT
from ui.voices.voices_window import VoicesWindow

LIVE_MS = 8000
WAITING = "待ち時間が長すぎる。番号が呼ばれるまで一時間かかった。"


@pytest.fixture
def staff(core: CounterApp, add_user) -> Callable[..., Actor]:
    def make(login: str, role: RoleCode, departments: tuple[str, ...] = ()) -> Actor:
        add_user(login, name=f"{login} 職員", roles=(role,), departments=departments)
        return core.auth.login(login, PASSWORD, core.terminal)

    return make


@pytest.fixture
def live_context(qtbot, core: CounterApp, make_context, runner) -> Iterator[UiContext]:
    """The screens' context, following the change feed."""
    live = LiveFeed(core.engine, poll_seconds=0.2)
    with qtbot.waitSignal(live.connection_changed, timeout=LIVE_MS):
        live.start()
    yield replace(make_context(), live=live)
    live.stop()
    qtbot.waitUntil(lambda: not runner.is_busy())


def record(core: CounterApp, actor: Actor, text: str = WAITING) -> int:
    draft = VoiceDraft(
        kind=VoiceKind.COMPLAINT,
        channel=Channel.WINDOW,
        text=text,
        departments=("shimin",),
        topics=("waiting",),
    )
    return core.voices.record(actor, draft).id


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key, to whichever widget has the keyboard focus."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(text: str, widget=None) -> None:
    """Text as an input method commits it (QTest types ASCII only), to the focus widget."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget or QApplication.focusWidget(), event)


def shown_dialog(qtbot, context: UiContext, actor: Actor) -> RecordVoiceDialog:
    dialog = RecordVoiceDialog(context, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and QApplication.focusWidget() is not None)
    return dialog


def voices_window(qtbot, context: UiContext, actor: Actor) -> VoicesWindow:
    window = VoicesWindow(context, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.search.is_loading())
    return window


def test_a_voice_recorded_with_the_keyboard_alone_is_found(qtbot, make_context, staff):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    context = make_context()
    dialog = shown_dialog(qtbot, context, clerk)
    assert QApplication.focusWidget() is dialog.channel
    assert dialog.atena.isVisibleTo(dialog), "a clerk may name a consenting resident"
    press(qtbot, Qt.Key.Key_Tab)  # 区分
    press(qtbot, Qt.Key.Key_Down)  # 苦情 → 要望
    press(qtbot, Qt.Key.Key_Tab)  # the text
    type_text("駐輪場の屋根を付けてほしい")
    press(qtbot, Qt.Key.Key_Tab)  # 分野: the first, 待ち時間, is current
    for _ in range(8):  # down to 駐車場・交通
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)  # 関係課: the first, 市民課
    press(qtbot, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.recorded, timeout=5000) as recorded:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    voice = recorded.args[0]
    assert not dialog.isVisible()
    assert (voice.kind, voice.topics, voice.resident_linked) == (
        VoiceKind.REQUEST,
        ("parking",),
        False,
    )

    window = voices_window(qtbot, context, clerk)
    type_text("屋根", window.search.query)
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.search.table.texts(TEXT) == ["駐輪場の屋根を付けてほしい"])
    assert window.search.table.texts(STATUS) == ["対応中"]
    assert "分野: 駐車場・交通" in window.search.detail.summary.text()


def test_the_core_refusal_shows_in_the_dialog(qtbot, make_context, staff):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    dialog = shown_dialog(qtbot, make_context(), clerk)
    type_text("案内がわかりにくい", dialog.text)
    dialog.record()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "担当する部署を一つ以上選んでください。"
    assert dialog.isVisible()


def test_similar_voices_are_suggested_while_typing(qtbot, core, make_context, staff):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    earlier = record(core, clerk)
    dialog = shown_dialog(qtbot, make_context(), clerk)
    assert dialog.similar.isHidden()
    type_text("今日も待ち時間が長すぎる。一時間待った。", dialog.text)
    qtbot.waitUntil(lambda: dialog.similar.count() == 1, timeout=3000)
    assert dialog.similar_title.isVisible()
    assert dialog.similar.item(0).text().startswith(f"No.{earlier}")
    assert "待ち時間が長すぎる" in dialog.similar.item(0).text()
    keep_screen(dialog, "voice-record-ja")


def test_a_phone_number_in_the_text_is_warned_about(qtbot, make_context, staff):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    dialog = shown_dialog(qtbot, make_context(), clerk)
    assert dialog.personal_warning.isHidden()
    type_text("折り返しは090-1234-5678へ", dialog.text)
    assert dialog.personal_warning.isVisible()
    assert "電話番号" in dialog.personal_warning.text()


def test_the_department_answers_and_the_recorder_sees_it_live(
    qtbot, core, live_context, staff, monkeypatch
):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    shimin = staff("shimin1", RoleCode.BACK_OFFICE, departments=("shimin",))
    voice_id = record(core, clerk)
    mine = voices_window(qtbot, live_context, clerk)
    assert mine.department is None, "a clerk works no department's voices"
    qtbot.waitUntil(lambda: mine.search.table.voice_id() == voice_id)
    department_window = voices_window(qtbot, live_context, shimin)
    pane = department_window.department
    assert pane is not None
    qtbot.waitUntil(lambda: pane.table.voice_id() == voice_id)
    assert pane.claim_button.isEnabled()
    assert not pane.answer_button.isEnabled()
    assert not pane.close_button.isEnabled()

    pane.claim_button.click()
    qtbot.waitUntil(lambda: pane.answer_button.isEnabled())
    assert not pane.claim_button.isEnabled()
    monkeypatch.setattr(
        AnswerDialog,
        "ask",
        classmethod(
            lambda cls, parent, prompt: ("お詫びし、混雑状況を説明した。", "昼の窓口を増やした")
        ),
    )
    pane.answer_button.click()
    qtbot.waitUntil(lambda: pane.close_button.isEnabled())

    # The recorder's window, on the same database, follows the change feed.
    def answered_in_recorders_window():
        [routing] = mine.search.detail.routing_texts()
        assert routing[1] == "回答済"
        assert routing[4:] == ["お詫びし、混雑状況を説明した。", "昼の窓口を増やした"]
        assert mine.search.detail.answers.text() == (
            "市民課の回答: お詫びし、混雑状況を説明した。\n　改善した内容: 昼の窓口を増やした"
        )

    qtbot.waitUntil(answered_in_recorders_window, timeout=LIVE_MS)
    keep_screen(mine, "voices-search-ja", (1240, 720))
    pane.close_button.click()
    qtbot.waitUntil(lambda: mine.search.table.texts(STATUS) == ["完了"], timeout=LIVE_MS)
    qtbot.waitUntil(lambda: pane.table.texts(TEXT) == [])
    assert not pane.empty.isHidden()


def move_texts(panel: LettersPanel) -> list[str]:
    """The move buttons the panel shows, in their order."""
    return [b.text() for b in panel.move_buttons.values() if not b.isHidden()]


def test_a_reform_officer_moves_a_letter_and_every_clerk_sees_it(
    qtbot, core, live_context, staff, monkeypatch
):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    officer = staff("kaikaku", RoleCode.REFORM_OFFICER)
    letter = core.letters.write(clerk, "番号札に待ち人数を印字", "待ち時間の目安がわかるように。")

    def panel(actor: Actor) -> LettersPanel:
        shown = LettersPanel(live_context, actor)
        qtbot.addWidget(shown)
        qtbot.waitUntil(lambda: shown.letter is not None and shown.letter.id == letter.id)
        return shown

    officers, clerks = panel(officer), panel(clerk)
    assert move_texts(officers) == ["検討中にする…", "不採用にする…"]
    assert all(button.isHidden() for button in clerks.move_buttons.values())

    asked = []
    monkeypatch.setattr(
        NoteDialog,
        "ask",
        classmethod(
            lambda cls, parent, title, prompt: asked.append(title) or "来年度の予算で検討する"
        ),
    )
    officers.move_buttons[LetterStatus.CONSIDERING].click()
    assert asked == ["検討中にする"]

    def moved_in_clerks_list():
        assert clerks.list_texts(2) == ["検討中"]
        assert "理由: 来年度の予算で検討する" in clerks.body.text()
        move = [clerks.transitions.topLevelItem(0).text(c) for c in range(1, 4)]
        assert move == ["kaikaku", "受付 → 検討中", "来年度の予算で検討する"]

    qtbot.waitUntil(moved_in_clerks_list, timeout=LIVE_MS)
    assert all(button.isHidden() for button in clerks.move_buttons.values())
    qtbot.waitUntil(lambda: move_texts(officers) == ["採用にする…", "不採用にする…"])

    # A colleague supports it (+1) and the count shows.
    assert clerks.support_button.text() == "賛同する（+1）"
    assert not clerks.support_button.isEnabled(), "nobody supports their own letter"
    officers.support_button.click()
    qtbot.waitUntil(lambda: clerks.list_texts(3) == ["1"], timeout=LIVE_MS)
    keep_screen(clerks, "letters-ja", (1100, 640))


def test_the_menu_records_from_anywhere_and_the_reform_officer_sees_letters(
    qtbot, make_context, staff
):
    officer = staff("kaikaku", RoleCode.REFORM_OFFICER)
    main = MainWindow(make_context(), officer)
    qtbot.addWidget(main)
    assert main.role_screen.title == "職員からの手紙"
    assert isinstance(main.role_screen.letters, LettersPanel)
    menus = {a.text(): a.menu() for a in main.menuBar().actions() if a.menu()}
    assert [a.text() for a in menus["住民の声(&O)"].actions()] == [
        "記録(&R)…",
        "検索・対応(&S)…",
        "職員からの手紙(&L)…",
    ]
    assert main.record_voice_action.shortcut().toString() == "Ctrl+Shift+V"
    main.record_voice_action.trigger()
    [dialog] = main.findChildren(RecordVoiceDialog)
    assert dialog.isVisible()
    assert not dialog.atena.isVisibleTo(dialog), "no 宛名番号 without VIEW_RESIDENTS"
    assert dialog.link.isHidden(), "nothing being served: the voice stays unlinked"
    window = main.open_voices()
    assert window.department is None
    qtbot.waitUntil(lambda: not window.search.is_loading())


def test_the_search_is_exported_as_csv_with_personal_data_masked(
    qtbot, core, make_context, staff, monkeypatch, tmp_path
):
    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    record(core, clerk, "山田さんに090-1234-5678へ折り返してほしい。待ち時間が長い。")
    record(core, clerk, "駐車場が狭い")
    window = voices_window(qtbot, make_context(), clerk)
    pane = window.search
    pane.query.setText("待ち時間")
    pane.reload()
    qtbot.waitUntil(lambda: not pane.is_loading() and len(pane.voices) == 1)
    target = tmp_path / "voices.csv"
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, parent: str(target)))
    with qtbot.waitSignal(pane.saved, timeout=LIVE_MS) as saved:
        pane.export_button.click()
    assert saved.args == [str(target)]
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("番号,記録日時,経路,区分,分野,関係課,状況,内容")
    assert len(rows) == 2 and "＊＊＊に＊＊＊へ折り返してほしい。待ち時間が長い。" in rows[1]
    assert "090" not in rows[1] and "山田" not in rows[1] and "駐車場" not in rows[1]


def test_whom_a_consenting_voice_names_shows_on_request_and_is_logged(
    qtbot, core, make_context, staff
):
    from sqlalchemy import select

    from counter_app.db.models import AuditEntry, Resident
    from tests.visits import load_sc01

    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    floor = staff("floor", RoleCode.FLOOR_MANAGER)
    load_sc01(core)
    with core.db.read() as session:
        atena = session.scalars(select(Resident.atena_no).order_by(Resident.id)).first()
    draft = VoiceDraft(
        VoiceKind.REQUEST,
        Channel.WINDOW,
        "案内を増やして",
        ("shimin",),
        resident_atena=atena,
        consent=True,
    )
    core.voices.record(clerk, draft)
    floor_window = voices_window(qtbot, make_context(), floor)
    qtbot.waitUntil(lambda: floor_window.search.table.voice_id() is not None)
    assert floor_window.search.detail.resident_button.isHidden(), "no right to view residents"
    window = voices_window(qtbot, make_context(), clerk)
    detail = window.search.detail
    qtbot.waitUntil(lambda: not detail.resident_button.isHidden())
    assert detail.resident.isHidden()
    detail.resident_button.click()
    qtbot.waitUntil(lambda: not detail.resident.isHidden())
    assert f"宛名番号 {atena}" in detail.resident.text()
    with core.db.read() as session:
        shown = session.scalars(
            select(AuditEntry.login).where(AuditEntry.action == "voice.resident_shown")
        ).all()
    assert shown == ["madoguchi"]


def test_the_back_office_screen_counts_its_open_voices_live(qtbot, core, live_context, staff):
    from ui.screens.back_office import BackOfficeScreen

    clerk = staff("madoguchi", RoleCode.WINDOW_CLERK)
    shimin = staff("shimin1", RoleCode.BACK_OFFICE, departments=("shimin",))
    screen = BackOfficeScreen(live_context, shimin)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.tabs.tabText(1) == "住民の声（未完了 0件）", timeout=LIVE_MS)
    voice_id = record(core, clerk)
    qtbot.waitUntil(lambda: screen.tabs.tabText(1) == "住民の声（未完了 1件）", timeout=LIVE_MS)
    assert screen.voices.table.voice_id() == voice_id
    assert screen.voices.claim_button.isEnabled()

"""Issue 7's acceptance: a clerk's window and a back-office inbox on two PCs (two
CounterApps, two connections to one database, each with its own worker and live feed):
route → the inbox shows it → claim → return with a question → the clerk sees the
question → answer → approve. Nothing is refreshed by hand: every screen follows the
change feed. The department also sees the forms the window printed for the visit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from counter_app.app import CounterApp
from counter_app.config import Config, TerminalKind
from counter_app.permissions import Actor, RoleCode
from counter_app.visits import ActionKind, VisitInfo
from tests.ui import test_forms_preview as forms_preview
from tests.ui.test_guide_flow import SCREENSHOT_DIR, keep_screen
from tests.visits import login, sc01
from ui.context import UiContext
from ui.db_runner import DbRunner
from ui.fonts import apply_application_font
from ui.inbox.inbox_screen import InboxScreen, ReassignDialog
from ui.live import LiveFeed, live_runner_for
from ui.message_box import MessageBox
from ui.visits import NoteDialog
from ui.visits.visit_panel import VisitPanel
from ui.workers import CpuPool

# the forms preview's print dialog, accepted without showing (prints to a PDF file)
printed_to = forms_preview.printed_to

LIVE_MS = 8000  # a change on one PC shows on the other within this (polling every 0.5 s)


@dataclass
class Pc:
    core: CounterApp
    runner: DbRunner
    cpu: CpuPool
    live: LiveFeed
    context: UiContext
    live_runner: DbRunner | None = None  # a back-office PC's on PostgreSQL


@dataclass
class Office:
    window: Pc  # the clerk's PC
    back: Pc  # the back office's PC
    clerk: Actor
    kodomo1: Actor
    kodomo2: Actor
    kenko1: Actor
    supervisor: Actor


def _pc(database_url: str, terminal: str, kind: TerminalKind = TerminalKind.WINDOW) -> Pc:
    """A PC wired as the session wires it (ui/session.py): a back-office PC on PostgreSQL
    follows the feed and reads what it names on a live connection of its own."""
    core = CounterApp.open(
        Config(database_url=database_url, terminal_name=terminal, terminal_kind=kind)
    )
    runner, cpu = DbRunner(), CpuPool()
    live = LiveFeed(core.live_engine, poll_seconds=0.2)
    live_runner = live_runner_for(core)
    context = UiContext(
        core=core, runner=runner, cpu=cpu, language="ja", live=live, live_runner=live_runner
    )
    return Pc(core, runner, cpu, live, context, live_runner)


@pytest.fixture
def office(qapp, qtbot, database_url) -> Iterator[Office]:
    window = _pc(database_url, "MADO-01")
    back = _pc(database_url, "GENKA-01", TerminalKind.BACK_OFFICE)
    pcs = (window, back)
    try:
        clerk = login(window.core, "madoguchi", RoleCode.WINDOW_CLERK)

        def staff(name: str, department: str) -> Actor:
            login(window.core, name, RoleCode.BACK_OFFICE, departments=(department,))
            return back.core.auth.login(name, "correct horse", back.core.terminal)

        office = Office(
            window=window,
            back=back,
            clerk=clerk,
            kodomo1=staff("kodomo1", "kodomo"),
            kodomo2=staff("kodomo2", "kodomo"),
            kenko1=staff("kenko1", "kenko"),
            supervisor=_supervisor(window.core, back.core),
        )
        for pc in pcs:
            with qtbot.waitSignal(pc.live.connection_changed, timeout=LIVE_MS):
                pc.live.start()
        yield office
    finally:
        for pc in pcs:
            pc.live.stop()
        # Let the screens' last loads land (one may start another) before the workers stop.
        for _ in range(3):
            qtbot.waitUntil(lambda: not any(_busy(pc) for pc in pcs))
            qtbot.wait(50)
        for pc in pcs:
            pc.cpu.close()
            pc.runner.close()
            if pc.live_runner is not None:
                pc.live_runner.close()
            pc.core.close()


def _busy(pc: Pc) -> bool:
    live_busy = pc.live_runner is not None and pc.live_runner.is_busy()
    return pc.runner.is_busy() or pc.cpu.is_busy() or live_busy


def _supervisor(window: CounterApp, back: CounterApp) -> Actor:
    login(window, "kanri", RoleCode.SUPERVISOR)
    return back.auth.login("kanri", "correct horse", back.terminal)


def _route_sc01(office: Office) -> VisitInfo:
    """The clerk records SC01's visit (through the core, on the window's PC)."""
    core, clerk = office.window.core, office.clerk
    resident_id, case, result = sc01(core, clerk)
    return core.visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)


def _inbox(qtbot, pc: Pc, actor: Actor) -> InboxScreen:
    screen = InboxScreen(pc.context, actor)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: not screen.is_loading() and not pc.runner.is_busy())
    return screen


def keep_screens(qtbot, *screens) -> None:
    """With COUNTER_APP_SCREENSHOT_DIR set (scripts/screenshots.sh): each (widget, name,
    size) shown at that size with the application's font and kept as a picture."""
    if not SCREENSHOT_DIR:
        return
    apply_application_font(QApplication.instance())
    for widget, name, (width, height) in screens:
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        qtbot.wait(200)
        keep_screen(widget, name)


def _answer_with(monkeypatch, text: str) -> None:
    monkeypatch.setattr(NoteDialog, "ask", classmethod(lambda cls, *args: text))


def test_route_claim_return_answer_approve_across_two_pcs(qtbot, office, monkeypatch):
    inbox = _inbox(qtbot, office.back, office.kodomo1)
    assert inbox.items == []
    assert inbox.live_state.text() == "● 自動更新中"

    visit = _route_sc01(office)
    number = visit.visit_number

    # The inbox on the other PC shows the routed procedures by itself.
    def listed() -> None:
        assert {i.procedure.procedure_id for i in inbox.items if i.visit_number == number} == {
            "child_allowance_claim",
            "child_medical_subsidy",
        }

    qtbot.waitUntil(listed, timeout=LIVE_MS)
    row = inbox.find(number, "child_allowance_claim")
    assert row.resident_name == "佐藤 健太"
    assert inbox.select(number, "child_allowance_claim")
    assert "佐藤 健太" in inbox.detail.text()
    assert inbox.claim_button.isEnabled()
    assert not inbox.approve_button.isEnabled()  # nothing before claiming
    assert not inbox.reassign_button.isVisible()

    # The clerk's panel on the window's PC.
    panel = VisitPanel(office.window.context, office.clerk, number)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.status_of("child_allowance_claim") == "審査待ち")

    # Claim.
    inbox.claim_button.click()
    qtbot.waitUntil(
        lambda: inbox.find(number, "child_allowance_claim").procedure.holder_login == "kodomo1"
    )
    qtbot.waitUntil(lambda: panel.status_of("child_allowance_claim") == "担当中", timeout=LIVE_MS)
    assert inbox.return_button.isEnabled() and inbox.approve_button.isEnabled()

    # 差戻し with a question: the clerk's panel shows it live.
    _answer_with(monkeypatch, "出生証明書の写しを添付してください。")
    inbox.return_button.click()
    qtbot.waitUntil(
        lambda: panel.status_of("child_allowance_claim") == "差戻し（質問）", timeout=LIVE_MS
    )
    assert "child_allowance_claim" in panel.answer_buttons
    assert any("出生証明書の写しを添付してください。" in t for t in panel.question_texts())

    # The clerk answers through the panel; the inbox shows 回答済み and the answer.
    _answer_with(monkeypatch, "写しをスキャンして添付しました。")
    panel.answer_buttons["child_allowance_claim"].click()
    qtbot.waitUntil(lambda: panel.status_of("child_allowance_claim") == "回答済み")
    assert panel.answer_buttons == {}

    def answered() -> None:
        item = inbox.find(number, "child_allowance_claim")
        assert item is not None and item.procedure.answer == "写しをスキャンして添付しました。"
        assert inbox.selected() is not None and inbox.selected().id == item.id
        assert "回答済み" in inbox.detail.text()
        assert "写しをスキャンして添付しました。" in inbox.detail.text()
        # the clerk's answers as chosen: persons by name, choices by their labels
        assert "母: 佐藤 美咲（A0102）" in inbox.detail.text()
        assert "国民健康保険" in inbox.detail.text() and ": nhi" not in inbox.detail.text()

    qtbot.waitUntil(answered, timeout=LIVE_MS)
    status_column = inbox.table.currentItem().text(3)
    assert status_column == "回答済み"
    keep_screens(qtbot, (inbox, "inbox-ja", (1280, 800)), (panel, "visit-ja", (900, 420)))

    # Approve with a note: the panel shows 承認.
    _answer_with(monkeypatch, "要件を満たしています。")
    assert inbox.approve_button.isEnabled()
    inbox.approve_button.click()
    qtbot.waitUntil(lambda: panel.status_of("child_allowance_claim") == "承認", timeout=LIVE_MS)
    qtbot.waitUntil(lambda: inbox.find(number, "child_allowance_claim") is None)  # not open

    # Every action is in the log: who, role, terminal, reason.
    log = office.back.core.visits.log(office.kodomo1, number)
    entries = [
        (a.action.value, a.login, a.role, a.terminal, a.reason)
        for a in log
        if a.visit_procedure_id == row.id
    ]
    assert entries == [
        ("routed", "madoguchi", "window_clerk", "MADO-01", None),
        ("claimed", "kodomo1", "back_office", "GENKA-01", None),
        ("returned", "kodomo1", "back_office", "GENKA-01", "出生証明書の写しを添付してください。"),
        ("answered", "madoguchi", "window_clerk", "MADO-01", "写しをスキャンして添付しました。"),
        ("approved", "kodomo1", "back_office", "GENKA-01", "要件を満たしています。"),
    ]


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_the_inbox_shows_a_routed_procedure_while_its_pc_still_writes(qtbot, office):
    """A back-office PC whose own unit of work is still being written (a decision on a
    busy server) shows what another PC routed meanwhile: its inbox reads the rows the
    feed named on its live connection, not behind its own work."""
    back = office.back
    inbox = _inbox(qtbot, back, office.kodomo1)
    writing, release = threading.Event(), threading.Event()

    def slow_write() -> None:
        with back.core.db.write() as session:
            session.execute(text("SELECT 1"))
            writing.set()
            release.wait(30)

    back.runner.run(slow_write)
    try:
        assert writing.wait(10)
        number = _route_sc01(office).visit_number
        qtbot.waitUntil(
            lambda: (
                {i.procedure.procedure_id for i in inbox.items if i.visit_number == number}
                == {"child_allowance_claim", "child_medical_subsidy"}
            ),
            timeout=5000,
        )
        assert back.runner.is_busy(), "shown while the PC's own write was still open"
        assert inbox.table.topLevelItemCount() == 2
    finally:
        release.set()


def test_other_departments_and_other_holders(qtbot, office):
    kenko = _inbox(qtbot, office.back, office.kenko1)
    kodomo1 = _inbox(qtbot, office.back, office.kodomo1)
    kodomo2 = _inbox(qtbot, office.back, office.kodomo2)
    visit = _route_sc01(office)
    number = visit.visit_number
    qtbot.waitUntil(
        lambda: kodomo2.find(number, "child_allowance_claim") is not None, timeout=LIVE_MS
    )
    qtbot.waitUntil(
        lambda: kodomo1.find(number, "child_allowance_claim") is not None, timeout=LIVE_MS
    )

    # 健康推進課's inbox never lists 子育て支援課's procedures.
    qtbot.waitUntil(lambda: not kenko.is_loading() and not office.back.runner.is_busy())
    assert all(i.procedure.department_id == "kenko" for i in kenko.items)
    assert not any(
        i.procedure.procedure_id in {"child_allowance_claim", "child_medical_subsidy"}
        for i in kenko.items
    )

    # kodomo1 claims; kodomo2's buttons for it are all disabled.
    assert kodomo1.select(number, "child_allowance_claim")
    kodomo1.claim_button.click()

    def held_by_kodomo1() -> None:
        item = kodomo2.find(number, "child_allowance_claim")
        assert item is not None and item.procedure.holder_login == "kodomo1"

    qtbot.waitUntil(held_by_kodomo1, timeout=LIVE_MS)
    assert kodomo2.select(number, "child_allowance_claim")
    for button in (
        kodomo2.claim_button,
        kodomo2.return_button,
        kodomo2.approve_button,
        kodomo2.reject_button,
        kodomo2.release_button,
        kodomo2.reassign_button,
    ):
        assert not button.isEnabled(), button.text()
    # …while the one nobody holds can be claimed.
    assert kodomo2.select(number, "child_medical_subsidy")
    assert kodomo2.claim_button.isEnabled()


def test_a_supervisor_reassigns_from_any_department(qtbot, office, monkeypatch):
    kodomo2 = _inbox(qtbot, office.back, office.kodomo2)
    boss = _inbox(qtbot, office.back, office.supervisor)
    assert boss.department.isVisibleTo(boss)  # every department, to choose from
    boss.department.setCurrentIndex(boss.department.findData("kodomo"))
    number = _route_sc01(office).visit_number
    qtbot.waitUntil(lambda: boss.find(number, "child_allowance_claim") is not None, timeout=LIVE_MS)
    assert boss.select(number, "child_allowance_claim")
    assert boss.reassign_button.isEnabled() and not boss.claim_button.isEnabled()

    offered = []

    def ask(cls, parent, name, staff):
        offered.extend(a.login for a in staff)
        return next(a.user_id for a in staff if a.login == "kodomo2"), "休暇の引継ぎ"

    monkeypatch.setattr(ReassignDialog, "ask", classmethod(ask))
    boss.reassign_button.click()

    def held_by_kodomo2() -> None:
        item = kodomo2.find(number, "child_allowance_claim")
        assert item is not None and item.procedure.holder_login == "kodomo2"

    qtbot.waitUntil(held_by_kodomo2, timeout=LIVE_MS)
    assert offered == ["kodomo1", "kodomo2"]
    assert kodomo2.select(number, "child_allowance_claim")
    assert kodomo2.approve_button.isEnabled() and kodomo2.return_button.isEnabled()


def test_the_inbox_reloads_when_the_live_feed_reconnects(qtbot, office):
    inbox = _inbox(qtbot, office.back, office.kodomo1)
    live = office.back.live
    live.stop()  # the feed is lost: what happens meanwhile is never reported
    number = _route_sc01(office).visit_number
    with qtbot.waitSignal(live.connection_changed, timeout=LIVE_MS):
        live.start()  # follows again from the newest change, after the routing
    qtbot.waitUntil(lambda: inbox.find(number, "child_allowance_claim") is not None)


def test_the_inbox_shows_the_forms_printed_at_the_window(qtbot, office, monkeypatch, printed_to):
    core, clerk = office.window.core, office.clerk
    resident_id, case, result = sc01(core, clerk)
    printed = core.visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    bundle = core.guide.forms_bundle(
        clerk, resident_id, case, result.procedures, printed.visit_number
    )
    core.visit_forms.record(clerk, printed.visit_number, bundle, printed=True)
    without_forms = core.visits.create_visit(
        clerk, case, result.procedures, resident_id=resident_id
    )
    serving = [f.title for f in bundle.forms if "child_allowance_claim" in f.procedures]
    assert serving and len(serving) < len(bundle.forms)
    notices: list[str] = []
    monkeypatch.setattr(
        MessageBox, "about", classmethod(lambda cls, parent, title, text: notices.append(text))
    )
    inbox = _inbox(qtbot, office.back, office.kodomo1)

    # The forms that serve the selected procedure, as printed, in the preview.
    assert inbox.select(printed.visit_number, "child_allowance_claim")
    assert inbox.forms_button.text() == "帳票を表示"
    inbox.forms_button.click()
    qtbot.waitUntil(lambda: inbox.forms_preview is not None and inbox.forms_preview.isVisible())
    preview = inbox.forms_preview
    assert preview.bundle.visit_number == printed.visit_number
    assert [f.title for f in preview.bundle.forms] == serving
    assert preview.rendered.page_count >= len(serving)
    # Printed again from here (to a PDF file): logged as the department's, with the titles.
    printed_to()
    assert preview.print_forms() == preview.rendered.page_count

    def reprint_logged() -> None:
        log = core.visits.log(clerk, printed.visit_number)
        again = [a for a in log if a.action is ActionKind.FORMS_REPRINTED]
        assert [(a.login, a.terminal, a.reason) for a in again] == [
            ("kodomo1", "GENKA-01", "、".join(serving))
        ]

    qtbot.waitUntil(reprint_logged, timeout=10_000)

    # A visit whose forms were not kept: the department is told so.
    assert inbox.select(without_forms.visit_number, "child_allowance_claim")
    inbox.forms_button.click()
    qtbot.waitUntil(lambda: notices == ["この受付には帳票の記録がありません。"])
    assert inbox.forms_preview is preview


def test_the_visit_panel_catches_up_and_holds_answers_while_the_database_is_away(
    qtbot, office, monkeypatch
):
    visit = _route_sc01(office)
    allowance = visit.procedure("child_allowance_claim").id
    panel = VisitPanel(office.window.context, office.clerk, visit.visit_number)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.status_of("child_allowance_claim") == "審査待ち")

    # The window's feed is lost while the department claims and asks: never reported.
    live = office.window.live
    live.stop()
    inbox = office.back.core.inbox
    inbox.claim(office.kodomo1, allowance)
    inbox.return_to_window(office.kodomo1, allowance, "続柄を確認させてください。")
    with qtbot.waitSignal(live.connection_changed, timeout=LIVE_MS):
        live.start()
    qtbot.waitUntil(lambda: panel.status_of("child_allowance_claim") == "差戻し（質問）")
    button = panel.answer_buttons["child_allowance_claim"]
    assert button.isEnabled()

    # The database goes away: the answer cannot be sent, nothing is asked or written.
    asked: list[object] = []
    monkeypatch.setattr(NoteDialog, "ask", classmethod(lambda cls, *args: asked.append(args)))
    office.window.runner.set_online(False)
    assert not button.isEnabled()
    panel.answer(panel.visit.procedure("child_allowance_claim"))
    assert asked == []
    office.window.runner.set_online(True)
    qtbot.waitUntil(lambda: panel.answer_buttons["child_allowance_claim"].isEnabled())

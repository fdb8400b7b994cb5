"""The screens show only what the core allows of a visit naming a resident under a
support measure (issue 12): the inbox lists the work but names nobody, the visit's window
says why it is refused, and a supervisor authorises from either, for themselves or for
the member of staff who asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.app import CounterApp
from counter_app.db.models import AuditEntry, SupportMeasure
from counter_app.db.models.base import utcnow
from counter_app.permissions import Actor, RoleCode
from counter_app.services.residents import SUPPORT_OVERRIDE_MINUTES
from counter_app.visits import VisitInfo
from tests.visits import load_sc01, login, sc01_at_window
from ui.inbox.inbox_screen import PERSONS, InboxScreen
from ui.message_box import MessageBox
from ui.residents.authorise_dialog import AuthoriseDialog
from ui.visits.open_visit import OpenVisitBox
from ui.visits.visit_panel import VisitPanel

NAMES = ("佐藤", "健太", "美咲", "本町")


@dataclass
class Protected:
    visit: VisitInfo
    husband: int
    clerk: Actor
    kodomo: Actor
    boss: Actor  # recorded the visit under his authorisation
    boss2: Actor  # holds none


@pytest.fixture
def protected(core: CounterApp) -> Protected:
    """SC01 recorded by a supervisor under his authorisation: the mother is protected."""
    ids = load_sc01(core)
    with core.db.write() as session:
        session.add(
            SupportMeasure(resident_id=ids["A0102"], kind="dv", started_on=date(2020, 1, 1))
        )
    boss = login(core, "kanri", RoleCode.SUPERVISOR)
    core.residents.authorise_support_measure(boss, ids["A0101"], "本人が来庁、確認済み")
    resident_id, case, result = sc01_at_window(core, boss)
    visit = core.visits.create_visit(boss, case, result.procedures, resident_id=resident_id)
    return Protected(
        visit=visit,
        husband=ids["A0101"],
        clerk=login(core, "madoguchi", RoleCode.WINDOW_CLERK),
        kodomo=login(core, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)),
        boss=boss,
        boss2=login(core, "kanri2", RoleCode.SUPERVISOR),
    )


@pytest.fixture
def message_boxes(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        MessageBox, "error", classmethod(lambda cls, parent, title, text: shown.append(text))
    )
    return shown


def authorise_with(monkeypatch, reason: str, for_login: str | None) -> list:
    asked: list = []

    def ask(cls, parent, actor, staff=()):
        asked.append([login for login, _label in staff])
        return reason, for_login

    monkeypatch.setattr(AuthoriseDialog, "ask", classmethod(ask))
    return asked


def refusals(core: CounterApp, login: str) -> list[AuditEntry]:
    with core.db.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == "visit.read_refused", AuditEntry.login == login
                )
            )
        )


def inbox_of(qtbot, context, actor: Actor) -> InboxScreen:
    screen = InboxScreen(context, actor)
    qtbot.addWidget(screen)
    if screen.department_id != "kodomo":
        screen.department.setCurrentIndex(screen.department.findData("kodomo"))
    qtbot.waitUntil(lambda: not screen.is_loading() and not context.runner.is_busy())
    return screen


def screen_text(screen: InboxScreen) -> str:
    rows = [
        screen.table.topLevelItem(i).text(c)
        for i in range(screen.table.topLevelItemCount())
        for c in range(screen.table.columnCount())
    ]
    return "\n".join([*rows, screen.detail.text()])


def test_the_inbox_lists_protected_work_naming_nobody_until_authorised(
    qtbot, core, make_context, protected, message_boxes, monkeypatch
):
    context = make_context()
    inbox = inbox_of(qtbot, context, protected.kodomo)
    assert len(inbox.items) == 2
    assert [inbox.table.topLevelItem(i).text(PERSONS) for i in range(2)] == ["保護", "保護"]
    assert "支援措置" in inbox.detail.text()
    assert "監督者に許可を依頼" in inbox.detail.text()
    assert not any(name in screen_text(inbox) for name in NAMES)
    # Nothing the core would refuse is asked for: no log, no forms, no refusal shown.
    assert inbox.log.topLevelItemCount() == 0
    assert not inbox.forms_button.isEnabled()
    assert inbox.authorise_button.isHidden()
    assert refusals(core, "kodomo1") == [] and message_boxes == []

    # A supervisor without an authorisation sees the same, and authorises the staff member.
    boss = inbox_of(qtbot, context, protected.boss2)
    assert all(item.withheld for item in boss.items)
    assert boss.authorise_button.isEnabled() and not boss.authorise_button.isHidden()
    asked = authorise_with(monkeypatch, "本人の申出により確認", "kodomo1")
    boss.authorise_button.click()
    qtbot.waitUntil(lambda: not boss.is_loading() and not context.runner.is_busy())
    assert asked == [["kodomo1"]]  # the department's staff are offered
    assert all(item.withheld for item in boss.items)  # it was given to kodomo1, not to him

    inbox.reload()
    qtbot.waitUntil(lambda: not inbox.is_loading() and not context.runner.is_busy())
    assert not any(item.withheld for item in inbox.items)
    assert "佐藤 健太" in inbox.detail.text()
    assert "許可に基づいて表示" in inbox.detail.text()
    assert inbox.forms_button.isEnabled()
    qtbot.waitUntil(lambda: inbox.log.topLevelItemCount() > 0)
    assert message_boxes == []


def test_the_visit_window_says_why_it_is_refused_and_a_supervisor_authorises(
    qtbot, core, make_context, protected, message_boxes, monkeypatch
):
    context = make_context()
    number = protected.visit.visit_number

    # The clerk types the number: refused, said in Japanese, nothing opens.
    box = OpenVisitBox(context, protected.clerk)
    qtbot.addWidget(box)
    box.edit.setText(number)
    with qtbot.waitSignal(box.refused, timeout=10_000) as refused:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert number in refused.args[0] and "支援措置" in refused.args[0]
    assert box.window_shown is None and not box.message.isHidden()
    assert len(refusals(core, "madoguchi")) == 1

    # A supervisor's window: the refusal, no procedures, and 閲覧を許可.
    panel = VisitPanel(context, protected.boss2, number)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: not panel.message.isHidden(), timeout=10_000)
    assert "支援措置" in panel.message.text()
    assert panel.tree.topLevelItemCount() == 0 and panel.visit is None
    assert not panel.forms_button.isEnabled() and not panel.close_button.isEnabled()
    assert not panel.authorise_button.isHidden()
    authorise_with(monkeypatch, "本人確認済み", None)
    panel.authorise_button.click()
    qtbot.waitUntil(lambda: panel.visit is not None, timeout=10_000)
    assert panel.tree.topLevelItemCount() == len(protected.visit.procedures)
    assert not panel.protected_note.isHidden() and panel.message.isHidden()

    # When the authorisation lapses, the next read empties the window again.
    monkeypatch.setattr(
        core.residents,
        "_now",
        lambda: utcnow() + timedelta(minutes=SUPPORT_OVERRIDE_MINUTES + 1),
    )
    panel.reload()
    qtbot.waitUntil(lambda: panel.visit is None, timeout=10_000)
    assert panel.tree.topLevelItemCount() == 0 and not panel.message.isHidden()

    # The clerk's own window never offers to authorise.
    clerk_panel = VisitPanel(context, protected.clerk, number)
    qtbot.addWidget(clerk_panel)
    qtbot.waitUntil(lambda: not clerk_panel.message.isHidden(), timeout=10_000)
    assert clerk_panel.authorise_button.isHidden()
    assert message_boxes == []

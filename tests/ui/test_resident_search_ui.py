"""The window clerk finds a resident and opens the record with the keyboard only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel
from sqlalchemy import select, update

from counter_app.db.models import AuditEntry, Resident, ResidentMyNumber, SupportMeasure
from counter_app.demo import fill_demo_city
from counter_app.permissions import RoleCode
from counter_app.search.service import MatchRank, SearchHit
from tests.ui.support import PASSWORD
from ui.main_window import MainWindow
from ui.message_box import MessageBox
from ui.residents.purpose_dialog import PurposeDialog
from ui.residents.search_model import ADDRESS, NAME, SearchResultsModel


@pytest.fixture
def city(core):
    fill_demo_city(
        core.engine, 1000, progress=False, keys=core.keys
    )  # 1,000 always hold a 支援措置
    return core


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        MessageBox,
        "error",
        classmethod(lambda cls, parent, title, text: shown.append((title, text))),
    )
    return shown


def protected_ids(core) -> set[int]:
    with core.db.read() as s:
        return set(s.scalars(select(SupportMeasure.resident_id)))


def findable_resident(core, actor) -> Resident:
    """A resident (not protected) whom a search for the full kana name lists first."""
    hidden = protected_ids(core)
    with core.db.read() as s:
        people = list(s.scalars(select(Resident).order_by(Resident.id)))
    for person in people:
        if person.id in hidden:
            continue
        hits = core.search.search(actor, f"{person.surname_kana} {person.given_name_kana}")
        if hits and hits[0].resident_id == person.id:
            return person
    raise AssertionError("no findable resident in the demo city")


def type_text(widget, text: str) -> None:
    """Key events carrying kana, as the input method delivers them (QTest.keyClicks only
    knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def open_screen(qtbot, make_context, actor):
    window = MainWindow(make_context(), actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, window.role_screen.workspace


def test_clerk_finds_and_opens_a_record_with_the_keyboard_only(qtbot, make_context, city, clerk):
    resident = findable_resident(city, clerk)
    _window, workspace = open_screen(qtbot, make_context, clerk)
    panel, view = workspace.search_panel, workspace.record_view

    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.search_box)
    type_text(QApplication.focusWidget(), f"{resident.surname_kana} {resident.given_name_kana}")
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert panel.model.rowCount() >= 1

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.table
    assert panel.table.currentIndex().row() == 0
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    name = view.findChild(QLabel, "recordName")
    assert name.text() == resident.name_kanji
    assert view.record.person.resident_id == resident.id
    past = view.findChild(QGroupBox, "pastVisits")
    assert past.title() == "来庁履歴（世帯）"
    assert "記録された来庁はありません。" in {label.text() for label in past.findChildren(QLabel)}
    # the view was audited, and Escape goes back to the search box
    with city.db.read() as s:
        views = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "resident.view")))
    assert [(v.login, v.subject_id) for v in views] == [("madoguchi", str(resident.id))]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is panel.search_box


def test_arrows_move_through_the_results(qtbot, make_context, city, clerk):
    _window, workspace = open_screen(qtbot, make_context, clerk)
    panel = workspace.search_panel
    panel.search_box.setText("タカハシ")
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.search()
    if panel.model.rowCount() < 2:
        pytest.skip("the demo city has fewer than two タカハシ")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.table.currentIndex().row() == 1
    chosen: list[int] = []
    panel.resident_chosen.connect(chosen.append)
    qtbot.keyClick(panel.table, Qt.Key.Key_Enter)
    assert chosen == [panel.model.row(1).resident_id]


def test_an_impossible_date_shows_the_message(qtbot, make_context, city, clerk):
    _window, workspace = open_screen(qtbot, make_context, clerk)
    panel = workspace.search_panel
    panel.search_box.setText("S60.2.30")
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.search()
    assert panel.model.rowCount() == 0
    assert panel.status.text() != ""


def hit(resident_id: int, protected: bool) -> SearchHit:
    return SearchHit(
        resident_id=resident_id,
        name="髙橋\u3000一郎",
        kana="タカハシ\u3000イチロウ",
        birth_date=date(1985, 8, 22),
        birth_date_wareki="昭和60年8月22日（41歳）",
        age=41,
        address=None if protected else "東京都みどり市緑町1-2-3",
        katagaki=None if protected else "みどりハイツ101",
        household_no=None if protected else "H1",
        support_measure=protected,
        rank=MatchRank.EXACT,
    )


def test_results_model_holds_plain_hits_and_hides_protected_addresses(qtmodeltester):
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_rows([hit(1, False), hit(2, True)])
    qtmodeltester.check(model)
    assert model.columnCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["氏名", "カナ", "生年月日（和暦・年齢）", "住所"]
    assert model.data(model.index(0, NAME)) == "髙橋\u3000一郎"
    assert model.data(model.index(0, ADDRESS)) == "東京都みどり市緑町1-2-3 みどりハイツ101"
    assert model.data(model.index(1, ADDRESS)) == "支援措置対象のため住所は表示しません"
    texts = [model.data(model.index(r, c)) for r in range(2) for c in range(4)]
    assert not any("*" in (t or "") for t in texts)


def test_protected_hit_in_the_demo_city_shows_the_warning(qtbot, make_context, city, clerk):
    hidden = sorted(protected_ids(city))
    assert hidden
    with city.db.read() as s:
        person = s.get(Resident, hidden[0])
        kana = f"{person.surname_kana} {person.given_name_kana}"
    _window, workspace = open_screen(qtbot, make_context, clerk)
    panel, view = workspace.search_panel, workspace.record_view
    panel.search_box.setText(kana)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.search()
    rows = [r for r in range(panel.model.rowCount()) if panel.model.row(r).resident_id == person.id]
    assert rows
    assert panel.model.data(panel.model.index(rows[0], ADDRESS)) == (
        "支援措置対象のため住所は表示しません"
    )
    # the clerk opening it sees only the warning, with no way to authorise
    with qtbot.waitSignal(view.protected_shown, timeout=10_000):
        view.open(person.id)
    assert view.stack.currentWidget() is view.protected_page
    assert view.authorise_button.isHidden()
    assert view.findChild(QLabel, "recordName") is None


def test_supervisor_authorises_a_protected_record_with_a_reason(
    qtbot, make_context, city, add_user, monkeypatch
):
    add_user("kantoku", "監督 一郎", (RoleCode.SUPERVISOR, RoleCode.WINDOW_CLERK))
    boss = city.auth.login("kantoku", PASSWORD, city.terminal)
    person_id = sorted(protected_ids(city))[0]
    _window, workspace = open_screen(qtbot, make_context, boss)
    view = workspace.record_view
    with qtbot.waitSignal(view.protected_shown, timeout=10_000):
        view.open(person_id)
    assert not view.authorise_button.isHidden()
    asked: list[str] = []

    def ask(cls, parent, title, prompt, suggestions=()):
        asked.append(title)
        return "本人が来庁し、本人確認済み"

    monkeypatch.setattr(PurposeDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        view.authorise_button.click()
    assert asked and view.record.person.resident_id == person_id and view.record.protected
    with city.db.read() as s:
        granted = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "resident.support_measure_authorised")
        ).one()
    assert granted.purpose == "本人が来庁し、本人確認済み"


def test_reveal_my_number_asks_for_a_purpose(qtbot, make_context, city, clerk, monkeypatch):
    resident = findable_resident(city, clerk)
    _window, workspace = open_screen(qtbot, make_context, clerk)
    view = workspace.record_view
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        view.open(resident.id)
    masked = view.my_number_label.text()
    if view.record.masked_my_number is None:
        pytest.skip("this demo resident has no My Number")
    assert masked.startswith("********") and len(masked) == 12

    monkeypatch.setattr(PurposeDialog, "ask", classmethod(lambda cls, *a, **k: None))
    view.reveal_button.click()  # cancelled: nothing shown, nothing logged
    assert view.my_number_label.text() == masked

    monkeypatch.setattr(
        PurposeDialog, "ask", classmethod(lambda cls, *a, **k: "国民健康保険の手続き")
    )
    view.reveal_button.click()
    qtbot.waitUntil(lambda: "*" not in view.my_number_label.text(), timeout=10_000)
    assert view.my_number_label.text().endswith(masked[-4:])
    with city.db.read() as s:
        shown = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "resident.my_number_shown")
        ).one()
    assert shown.purpose == "国民健康保険の手続き" and shown.subject_id == str(resident.id)


def test_a_my_number_that_does_not_open_leaves_the_record_usable(qtbot, make_context, city, clerk):
    resident = findable_resident(city, clerk)
    table = ResidentMyNumber.__table__
    with city.engine.begin() as connection:
        connection.execute(
            update(table).where(table.c.resident_id == resident.id).values(sealed="altered:AAAA")
        )
    _window, workspace = open_screen(qtbot, make_context, clerk)
    view = workspace.record_view
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        view.open(resident.id)
    assert view.findChild(QLabel, "recordName").text() == resident.name_kanji
    assert view.my_number_label.text() == "復号できません（鍵ファイルを確認してください）"
    assert not view.reveal_button.isEnabled()


def test_record_view_shows_household_departments_and_notices(qtbot, make_context, city, clerk):
    resident = findable_resident(city, clerk)
    _window, workspace = open_screen(qtbot, make_context, clerk)
    view = workspace.record_view
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        view.open(resident.id)
    members = view.findChild(object, "householdMembers")
    assert members.rowCount() == len(view.record.household.members)
    names = {members.item(r, 0).text() for r in range(members.rowCount())}
    assert resident.name_kanji in names
    notices = view.findChildren(QLabel, "notice")
    assert len(notices) == len(view.record.notices)


def test_english_labels(qtbot, make_context, city, clerk, english):
    window = MainWindow(make_context(language="en"), clerk)
    qtbot.addWidget(window)
    panel = window.role_screen.workspace.search_panel
    titles = {label.text() for label in window.role_screen.findChildren(QLabel)}
    assert "Resident search" in titles
    headers = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Name", "Kana", "Date of birth (Japanese era, age)", "Address"]
    assert "Search for a resident and press Enter to show the record here." in titles
    assert panel.status.text() == "Type a name or date of birth and press Enter to search."

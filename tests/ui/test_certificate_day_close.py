"""日計: the day's takings per fee kind, the 金種表 whose total and difference follow the
typing, 「記録」, a supervisor's sign-off, and voids: a clerk cannot, a supervisor can
with a reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app import clock
from counter_app.certificates.model import (
    CertificateItem,
    CertificateRequest,
    PaymentInput,
    PaymentMethod,
    Requester,
    RequesterKind,
)
from counter_app.db.models import Resident, SupportMeasure
from counter_app.demo import fill_demo_city
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import RoleCode
from tests.ui.certificate_support import keep_screen, show
from tests.ui.support import PASSWORD
from ui.certificates.day_close import DayCloseScreen
from ui.certificates.void_dialog import VoidDialog


@pytest.fixture
def city(core):
    fill_demo_city(core.engine, 200, progress=False, keys=core.keys)
    return core


@pytest.fixture
def supervisor(core, add_user):
    add_user("kantoku", name="監督 一郎", roles=(RoleCode.SUPERVISOR,))
    return core.auth.login("kantoku", PASSWORD, core.terminal)


def an_unprotected_atena(core) -> str:
    with core.db.read() as s:
        protected = set(s.scalars(select(SupportMeasure.resident_id)))
        for resident in s.scalars(select(Resident).order_by(Resident.id)):
            if resident.id not in protected:
                return resident.atena_no
    raise AssertionError("no unprotected resident")


def issue(core, actor, copies: int, received: int):
    request = CertificateRequest(
        subject=an_unprotected_atena(core),
        requester=Requester(RequesterKind.SELF, "mynumber_card"),
        items=(CertificateItem("juminhyo", copies),),
    )
    payment = PaymentInput(PaymentMethod.CASH, received_yen=received)
    return core.certificates.issue(actor, request, payment, window=2)


def open_day_close(qtbot, context, actor) -> DayCloseScreen:
    screen = DayCloseScreen(context, actor)
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        show(qtbot, screen, (1180, 900))
    return screen


def type_pieces(qtbot, screen: DayCloseScreen, denomination: int, pieces: str) -> None:
    box = screen.piece_boxes[denomination]
    box.selectAll()
    qtbot.keyClicks(box, pieces)


def test_the_day_close_shows_the_takings_and_the_difference_as_the_count_is_typed(
    qtbot, make_context, city, clerk, supervisor
):
    issue(city, clerk, 1, 1000)
    issue(city, clerk, 2, 1000)
    screen = open_day_close(qtbot, make_context(), clerk)
    assert screen.summary["payments"].text() == "2"
    assert screen.summary["cash"].text() == "900円"
    assert screen.summary["total"].text() == "900円"
    kinds = [
        [screen.kinds_table.item(r, c).text() for c in range(4)]
        for r in range(screen.kinds_table.rowCount())
    ]
    assert kinds == [["住民票の写し", "3", "0", "900円"]]
    assert screen.expected_label.text() == "900円"

    type_pieces(qtbot, screen, 500, "1")
    type_pieces(qtbot, screen, 100, "3")
    assert screen.counted_label.text() == "800円"
    assert screen.difference_label.text() == "-100円"
    type_pieces(qtbot, screen, 100, "4")
    assert screen.counted_label.text() == "900円"
    assert screen.difference_label.text() == "0円"
    type_pieces(qtbot, screen, 10, "2")
    assert screen.difference_label.text() == "+20円"
    keep_screen(screen, "day-close-ja")

    with qtbot.waitSignal(screen.counted, timeout=10_000) as counted:
        qtbot.keyClick(screen.piece_boxes[10], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    count = counted.args[0]
    assert (count.counted_yen, count.expected_yen, count.difference_yen) == (920, 900, 20)
    assert count.counts[500] == 1 and count.counts[100] == 4 and count.counts[10] == 2
    qtbot.waitUntil(lambda: "承認待ち" in screen.count_state.text(), timeout=10_000)
    # a clerk does not sign off; a supervisor does, on the same day and window
    assert not screen.sign_button.isVisible()
    boss = open_day_close(qtbot, make_context(), supervisor)
    assert boss.piece_boxes[10].value() == 2  # the count recorded is shown
    with qtbot.waitSignal(boss.signed, timeout=10_000) as signed:
        boss.sign_button.click()
    assert signed.args[0].signed_off_by
    report = city.certificates.day_report(clock.today(), 2)
    assert report.cash_counts[-1].signed_off_by == signed.args[0].signed_off_by


def test_a_clerk_cannot_void_and_a_supervisor_voids_with_a_reason(
    qtbot, make_context, city, clerk, supervisor, monkeypatch
):
    first = issue(city, clerk, 1, 300).payment
    issue(city, clerk, 1, 500)
    screen = open_day_close(qtbot, make_context(), clerk)
    screen.payments_table.selectRow(0)
    assert not screen.void_button.isEnabled()
    assert screen.void_button.toolTip() == "取消は監督者だけが行えます。"
    monkeypatch.setattr(VoidDialog, "ask", classmethod(lambda cls, *a: pytest.fail("asked")))
    screen.void_selected()
    with pytest.raises(CounterAppError) as refused:
        city.certificates.void(clerk, first.receipt_number, "誤り")
    assert refused.value.code is ErrorCode.PERMISSION_DENIED

    boss = open_day_close(qtbot, make_context(), supervisor)
    row = [p.receipt_number for p in boss.payments].index(first.receipt_number)
    boss.payments_table.selectRow(row)
    assert boss.void_button.isEnabled()
    # no reason, no void
    monkeypatch.setattr(VoidDialog, "ask", classmethod(lambda cls, *a: None))
    boss.void_selected()
    assert not city.certificates.payment(first.receipt_number).voided
    monkeypatch.setattr(
        VoidDialog, "ask", classmethod(lambda cls, *a: "交付誤り（種類・通数の誤り）")
    )
    with (
        qtbot.waitSignal(boss.loaded, timeout=10_000),
        qtbot.waitSignal(boss.voided, timeout=10_000),
    ):
        boss.void_selected()
    voided = city.certificates.payment(first.receipt_number)
    assert voided.voided and voided.void_reason == "交付誤り（種類・通数の誤り）"
    assert boss.payments_table.item(row, 5).text() == "取消（交付誤り（種類・通数の誤り））"
    assert boss.summary["voided"].text() == "1"
    assert boss.summary["cash"].text() == "300円"


def test_the_void_dialog_needs_a_reason(qtbot, city, clerk):
    payment = issue(city, clerk, 1, 300).payment
    dialog = VoidDialog(None, payment)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setEditText("  ")
    assert not ok.isEnabled()
    dialog.reason.setEditText("請求者の申出")
    assert ok.isEnabled()

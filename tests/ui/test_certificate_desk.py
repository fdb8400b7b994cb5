"""The certificate desk at the window: a 住民票 issued for cash with the change shown,
the options an agent may not ask for switched off with the reason, and a refusal shown
as the core words it with nothing issued."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app import clock
from counter_app.certificates.model import PaymentInput, PaymentMethod, RequesterKind, Scope
from counter_app.db.models import Resident, SealRegistration, SupportMeasure
from counter_app.demo import fill_demo_city
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.outbox import PrintJobKind
from counter_app.permissions import RoleCode
from devices.fakes import FakePrinter
from devices.payment_fake import FakePaymentTerminal
from station.fee_receipts import fee_receipt_order
from tests.certificates.desk import request
from tests.ui.certificate_support import (
    SCREENSHOT_DIR,
    CashAnswer,
    add_certificate,
    keep_screen,
    open_desk,
    open_resident,
)
from tests.ui.support import PASSWORD
from tests.ui.test_resident_search_ui import (
    findable_resident,
    no_message_boxes,  # noqa: F401 (fixture)
)
from ui.certificates.desk import CertificateDesk
from ui.certificates.payment_dialog import PaymentDialog, parse_yen
from ui.forms.printing_ops import page_images
from ui.outbox.alarms import KIND, LABEL, STATE
from ui.queue.floor_screen import FloorScreen

LAW_ONLY = ("my_number", "juminhyo_code")  # the person or the household only


@pytest.fixture
def printer():
    fake = FakePrinter().start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def config(config, printer):
    """This PC's ticket printer (the 領収書) is the fake one."""
    devices = dataclasses.replace(config.devices, ticket_printer=printer.url)
    return dataclasses.replace(config, devices=devices)


@pytest.fixture
def city(core):
    fill_demo_city(core.engine, 300, progress=False, keys=core.keys)
    return core


def issued_payments(core) -> int:
    return core.certificates.day_report(clock.today()).payments


def test_the_desk_issues_a_residence_certificate_for_cash_and_shows_the_change(
    qtbot, make_context, city, clerk, printer, monkeypatch
):
    desk = open_desk(qtbot, make_context(), clerk)
    resident = open_resident(qtbot, desk, city, clerk)
    assert resident.name_kanji in desk.subject_label.text()
    add_certificate(qtbot, desk, "juminhyo", options=["head"], copies=2)
    assert desk.total_label.text() == "600円"
    assert desk.lines.table.rowCount() == 1
    assert desk.lines.table.item(0, 4).text() == "600円"
    keep_screen(desk.window(), "certificate-desk-ja")

    answer = CashAnswer(qtbot, "500", "1000")
    monkeypatch.setattr(PaymentDialog, "present", staticmethod(answer))
    with qtbot.waitSignal(desk.issued, timeout=10_000) as issued:
        qtbot.keyClick(desk.editor.kind_box, Qt.Key.Key_F9)
    # 500 円 is refused (short by 100 円), 1,000 円 gives 400 円 change
    assert answer.total == "600円"
    assert answer.seen == [
        ("500", "—", "お預かりが合計に 100円 足りません。", False),
        ("1000", "400円", "", True),
    ]
    issuance = issued.args[0]
    paid = issuance.payment
    assert (paid.method, paid.total_yen, paid.received_yen, paid.change_yen) == (
        PaymentMethod.CASH,
        600,
        1000,
        400,
    )
    assert len(issuance.certificates) == 2  # a 発行番号 per copy
    assert "お釣り 400円" in desk.message.text()
    assert paid.receipt_number in desk.message.text()
    assert city.certificates.payment(paid.receipt_number).change_yen == 400
    # the 領収書 waits in the outbox for this PC's ticket printer; the request is cleared
    jobs = city.outbox.pending_jobs(printer.url)
    assert [j.kind for j in jobs if j.label == paid.receipt_number] == [PrintJobKind.FEE_RECEIPT]
    assert desk.items == [] and desk.total_label.text() == "0円"

    # the certificates' PDF opens, one page per copy at least
    qtbot.waitUntil(lambda: desk.pdf_dialog is not None, timeout=20_000)
    assert len(desk.pdf_dialog.page_labels) >= 2
    if SCREENSHOT_DIR:
        page_images(desk.pdf_dialog.prepared.pdf, 100)[0].save(
            f"{SCREENSHOT_DIR}/certificate-pdf-ja.png"
        )


def test_options_an_agent_may_not_ask_for_are_off_with_the_reason(qtbot, make_context, city, clerk):
    desk = open_desk(qtbot, make_context(), clerk)
    open_resident(qtbot, desk, city, clerk)
    editor = desk.editor
    editor.choose_kind("juminhyo")
    assert all(editor.option_boxes[o].isEnabled() for o in LAW_ONLY)

    qtbot.keyClick(desk.requester_box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert desk.requester_box.kind() is RequesterKind.AGENT
    assert desk.requester_box.mandate_box.isVisibleTo(desk)
    for option_id in LAW_ONLY:
        assert not editor.option_boxes[option_id].isEnabled()
        reason = editor.option_reasons[option_id]
        assert reason.isVisibleTo(desk)
        assert reason.text() == "本人・同一世帯の請求に限り記載できます"
    assert editor.option_boxes["honseki"].isEnabled()

    # a third party: not 本籍 either, and no 印鑑登録証明書 at all
    qtbot.keyClick(desk.requester_box, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert not editor.option_boxes["honseki"].isEnabled()
    assert editor.option_boxes["previous_address"].isEnabled()
    editor.choose_kind("inkan")
    assert editor.kind_reason.isVisibleTo(desk)
    assert editor.kind_reason.text() == "本人・同一世帯・代理人が請求できます"
    desk.add_item()
    assert desk.items == [] and "代理人が請求できます" in desk.message.text()

    # an option ticked for the person is not sent once an agent asks
    qtbot.keyClick(desk.requester_box, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    editor.choose_kind("juminhyo")
    editor.option_boxes["my_number"].setChecked(True)
    qtbot.keyClick(desk.requester_box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert "my_number" not in editor.item().options


def test_an_agent_without_a_mandate_is_refused_as_the_core_words_it(
    qtbot, make_context, city, clerk, monkeypatch
):
    desk = open_desk(qtbot, make_context(), clerk)
    open_resident(qtbot, desk, city, clerk)
    qtbot.keyClick(desk.requester_box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    desk.requester_box.name_edit.setText("代理 一郎")
    add_certificate(qtbot, desk, "juminhyo")
    monkeypatch.setattr(
        PaymentDialog, "present", staticmethod(lambda _d: pytest.fail("no payment for a refusal"))
    )
    request = desk.request()
    with pytest.raises(CounterAppError) as refused:
        city.certificates.check(clerk, request)
    with qtbot.waitSignal(desk.refused, timeout=10_000) as shown:
        desk.pay()
    assert shown.args[0] == message_for(refused.value, "ja")
    assert desk.message.objectName() == "error" and desk.message.text() == shown.args[0]
    assert issued_payments(city) == 0
    assert desk.items  # the request stays for the clerk to put right


def a_household_of_three(core) -> tuple[Resident, Resident, Resident]:
    """Three residents of one household, none under a 支援措置."""
    with core.db.read() as s:
        protected = set(s.scalars(select(SupportMeasure.resident_id)))
        people = list(s.scalars(select(Resident).order_by(Resident.id)))
    by_household: dict[int, list[Resident]] = {}
    for person in people:
        if person.id not in protected:
            by_household.setdefault(person.household_id, []).append(person)
    return next(tuple(members[:3]) for members in by_household.values() if len(members) >= 3)


def test_a_household_copy_showing_a_protected_member_is_refused_and_nothing_issued(
    qtbot, make_context, city, clerk, monkeypatch
):
    subject, member, asker = a_household_of_three(city)
    desk = open_desk(qtbot, make_context(), clerk)
    with qtbot.waitSignal(desk.record_view.record_shown, timeout=10_000):
        desk.open_resident(subject.id)
    # the household's other member comes under a 支援措置 (granted today)
    with city.db.write() as s:
        s.add(SupportMeasure(resident_id=member.id, kind="dv", started_on=clock.today()))
    qtbot.keyClick(desk.requester_box, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    desk.requester_box.name_edit.setText(f"{asker.surname_kanji} {asker.given_name_kanji}")
    desk.editor.choose_kind("juminhyo")
    desk.editor.scope_buttons[Scope.HOUSEHOLD].setChecked(True)
    add_certificate(qtbot, desk, "juminhyo")
    assert desk.items[0].scope is Scope.HOUSEHOLD
    monkeypatch.setattr(
        PaymentDialog, "present", staticmethod(lambda _d: pytest.fail("no payment for a refusal"))
    )
    with qtbot.waitSignal(desk.refused, timeout=10_000) as shown:
        qtbot.keyClick(desk.editor.kind_box, Qt.Key.Key_F9)
    with pytest.raises(CounterAppError) as refused:
        city.certificates.check(clerk, desk.request())
    assert refused.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
    assert shown.args[0] == message_for(refused.value, "ja")
    assert issued_payments(city) == 0


def test_amounts_are_read_as_a_clerk_types_them():
    assert parse_yen("1000") == 1000
    assert parse_yen("１，０００") == 1000
    assert parse_yen("5,000円") == 5000
    assert parse_yen("") is None
    assert parse_yen("12a") is None


def test_the_desk_reports_its_subject_only_once_a_record_is_open(qtbot, make_context, city, clerk):
    desk = open_desk(qtbot, make_context(), clerk)
    assert isinstance(desk, CertificateDesk)
    assert desk.subject is None and desk.request() is None
    assert not desk.pay_button.isEnabled()


@pytest.fixture
def terminal():
    fake = FakePaymentTerminal().start()
    yield fake
    fake.stop()


def test_a_cashless_payment_is_charged_on_the_terminal_then_issued(
    qtbot, make_context, core, config, terminal, clerk, monkeypatch
):
    fill_demo_city(core.engine, 300, progress=False, keys=core.keys)
    devices = dataclasses.replace(config.devices, payment_terminal=terminal.url)
    monkeypatch.setattr(core, "config", dataclasses.replace(config, devices=devices))
    desk = open_desk(qtbot, make_context(), clerk)
    open_resident(qtbot, desk, core, clerk)
    add_certificate(qtbot, desk, "juminhyo")

    def pay_by_card(dialog: PaymentDialog) -> int:
        dialog.method_buttons[PaymentMethod.CASHLESS].setChecked(True)
        dialog.take_payment()
        qtbot.waitUntil(lambda: dialog.payment() is not None, timeout=10_000)
        return dialog.result()

    monkeypatch.setattr(PaymentDialog, "present", staticmethod(pay_by_card))
    with qtbot.waitSignal(desk.issued, timeout=10_000) as issued:
        desk.pay()
    paid = issued.args[0].payment
    [charge] = terminal.charges
    assert (paid.method, paid.cashless_method, paid.total_yen) == (
        PaymentMethod.CASHLESS,
        "credit",
        charge.amount_yen,
    )
    assert charge.amount_yen == 300
    assert "キャッシュレス 300円" in desk.message.text()


def test_the_request_form_opens_filled_in_for_the_signature(qtbot, make_context, city, clerk):
    desk = open_desk(qtbot, make_context(), clerk)
    resident = open_resident(qtbot, desk, city, clerk)
    qtbot.keyClick(desk.requester_box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    desk.requester_box.name_edit.setText("代理 一郎")
    desk.requester_box.mandate_box.setChecked(True)
    add_certificate(qtbot, desk, "juminhyo", copies=2)
    with qtbot.waitSignal(desk.request_form_shown, timeout=20_000) as shown:
        qtbot.keyClick(desk.editor.kind_box, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = shown.args[0]
    qtbot.addWidget(preview)
    [form] = preview.bundle.forms
    assert form.form_id == "certificate_request"
    values = {value.key: value.text for value in form.fields}
    assert values["subject_name"] == resident.name_kanji
    assert values["requester_name"] == "代理 一郎"
    assert "住民票の写し" in values["certificate_type"]
    assert issued_payments(city) == 0  # a form, not an issue


def test_an_exemption_chosen_at_the_desk_is_free_and_recorded(
    qtbot, make_context, city, clerk, monkeypatch
):
    desk = open_desk(qtbot, make_context(), clerk)
    open_resident(qtbot, desk, city, clerk)
    add_certificate(qtbot, desk, "juminhyo")
    with qtbot.waitSignal(desk.quoted, timeout=10_000):
        desk.exemption_box.setCurrentIndex(desk.exemption_box.findData("official"))
    assert desk.total_label.text() == "0円"
    seen = {}

    def exempt(dialog: PaymentDialog) -> int:
        seen["method"], seen["total"] = dialog.method(), dialog.total_label.text()
        dialog.method_buttons[PaymentMethod.CASH].setChecked(True)  # the fee after all …
        seen["cash_total"] = dialog.total_label.text()
        dialog.method_buttons[PaymentMethod.EXEMPT].setChecked(True)  # … no: 公用
        dialog.take_payment()
        return dialog.result()

    monkeypatch.setattr(PaymentDialog, "present", staticmethod(exempt))
    with qtbot.waitSignal(desk.issued, timeout=10_000) as issued:
        desk.pay()
    assert seen == {
        "method": PaymentMethod.EXEMPT,
        "total": "お支払いなし（減免）",
        "cash_total": "300円",
    }
    paid = issued.args[0].payment
    assert (paid.method, paid.total_yen, paid.exemption_id) == (PaymentMethod.EXEMPT, 0, "official")


def test_a_seal_certificate_needs_the_card_whose_number_matches(
    qtbot, make_context, city, clerk, monkeypatch
):
    with city.db.read() as s:
        protected = set(s.scalars(select(SupportMeasure.resident_id)))
        seal = next(
            r
            for r in s.scalars(select(SealRegistration).order_by(SealRegistration.resident_id))
            if r.abolished_on is None and r.resident_id not in protected
        )
        number = seal.registration_number
    desk = open_desk(qtbot, make_context(), clerk)
    with qtbot.waitSignal(desk.record_view.record_shown, timeout=10_000):
        desk.open_resident(seal.resident_id)
    desk.editor.choose_kind("inkan")
    assert desk.editor.seal_edit.isVisibleTo(desk)
    qtbot.keyClicks(desk.editor.seal_edit, "999999")
    add_certificate(qtbot, desk, "inkan")
    monkeypatch.setattr(PaymentDialog, "present", staticmethod(CashAnswer(qtbot, "300")))
    with qtbot.waitSignal(desk.refused, timeout=10_000) as shown:
        desk.pay()
    assert shown.args[0] == message_for(
        CounterAppError(ErrorCode.CERTIFICATE_SEAL_CARD_MISMATCH), "ja"
    )
    assert issued_payments(city) == 0

    desk.lines.table.selectRow(0)
    qtbot.keyClick(desk.lines.table, Qt.Key.Key_Delete)  # the wrong card's line goes
    assert desk.items == []
    desk.editor.choose_kind("inkan")
    qtbot.keyClicks(desk.editor.seal_edit, number)
    add_certificate(qtbot, desk, "inkan")
    assert [i.seal_card_number for i in desk.items] == [number]
    with qtbot.waitSignal(desk.issued, timeout=10_000) as issued:
        desk.pay()
    [certificate] = issued.args[0].certificates
    assert certificate.kind_id == "inkan"


def test_a_fee_receipt_waiting_for_paper_shows_on_the_floor_as_a_receipt(
    qtbot, make_context, city, clerk, add_user, printer
):
    resident = findable_resident(city, clerk)
    order = fee_receipt_order(city.certificates.catalog, city.municipality_name(), printer.url)
    paid = PaymentInput(PaymentMethod.CASH, received_yen=300)
    issuance = city.certificates.issue(
        clerk, request(resident.atena_no), paid, window=1, receipt=order
    )
    city.outbox.mark_waiting(printer.url, "another-pc", "paper_end")

    add_user("annai", name="案内 次郎", roles=(RoleCode.FLOOR_MANAGER,))
    floor = FloorScreen(make_context(), city.auth.login("annai", PASSWORD, city.terminal))
    qtbot.addWidget(floor)
    floor.show()
    qtbot.waitUntil(lambda: floor.alarms.isVisible(), timeout=5000)
    table = floor.alarms.table
    assert {column: table.item(0, column).text() for column in (KIND, LABEL, STATE)} == {
        KIND: "領収書",
        LABEL: issuance.payment.receipt_number,
        STATE: "印刷待ち（紙切れ）",
    }
    floor.shut_down()

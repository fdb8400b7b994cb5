"""`counter-app certificate kinds|issue` end to end, as IT staff run it, on a demo city
in SQLite and in PostgreSQL: the kinds table; an issue paid in cash with change, one
減免, one cashless through the fake payment terminal; refusals and bad input exiting 2
with one line and nothing issued. Real parts: the command in its own process, the PDF
read back with pdftotext, the 領収書 on a fake printer on a local socket read back by
the printer decoder."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.db.models import AuditEntry, Household, PrintJob, Resident
from counter_app.demo.city import fill_demo_city
from counter_app.demo.staff import finish_demo
from counter_app.permissions import console_actor
from devices.decoders.printer import Barcode
from devices.fakes import FakePrinter
from devices.payment_fake import FakePaymentTerminal
from tests.helpers import TERMINAL, run_cli

LINE = re.compile(
    r"certificate no=(?P<numbers>C\d{8}-\d{5}(,C\d{8}-\d{5})*) kind=(?P<kind>\w+) "
    r"copies=(?P<copies>\d+) fee=(?P<fee>\d+) paid=(?P<paid>\d+) change=(?P<change>\d+)"
)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter().start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def terminal() -> Iterator[FakePaymentTerminal]:
    fake = FakePaymentTerminal().start()
    yield fake
    fake.stop()


@pytest.fixture
def database(database_url) -> str:
    """A small demo city with the demo staff (madoguchi is a window clerk), on an SQLite
    file and on PostgreSQL."""
    url = database_url
    app = CounterApp.open(Config(database_url=url, terminal_name=TERMINAL))
    try:

        def staff(connection: Connection) -> None:
            with app.db.write_within(connection) as session:
                finish_demo(session, console_actor(TERMINAL))

        fill_demo_city(app.engine, 80, progress=False, keys=app.keys, finish=staff)
    finally:
        app.close()
    return url


@pytest.fixture
def config_file(tmp_path, database, printer, terminal) -> Path:
    path = tmp_path / "window.toml"
    path.write_text(
        f'[terminal]\nname = "{TERMINAL}"\nwindow_number = 3\n'
        f'[database]\nurl = "{database}"\n'
        f'[devices]\nticket_printer = "{printer.url}"\npayment_terminal = "{terminal.url}"\n',
        encoding="utf-8",
    )
    return path


def resident(database: str, *, household_of: int = 1) -> tuple[str, str]:
    """(atena number, surname) of a resident living here in a household of at least
    `household_of` people."""
    app = CounterApp.open(Config(database_url=database, terminal_name=TERMINAL))
    try:
        with app.db.read() as session:
            big = (
                select(Resident.household_id)
                .where(Resident.status == "resident")
                .group_by(Resident.household_id)
                .having(func.count() >= household_of)
            )
            row = session.execute(
                select(Resident.atena_no, Resident.surname_kanji)
                .join(Household, Household.id == Resident.household_id)
                .where(Resident.household_id.in_(big), Resident.status == "resident")
                .order_by(Resident.id)
                .limit(1)
            ).one()
            return row.atena_no, row.surname_kanji
    finally:
        app.close()


def other_member(database: str, atena: str) -> str:
    """The name of another resident of `atena`'s household, as a clerk would type it."""
    app = CounterApp.open(Config(database_url=database, terminal_name=TERMINAL))
    try:
        with app.db.read() as session:
            household = select(Resident.household_id).where(Resident.atena_no == atena)
            member = session.scalars(
                select(Resident)
                .where(Resident.household_id == household.scalar_subquery())
                .where(Resident.atena_no != atena)
                .order_by(Resident.id)
                .limit(1)
            ).one()
            return f"{member.surname_kanji} {member.given_name_kanji}"
    finally:
        app.close()


def fee_receipt_jobs(database: str) -> int:
    app = CounterApp.open(Config(database_url=database, terminal_name=TERMINAL))
    try:
        with app.db.read() as session:
            return session.scalar(
                select(func.count()).select_from(PrintJob).where(PrintJob.kind == "fee_receipt")
            )
    finally:
        app.close()


def audit_actions(database: str, prefix: str = "certificate.") -> list[tuple[str, str, str]]:
    """(login, terminal, action) of the audit entries whose action starts with `prefix`."""
    app = CounterApp.open(Config(database_url=database, terminal_name=TERMINAL))
    try:
        with app.db.read() as session:
            rows = session.execute(
                select(AuditEntry.login, AuditEntry.terminal, AuditEntry.action)
                .where(AuditEntry.action.startswith(prefix))
                .order_by(AuditEntry.id)
            ).all()
            return [tuple(row) for row in rows]
    finally:
        app.close()


def issue(config_file: Path, out: Path, *args: str, clerk: str = "madoguchi"):
    return run_cli(
        "certificate", "issue", "--config", str(config_file), "--as", clerk,
        "--out", str(out), *args,
    )  # fmt: skip


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: run `scripts/setup.sh test` (poppler-utils)"
    return subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_kinds_lists_every_kind_with_its_fee_options_and_who_may_ask(config_file):
    result = run_cli("certificate", "kinds", "--config", str(config_file))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["ID", "名称", "手数料", "範囲", "選択項目", "請求できる人"]
    by_id = {row[0]: row for row in rows[1:] if len(row) == 6}
    assert {"juminhyo", "juminhyo_items", "jokyo", "inkan", "shotoku", "nozei"} <= set(by_id)
    juminhyo = by_id["juminhyo"]
    assert juminhyo[1:4] == ["住民票の写し", "300円/通", "個人,世帯全員"]
    assert "my_number:個人番号" in juminhyo[4]
    assert juminhyo[5] == "本人,同一世帯,代理人(委任状),第三者(請求事由)"
    assert "第三者" not in by_id["inkan"][5] and "印鑑登録証" in by_id["inkan"][4]
    assert "年度指定" in by_id["shotoku"][4]
    [exemptions] = [line for line in result.stdout.splitlines() if line.startswith("減免事由:")]
    assert "public_assistance:生活保護" in exemptions
    english = run_cli("certificate", "kinds", "--config", str(config_file), "--lang", "en")
    assert "Copy of the residence record\t300 yen a copy" in english.stdout


def test_a_cash_issue_writes_the_pdf_prints_the_receipt_with_change_and_says_one_line(
    config_file, database, printer, tmp_path
):
    atena, surname = resident(database, household_of=2)
    out = tmp_path / "juminhyo.pdf"
    result = issue(
        config_file, out, "--resident", atena, "--kind", "juminhyo", "--scope", "household",
        "--option", "relationship", "--copies", "2", "--pay", "cash:1000",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    summary = LINE.fullmatch(line)
    assert summary, line
    assert summary.group("kind", "copies", "fee", "paid", "change") == (
        "juminhyo", "2", "600", "1000", "400"
    )  # fmt: skip
    numbers = summary["numbers"].split(",")
    assert len(numbers) == 2

    text = pdf_text(out)
    assert "住民票の写し" in text and surname in text
    assert all(number in text for number in numbers)
    assert "続柄" in text and "個人番号" not in text  # asked for 続柄 only

    assert printer.wait_for(lambda: printer.cuts, timeout=10.0)
    lines = printer.text_lines()
    assert lines[0] == "領収書" and "3番窓口" in lines
    assert "住民票の写し" in lines
    assert any(t.startswith("  2通 × 300円") and t.endswith("600円") for t in lines)
    assert any(t.startswith("お預かり") and t.endswith("1,000円") for t in lines)
    assert any(t.startswith("お釣り") and t.endswith("400円") for t in lines)
    [barcode] = printer.of_type(Barcode)
    assert re.fullmatch(r"R\d{8}-\d{4}", barcode.data) and barcode.data in lines
    assert surname not in "".join(lines)  # never a name on the receipt
    assert surname.encode("shift_jis") not in bytes(printer.received)
    # as the clerk at the window: the same log, from this PC, and who acted as them
    issued = ("madoguchi", TERMINAL, "certificate.issued")
    assert audit_actions(database) == [issued, issued]
    assert audit_actions(database, "auth.acted_as") == [("console", TERMINAL, "auth.acted_as")]


def test_an_exempt_issue_takes_nothing_and_the_receipt_names_the_reason(
    config_file, database, printer, tmp_path
):
    atena, _surname = resident(database)
    result = issue(
        config_file, tmp_path / "c.pdf", "--resident", atena, "--kind", "juminhyo",
        "--pay", "exempt:public_assistance",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = LINE.fullmatch(result.stdout.strip())
    assert summary and summary.group("fee", "paid", "change") == ("0", "0", "0")
    assert printer.wait_for(lambda: printer.cuts, timeout=10.0)
    assert "減免（生活保護）" in printer.text_lines()


def test_a_cashless_issue_is_charged_on_the_terminal_once(
    config_file, database, printer, terminal, tmp_path
):
    atena, _surname = resident(database)
    result = issue(
        config_file, tmp_path / "c.pdf", "--resident", atena, "--kind", "juminhyo",
        "--copies", "3", "--pay", "cashless",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = LINE.fullmatch(result.stdout.strip())
    assert summary and summary.group("fee", "paid", "change") == ("900", "900", "0")
    assert [charge.amount_yen for charge in terminal.charges] == [900]
    assert printer.wait_for(lambda: printer.cuts, timeout=10.0)
    assert any(t.startswith("お支払い方法") for t in printer.text_lines())


def test_a_declined_card_issues_nothing_and_exits_2_with_one_line(
    config_file, database, terminal, tmp_path
):
    atena, _surname = resident(database)
    terminal.mode = "decline"
    out = tmp_path / "c.pdf"
    result = issue(config_file, out, "--resident", atena, "--kind", "juminhyo", "--pay", "cashless")
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "決済端末が決済を承認しませんでした" in line
    assert not out.exists() and fee_receipt_jobs(database) == 0


def test_a_refused_request_exits_2_with_one_line_and_issues_nothing(
    config_file, database, printer, terminal, tmp_path
):
    atena, _surname = resident(database)
    out = tmp_path / "c.pdf"
    result = issue(
        config_file,
        out,
        "--resident",
        atena,
        "--kind",
        "juminhyo",
        "--requester",
        "third_party",
        "--requester-name",
        "債権 太郎",
        "--pay",
        "cash:300",
    )  # fmt: skip  (a third party without a purpose)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not out.exists() and fee_receipt_jobs(database) == 0
    assert printer.cuts == [] and terminal.requests == []
    assert audit_actions(database) == [("madoguchi", TERMINAL, "certificate.refused")]


def test_a_household_member_asks_by_name_and_a_stranger_is_refused(config_file, database, tmp_path):
    atena, _surname = resident(database, household_of=2)
    member = other_member(database, atena)
    out = tmp_path / "c.pdf"
    asked = ("--resident", atena, "--kind", "juminhyo", "--requester", "household")
    result = issue(config_file, out, *asked, "--requester-name", member, "--pay", "cash:300")
    assert result.returncode == 0, result.stderr
    assert LINE.fullmatch(result.stdout.strip())
    stranger = issue(
        config_file, tmp_path / "d.pdf", *asked, "--requester-name", "通りすがり 一郎",
        "--pay", "cash:300",
    )  # fmt: skip
    assert stranger.returncode == 2 and stranger.stdout == ""
    assert "同一世帯の方として記録にありません" in stranger.stderr
    assert not (tmp_path / "d.pdf").exists()
    assert audit_actions(database)[-1] == ("madoguchi", TERMINAL, "certificate.refused")


def test_cash_short_of_the_fee_is_refused(config_file, database, tmp_path):
    atena, _surname = resident(database)
    result = issue(
        config_file, tmp_path / "c.pdf", "--resident", atena, "--kind", "juminhyo",
        "--copies", "2", "--pay", "cash:500",
    )  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert fee_receipt_jobs(database) == 0


def test_an_unknown_or_disabled_clerk_issues_nothing(config_file, database, tmp_path):
    atena, _surname = resident(database)
    for clerk in ("nobody", "admin"):  # no such user; a user who may not issue
        result = issue(
            config_file, tmp_path / "c.pdf", "--resident", atena, "--kind", "juminhyo",
            "--pay", "cash:300", clerk=clerk,
        )  # fmt: skip
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1, result.stderr
    assert fee_receipt_jobs(database) == 0


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (("--pay", "card:300"), "--pay は cash:金額", "--pay is cash:AMOUNT"),
        (("--pay", "cash:-5"), "--pay は cash:金額", "--pay is cash:AMOUNT"),
        (("--pay", "cash:300", "--copies", "0"), "--copies は 1〜99", "--copies is a whole"),
        (
            ("--pay", "cash:300", "--kind", "nosuch"),
            "証明書の種類「nosuch」",
            "no certificate kind",
        ),
        (("--pay", "exempt:nosuch"), "減免事由「nosuch」", "no exemption reason"),
        (("--pay", "cash:300", "--window", "0"), "--window は 1〜999", "--window is a whole"),
        (("--pay", "cash:300", "--id-document", "selfie"), "本人確認書類「selfie」", "no identity"),
    ],
)
def test_bad_input_exits_2_with_one_line_in_the_user_s_language(
    config_file, database, tmp_path, args, ja, en
):
    atena, _surname = resident(database)
    base = ("--resident", atena, "--kind", "juminhyo")
    for language, words in (("ja", ja), ("en", en)):
        result = issue(config_file, tmp_path / "c.pdf", *base, *args, "--lang", language)
        assert result.returncode == 2 and result.stdout == "", result.stderr
        [line] = result.stderr.splitlines()
        assert words in line, line
    assert fee_receipt_jobs(database) == 0


def test_a_missing_argument_is_one_line_too(config_file):
    result = run_cli("certificate", "issue", "--config", str(config_file), "--kind", "juminhyo")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "--resident" in line and "--out" in line


def test_a_receipt_at_paper_end_stays_queued_and_the_issue_still_stands(
    config_file, database, printer, tmp_path
):
    """The certificates are issued and paid: the 領収書 waits in the outbox for the PC's
    spooler (tests/station/test_fee_receipt_outbox.py prints one once paper is back)."""
    atena, _surname = resident(database)
    printer.state = "paper_end"
    result = issue(
        config_file, tmp_path / "c.pdf", "--resident", atena, "--kind", "juminhyo",
        "--pay", "cash:300",
    )  # fmt: skip
    assert result.returncode == 0 and LINE.fullmatch(result.stdout.strip())
    [line] = result.stderr.splitlines()
    assert "領収書を印刷できませんでした" in line and "paper_end" in line
    assert printer.job_byte_count() == 0
    app = CounterApp.open(Config(database_url=database, terminal_name=TERMINAL))
    try:
        [job] = app.outbox.pending_jobs(printer.url)
    finally:
        app.close()
    assert (job.kind.value, job.status.value, job.attempts) == ("fee_receipt", "failed", 1)
    assert job.label.startswith("R")

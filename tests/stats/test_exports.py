"""The exports and `counter-app stats`: no export holds a name, an address, a My Number or
a 宛名番号 of the demo city; CSV opens with a BOM or encodes as cp932; xlsx reads back;
bad input exits 2 with one line, a database that cannot be reached exits 1."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from counter_app.db.models import Household, Resident, ResidentMyNumber
from counter_app.permissions import console_actor
from counter_app.security.my_numbers import open_my_number
from counter_app.stats.export import csv_bytes, to_text, write_csv, write_xlsx
from counter_app.stats.model import Grouping, Period
from printing.stats_report import render_month_report
from tests.helpers import open_app, pdftotext, run_cli
from tests.stats.office import PERIOD, build_office

CONSOLE = console_actor("TEST-01")


def _xlsx_text(path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_no_export_holds_a_name_address_my_number_or_atena_number(sqlite_url, tmp_path):
    made = run_cli(
        "demo-data",
        "--residents",
        "200",
        "--history-days",
        "2",
        "--history-scale",
        "60",
        "--database",
        sqlite_url,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    app = open_app(sqlite_url)
    try:
        with app.db.read() as s:
            residents = s.scalars(select(Resident)).all()
            addresses = {h.address for h in s.scalars(select(Household)) if h.address}
            sealed = s.execute(select(ResidentMyNumber.resident_id, ResidentMyNumber.sealed))
            my_numbers = {open_my_number(app.keys, rid, value) for rid, value in sealed}
        secrets = set(addresses) | my_numbers
        for r in residents:
            secrets |= {
                r.atena_no,
                f"{r.surname_kanji}{r.given_name_kanji}",
                f"{r.surname_kanji} {r.given_name_kanji}",
                f"{r.surname_kanji}\u3000{r.given_name_kanji}",
                f"{r.surname_kana}{r.given_name_kana}",
            }
        secrets = {s for s in secrets if s and len(s) >= 3}
        assert len(my_numbers) == len(residents) >= 200
        last = app.visits.business_day()
        period = Period(date(last.year, 1, 1), last)
        before = Period(date(last.year - 1, 1, 1), date(last.year - 1, 12, 31))
        written = []
        for grouping in Grouping:
            table = app.stats.table(CONSOLE, period, grouping)
            assert table.total.values, grouping
            for data in (table, app.stats.compare(CONSOLE, before, period, grouping)):
                for language in ("ja", "en"):
                    written.append(to_text(data, language))
                    written.append(csv_bytes(data, "utf-8-sig", language).decode("utf-8-sig"))
                    written.append(csv_bytes(data, "cp932", language).decode("cp932"))
                    path = tmp_path / f"{grouping}.xlsx"
                    write_xlsx(data, path, language)
                    written.append(_xlsx_text(path))
        report = tmp_path / "month.pdf"  # the monthly report, read back as a reader would
        render_month_report(app.stats.month_report(CONSOLE, last.year, last.month), report)
        written.append(pdftotext(report, layout=False))
        tickets = app.stats.table(CONSOLE, period, Grouping.CATEGORY).total.values
        assert tickets and next(iter(tickets.values())) > 0  # the history is in there
    finally:
        app.close()
    everything = "\n".join(written)
    leaked = sorted(s for s in secrets if s in everything)
    assert leaked == []


@pytest.fixture
def office_url(sqlite_url):
    app = open_app(sqlite_url)
    build_office(app)
    app.close()
    return sqlite_url


def stats(url, *args):
    return run_cli("stats", "--from", "2026-11-30", "--to", "2026-12-04", *args, "--database", url)


def test_text_and_the_less_than_three_of_a_window(office_url):
    shown = stats(office_url, "--by", "window")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "窓口別  2026-11-30〜2026-12-04"
    assert "<3" in next(line for line in shown.stdout.splitlines() if line.startswith("窓口9"))
    english = stats(office_url, "--by", "weekday", "--lang", "en")
    assert english.stdout.splitlines()[1].startswith("By weekday")


def test_csv_opens_with_a_bom_and_cp932_encodes(office_url, tmp_path):
    out = tmp_path / "by-category.csv"
    done = stats(office_url, "--by", "category", "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "発券区分別" and rows[-1][0] == "合計"
    sjis = tmp_path / "by-day.csv"
    done = stats(
        office_url, "--by", "day", "--format", "csv", "--encoding", "cp932", "--out", str(sjis)
    )
    assert done.returncode == 0, done.stderr
    text = sjis.read_bytes().decode("cp932")
    assert text.startswith("日別,発券") and "2026-12-02（水）" in text


def test_xlsx_and_a_comparison_read_back(office_url, tmp_path):
    out = tmp_path / "compare.xlsx"
    done = stats(
        office_url,
        "--by",
        "category",
        "--compare-from",
        "2026-11-01",
        "--compare-to",
        "2026-11-29",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("発券区分別", "発券 前", "発券 後", "発券 差")
    assert rows[-1][0] == "合計" and rows[-1][2] == rows[-1][3] > 0  # nothing before


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("--from", "2026-02-30", "--to", "2026-03-01", "--by", "day"), "日付が正しくありません"),
        (("--from", "2026-12-04", "--to", "2026-12-01", "--by", "day"), "期間の終わり"),
        (("--from", "2026-12-01", "--to", "2026-12-04", "--by", "clerk"), "--by は次のどれか"),
        (
            ("--from", "2026-12-01", "--to", "2026-12-04", "--by", "day", "--format", "xlsx"),
            "--out",
        ),
        (("report", "--month", "2026-13", "--out", "x.pdf"), "YYYY-MM"),
    ],
)
def test_bad_input_exits_2_with_one_line(sqlite_url, args, line):
    done = run_cli("stats", *args, "--database", sqlite_url)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and line in done.stderr


def test_a_database_that_cannot_be_reached_exits_1():
    done = run_cli(
        "stats",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-04",
        "--by",
        "day",
        "--database",
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        "--lang",
        "en",
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1


def test_write_csv_refuses_an_unknown_encoding(sqlite_url, tmp_path):
    app = open_app(sqlite_url)
    try:
        table = app.stats.table(CONSOLE, PERIOD, Grouping.CERTIFICATE)
    finally:
        app.close()
    with pytest.raises(ValueError):
        write_csv(table, tmp_path / "x.csv", encoding="latin-1")


def test_the_month_report_is_written_as_a_pdf(office_url, tmp_path):
    out = tmp_path / "report.pdf"
    done = run_cli(
        "stats", "report", "--month", "2026-12", "--out", str(out), "--database", office_url
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert not out.with_name("report.pdf.partial").exists()
    assert done.stdout.strip() == f"stats report month=2026-12 out={out}"

"""The monthly statistics report (窓口統計 月報) read back as a person would: its words
(pdftotext), its pages and its pixels. The figures are known numbers set here, and the
report must print each the way a reader expects (1,234 / 12.5 / 87.5% / +2.5pt / <3 / —)."""

from __future__ import annotations

import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text as sql

from counter_app.demo.history import build_history
from counter_app.permissions import console_actor
from counter_app.stats.model import (
    COLUMNS,
    Comparison,
    DailyWait,
    FieldShares,
    Grouping,
    HeatCell,
    LeadTime,
    Measure,
    MonthReport,
    Period,
    StatsRow,
    StatsTable,
)
from printing.fonts import GETA
from printing.stats_report import (
    format_change,
    format_value,
    month_report_pdf,
    render_month_report,
)
from tests import helpers
from tests.helpers import pdftotext, tool
from tests.test_demo_history import demo_app

M = Measure
NOVEMBER = Period.month(2026, 11)
OCTOBER = Period.month(2026, 10)
CATEGORIES = {
    "todokede": "届出・証明（転入転出・出生死亡・婚姻離婚）",
    "hoken_nenkin": "保険・年金（国保・後期高齢・国民年金）",
    "kosodate_fukushi": "子育て・福祉（児童手当・医療費助成・介護）",
    "okuyami": "おくやみ（ご予約の方）",
    "shomei": "証明書のみ（住民票・印鑑証明・戸籍）",
}
DEPARTMENTS = {
    "shimin": "市民課",
    "hoken_nenkin": "保険年金課",
    "kosodate": "子育て支援課",
    "gakumu": "教育委員会 学務課",
}
EVENTS = {"birth": "出生", "move_in": "転入（市外から）", "death": "死亡（おくやみ）"}
CERTIFICATES = {"juminhyo": "住民票の写し", "inkan": "印鑑登録証明書", "koseki": "戸籍謄本"}


def row(key: str, label: str, grouping: Grouping, suppressed: bool = False, **values) -> StatsRow:
    measures = COLUMNS[grouping]
    return StatsRow(
        key=key,
        label=label,
        label_en=key,
        values={m: values.get(m.value) for m in measures},
        suppressed=suppressed,
    )


def table(grouping: Grouping, period: Period, rows: list[StatsRow], **total) -> StatsTable:
    return StatsTable(
        grouping=grouping,
        period=period,
        measures=COLUMNS[grouping],
        rows=tuple(rows),
        total=row("total", "合計", grouping, **total),
    )


def tickets(issued, served, absent, w50, w90, s50, s90) -> dict:
    return {
        "issued": issued,
        "served": served,
        "absent": absent,
        "wait_p50": w50,
        "wait_p90": w90,
        "service_p50": s50,
        "service_p90": s90,
    }


# (this month, the previous month) per category; okuyami this month is a small group.
CATEGORY_FIGURES = {
    "todokede": (tickets(4321, 4100, 121, 18.5, 42.0, 12.5, 30.25), tickets(4000, 3800, 130, 22.0, 47.5, 13.0, 31.0)),
    "hoken_nenkin": (tickets(2345, 2300, 40, 9.0, 21.5, 8.0, 19.0), tickets(2345, 2290, 50, 9.0, 23.0, 8.5, 18.0)),
    "kosodate_fukushi": (tickets(1210, 1190, 15, 14.0, 33.0, 16.5, 40.0), tickets(1300, 1250, 20, 12.0, 30.0, 17.0, 41.0)),
    "okuyami": (tickets(2, 2, 0, None, None, None, None), tickets(35, 35, 0, 3.0, 8.0, 44.0, 70.0)),
    "shomei": (tickets(3456, 3400, 50, 6.5, 15.0, 4.0, 9.5), tickets(3300, 3280, 20, 7.0, 16.0, 4.0, 9.0)),
}  # fmt: skip
CATEGORY_TOTAL = (
    tickets(11334, 10992, 226, 11.0, 30.0, 9.0, 28.0),
    tickets(10980, 10655, 220, 12.5, 33.0, 9.5, 29.0),
)

# routed, lead p50, lead p90, on time, returns (this month, the previous)
DEPARTMENT_FIGURES = {
    "shimin": ((120, 1.5, 4.0, 0.95, 3), (110, 2.0, 5.5, 0.9, 5)),
    "hoken_nenkin": ((80, 3.25, 9.0, 0.875, 2), (85, 3.0, 8.0, 0.9, 2)),
    "kosodate": ((64, 6.0, 14.5, 0.8125, 7), (60, 7.5, 16.0, 0.75, 4)),
    "gakumu": ((12, None, None, None, 0), (10, 4.0, 6.0, 1.0, 0)),
}


def department_values(figures) -> dict:
    routed, p50, p90, on_time, returns = figures
    keys = ("routed", "lead_p50", "lead_p90", "on_time", "returns")
    return dict(zip(keys, (routed, p50, p90, on_time, returns), strict=True))


# visits, procedures, forms (this month, the previous)
EVENT_FIGURES = {
    "birth": ((88, 412, 260), (80, 380, 250)),
    "move_in": ((1234, 5678, 3012), (1300, 5900, 3100)),
    "death": ((95, 1520, 610), (95, 1500, 600)),
}

FIELDS = FieldShares(records=1200, clerk=300, computed=250, documents=150, resident=100)
FIELDS_BEFORE = FieldShares(records=900, clerk=300, computed=200, documents=100, resident=500)


def business_days(period: Period) -> list[date]:
    days = [period.first + timedelta(days=n) for n in range(period.days())]
    return [d for d in days if d.weekday() < 5]


def make_report(
    categories: dict | None = None, events: dict | None = None, municipality: str = "みどり市"
) -> MonthReport:
    categories = CATEGORY_FIGURES if categories is None else categories
    events = EVENT_FIGURES if events is None else events

    def compared(grouping, labels, figures, values_of, total_now, total_before):
        before = [row(k, labels[k], grouping, **values_of(f[1])) for k, f in figures.items()]
        after = [
            row(k, labels[k], grouping, suppressed=(k == "okuyami"), **values_of(f[0]))
            for k, f in figures.items()
        ]
        return Comparison(
            grouping,
            before=table(grouping, OCTOBER, before, **values_of(total_before)),
            after=table(grouping, NOVEMBER, after, **values_of(total_now)),
        )

    by_category = compared(
        Grouping.CATEGORY,
        {**CATEGORIES, **{k: f"区分{k}" for k in categories if k not in CATEGORIES}},
        categories,
        dict,
        *CATEGORY_TOTAL,
    )
    by_department = compared(
        Grouping.DEPARTMENT,
        DEPARTMENTS,
        DEPARTMENT_FIGURES,
        department_values,
        (276, 3.0, 10.0, 0.88, 12),
        (265, 3.5, 11.0, 0.86, 11),
    )
    by_event = compared(
        Grouping.EVENT,
        {**EVENTS, **{k: f"イベント{k}" for k in events if k not in EVENTS}},
        events,
        lambda f: dict(zip(("visits", "procedures", "forms"), f, strict=True)),
        tuple(sum(f[0][i] for f in events.values()) for i in range(3)),
        tuple(sum(f[1][i] for f in events.values()) for i in range(3)),
    )
    certificates = table(
        Grouping.CERTIFICATE,
        NOVEMBER,
        [
            row("juminhyo", CERTIFICATES["juminhyo"], Grouping.CERTIFICATE, certificates=1234, fees_yen=370200),
            row("inkan", CERTIFICATES["inkan"], Grouping.CERTIFICATE, certificates=456, fees_yen=136800),
            row("koseki", CERTIFICATES["koseki"], Grouping.CERTIFICATE, certificates=78, fees_yen=35100),
        ],
        certificates=1768,
        fees_yen=542100,
    )  # fmt: skip
    heatmap = tuple(
        HeatCell(
            weekday=weekday,
            hour=hour,
            arrivals=round(5 + 3 * (hour == 9) + 4 * (weekday == 0) - (hour == 12) * 2.5, 1),
            wait_p50=None if (weekday, hour) == (4, 17) else 5.0 + weekday + hour / 2,
        )
        for weekday in range(5)
        for hour in range(8, 18)
    )
    days = business_days(NOVEMBER)
    daily_waits = tuple(
        DailyWait(
            category_id=key,
            label=label,
            label_en=key,
            days=tuple(
                (day, None if key == "okuyami" else 5.0 + index * 3 + (n % 7), 30.0)
                for n, day in enumerate(days)
            ),
        )
        for index, (key, label) in enumerate(CATEGORIES.items())
    )
    lead_times = tuple(
        LeadTime(
            department_id=key,
            label=DEPARTMENTS[key],
            label_en=key,
            routed=figures[0][0],
            decided=figures[0][0] - 3,
            lead_p50=figures[0][1],
            lead_p90=figures[0][2],
            due_days_p50=(7.0, 10.0, 14.0, None)[index],
            on_time=figures[0][3],
            late_open=1,
        )
        for index, (key, figures) in enumerate(DEPARTMENT_FIGURES.items())
    )
    return MonthReport(
        month=NOVEMBER,
        previous=OCTOBER,
        by_category=by_category,
        by_department=by_department,
        by_event=by_event,
        by_certificate=certificates,
        heatmap=heatmap,
        daily_waits=daily_waits,
        lead_times=lead_times,
        fields=FIELDS,
        fields_previous=FIELDS_BEFORE,
        municipality=municipality,
        generated_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC),  # 09:30 in Tokyo
    )


def page_count(path: Path) -> int:
    info = subprocess.run(
        [tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def rows_of(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


def figures_after(rows: list[list[str]], first_word: str) -> list[list[str]]:
    """The words of every line whose first word is `first_word`, from the second on."""
    return [words[1:] for words in rows if words and words[0] == first_word]


@pytest.fixture(scope="module")
def report() -> MonthReport:
    return make_report()


@pytest.fixture(scope="module")
def pdf(report, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    render_month_report(report, path)
    return path


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return pdftotext(pdf)


def test_the_figures_print_as_a_reader_expects():
    assert format_value(None, M.WAIT_P50) == "—"
    assert format_value(12345, M.ISSUED) == "12,345"
    assert format_value(30.25, M.SERVICE_P90) == "30.2"  # one decimal, half to even
    assert format_value(3.0, M.LEAD_P50) == "3.0"
    assert format_value(0.875, M.ON_TIME) == "87.5%"
    assert format_value(542100, M.FEES_YEN) == "542,100"
    assert format_change(321, M.ISSUED) == "+321"
    assert format_change(-1234, M.ISSUED) == "-1,234"
    assert format_change(0, M.ISSUED) == "±0"
    assert format_change(-3.5, M.WAIT_P50) == "-3.5"
    assert format_change(0.02, M.WAIT_P50) == "±0.0"
    assert format_change(0.025, M.ON_TIME) == "+2.5pt"
    assert format_change(None, M.ON_TIME) == "—"


def test_the_title_month_municipality_and_date(text):
    assert "窓口統計 月報 2026年11月" in text
    assert "みどり市" in text
    assert "対象期間 2026-11-01〜2026-11-30" in text
    assert "前月 2026-10-01〜2026-10-31" in text
    assert "作成日 2026年12月1日 09:30" in text  # the clock's zone, not UTC


def test_every_category_and_its_three_lines(text):
    rows = rows_of(text)
    for key, label in CATEGORIES.items():
        # A long name prints on two lines, cut before its 「（」.
        for part in label.replace("（", "\n（").split("\n"):
            assert part in text, part
        if key == "okuyami":
            continue
        now, before = CATEGORY_FIGURES[key]
        expected_now = ["今月", *(format_value(now[m.value], m) for m in CATEGORY_MEASURES_PRINTED)]
        expected_before = [
            "前月",
            *(format_value(before[m.value], m) for m in CATEGORY_MEASURES_PRINTED),
        ]
        assert [words[-8:] for words in rows].count(expected_now) == 1, (key, expected_now)
        assert [words[-8:] for words in rows].count(expected_before) == 1, (key, expected_before)


CATEGORY_MEASURES_PRINTED = (
    M.ISSUED,
    M.SERVED,
    M.ABSENT,
    M.WAIT_P50,
    M.WAIT_P90,
    M.SERVICE_P50,
    M.SERVICE_P90,
)


def test_specific_figures_and_changes(text):
    rows = rows_of(text)
    # 届出・証明: 4,321 issued against 4,000 → +321; waits 18.5 against 22.0 → -3.5
    assert ["今月", "4,321", "4,100", "121", "18.5", "42.0", "12.5", "30.2"] in [
        w[-8:] for w in rows
    ]
    lines = [w[-8:] for w in rows]
    assert ["前月", "4,000", "3,800", "130", "22.0", "47.5", "13.0", "31.0"] in lines
    assert ["増減", "+321", "+300", "-9", "-3.5", "-5.5", "-0.5", "-0.8"] in rows
    # 保険・年金: the same number issued in both months
    assert ["増減", "±0", "+10", "-10", "±0.0", "-1.5", "-0.5", "+1.0"] in rows
    # the total
    assert any(w[:2] == ["合計", "今月"] and w[2:4] == ["11,334", "10,992"] for w in rows)


def test_a_small_group_prints_less_than_three(text):
    rows = rows_of(text)
    suppressed = ["<3", "<3", "<3", "—", "—", "—", "—"]
    assert ["今月", *suppressed] in [w[-8:] for w in rows]
    assert ["前月", *suppressed] in [
        w[-8:] for w in rows
    ]  # the whole compared row: October's 35 is not shown
    assert ["増減", *["—"] * 7] in rows
    assert "44.0" not in text  # okuyami's October service time


def test_the_departments_with_their_lead_times_and_shares(text):
    rows = rows_of(text)
    assert any(w[:6] == ["市民課", "今月", "120", "1.5", "4.0", "95.0%"] for w in rows)
    assert ["増減", "+10", "-0.5", "-1.5", "+5.0pt", "-2"] in rows
    assert ["今月", "64", "6.0", "14.5", "81.2%", "7"] in [w[-6:] for w in rows]
    assert any(w[:3] == ["教育委員会", "学務課", "今月"] for w in rows)
    assert ["今月", "12", "—", "—", "—", "0"] in [w[-6:] for w in rows]
    assert "担当課別 処理日数と期限" in text
    assert "期限までの日数（中央値）" in text


def test_the_life_events_with_the_previous_month(text):
    rows = rows_of(text)
    expected = ["1,234", "1,300", "-66", "5,678", "5,900", "-222", "3,012", "3,100", "-88"]
    assert ["転入（市外から）", *expected] in rows
    assert ["出生", "88", "80", "+8", "412", "380", "+32", "260", "250", "+10"] in rows
    assert any(w[0] == "合計" and w[1:4] == ["1,417", "1,475", "-58"] for w in rows if w)


def test_the_fields_prefilled_this_month_and_the_previous(text):
    rows = rows_of(text)
    assert ["事前記入率", "95.0%", "75.0%", "+20.0pt"] in rows
    assert ["記録から", "1,200", "900", "+300"] in rows
    assert ["住民", "100", "500", "-400"] in rows


def test_the_certificates_and_fees(text):
    rows = rows_of(text)
    assert ["住民票の写し", "1,234", "370,200"] in rows
    assert ["合計", "1,768", "542,100"] in rows


def test_every_section_and_chart_note_is_there(text):
    for heading in (
        "発券区分別",
        "時間帯・曜日別の発券と待ち時間",
        "発券区分別 待ち時間の推移",
        "担当課別",
        "ライフイベント別",
        "印刷帳票の記入項目",
        "証明書・手数料",
        "待ち時間の中央値（分）",
    ):
        assert heading in text, heading
    for hour in range(8, 18):
        assert f"{hour}時" in text


def test_pages_are_counted_and_no_glyph_is_missing(pdf, text):
    pages = page_count(pdf)
    assert 2 <= pages <= 6
    for page in range(1, pages + 1):
        assert f"{page} / {pages}" in text
    assert GETA not in text  # every character printed had its glyph
    fonts = subprocess.run(
        [tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    listed = fonts.splitlines()[2:]
    assert {line.split()[0].split("+")[-1] for line in listed} == {"IPAexGothic", "IPAexMincho"}
    assert all(line.split()[-5] == "yes" for line in listed), fonts  # embedded


def test_a_character_the_font_lacks_prints_as_geta(tmp_path):
    path = tmp_path / "report.pdf"
    render_month_report(make_report(municipality="𠮷野町"), path)
    assert "〓野町" in pdftotext(path)


def test_long_tables_run_on_with_their_headings_repeated(tmp_path):
    many = {f"k{n:02d}": CATEGORY_FIGURES["shomei"] for n in range(40)}
    events = {f"e{n:02d}": EVENT_FIGURES["birth"] for n in range(60)}
    path = tmp_path / "long.pdf"
    render_month_report(make_report(categories=many, events=events), path)
    pages = page_count(path)
    assert pages >= 5
    text = pdftotext(path)
    assert text.count("待ち時間") >= 3  # the categories' heading on each of their pages
    assert text.count("ライフイベント") >= 3
    for n in (0, 39):
        assert f"区分k{n:02d}" in text
    assert "イベントe59" in text


def test_an_empty_month_still_reads(tmp_path):
    report = make_report(categories={}, events={})
    empty = MonthReport(
        **{
            **report.__dict__,
            "heatmap": (),
            "daily_waits": (),
            "lead_times": (),
            "fields": FieldShares(0, 0, 0, 0, 0),
            "by_certificate": table(Grouping.CERTIFICATE, NOVEMBER, []),
        }
    )
    path = tmp_path / "empty.pdf"
    render_month_report(empty, path)
    text = pdftotext(path)
    assert "窓口統計 月報 2026年11月" in text and "該当なし" in text


def test_the_report_renders_within_three_seconds(report):
    # What the renderer draws grows with the groups and the month's days, not with the
    # tickets: this report has a busy office's shape (every category, 21 business days).
    start = time.perf_counter()
    data = month_report_pdf(report)
    elapsed = time.perf_counter() - start
    assert data.startswith(b"%PDF") and elapsed < 3.0


def test_the_first_page_looks_like_a_report(pdf, tmp_path):
    subprocess.run(
        [tool("pdftoppm"), "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p-*.png")
    with Image.open(image) as opened:
        pixels = opened.convert("RGB")
    # the heat map's darkest cell (Monday 9時) is a deep blue, the page is mostly white
    colours = pixels.getcolors(maxcolors=1 << 20)
    assert colours is not None
    blue = sum(n for n, (r, g, b) in colours if b > 90 and r < 60 and g < 90)
    white = sum(n for n, (r, g, b) in colours if min(r, g, b) > 245)
    assert blue > 50 and white > 0.6 * pixels.width * pixels.height


# --- a database with some history -------------------------------------------------------

HISTORY_END = date(2026, 11, 6)  # a Friday: 6 business days from October 29th (3rd: 文化の日)


def test_a_report_of_a_database_with_history(sqlite_url, tmp_path):
    """The service's report of a played history prints the figures a plain count of the
    tickets gives (issued per category, this month and the previous)."""
    app = demo_app(sqlite_url)
    try:
        build_history(app, 6, seed=5, end=HISTORY_END, scale=30)
        report = app.stats.month_report(console_actor(helpers.TERMINAL), 2026, 11)
        issued_now = issued_per_category(app, NOVEMBER)
        issued_before = issued_per_category(app, OCTOBER)
    finally:
        app.close()
    assert sum(issued_now.values()) and sum(issued_before.values())
    path = tmp_path / "history.pdf"
    render_month_report(report, path)
    text = pdftotext(path)
    rows = rows_of(text)
    lines = [words[-8:] for words in rows]
    assert "窓口統計 月報 2026年11月" in text
    for name, count in issued_now.items():
        assert name.split("（")[0] in text
        before = issued_before.get(name, 0)
        assert any(w[:2] == ["今月", f"{count:,}"] for w in lines), (name, count)
        assert any(w[:2] == ["前月", f"{before:,}"] for w in lines), (name, before)
    total_now, total_before = sum(issued_now.values()), sum(issued_before.values())
    assert ["合計", "今月", f"{total_now:,}"] in [words[:3] for words in rows]
    assert ["前月", f"{total_before:,}"] in [words[:2] for words in rows]
    assert GETA not in text and 2 <= page_count(path) <= 6
    for department in report.lead_times:
        assert department.label.split()[0] in text


def issued_per_category(app, period: Period) -> dict[str, int]:
    """Tickets issued at the floor (a number drawn; not queued by a transfer) per category."""
    query = sql(
        "SELECT c.name, count(*) FROM tickets t JOIN ticket_categories c ON c.id = t.category_id "
        "WHERE t.business_day BETWEEN :first AND :last AND t.number IS NOT NULL GROUP BY c.name"
    )
    with app.engine.connect() as connection:
        found = connection.execute(query, {"first": period.first, "last": period.last})
        return {name: count for name, count in found}

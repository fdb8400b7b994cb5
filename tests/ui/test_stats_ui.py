"""Issue 16's screens: the statistics window shows the core's figures (app.stats) for the
period and grouping chosen, compares two periods, exports the table as CSV and each chart
as PNG; the heat map draws heatmap(); the floor's live waits turn amber and red as a
ticket's wait passes its category's target and limit; only those who may view the
statistics find them in the menu.

A real SQLite database with a few weeks of demo history (counter_app.demo.history,
through the real services), built once per test process and copied for each test.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from counter_app import clock
from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.tickets import TicketService
from counter_app.stats.model import (
    COLUMNS,
    MEASURES,
    Comparison,
    DailyWait,
    FieldShares,
    Grouping,
    HeatCell,
    LeadTime,
    Measure,
    Period,
    StatsRow,
    StatsTable,
    Unit,
    WaitLevel,
)
from counter_app.stats.service import StatsService
from tests.helpers import PROJECT_ROOT, TERMINAL
from tests.ui.certificate_support import SCREENSHOT_DIR, keep_screen
from tests.ui.support import PASSWORD, make_demo
from ui.context import UiContext
from ui.fonts import apply_application_font
from ui.main_window import MainWindow
from ui.screens.floor_manager import FloorManagerScreen
from ui.stats.live_waits import STATE, LiveWaitsView
from ui.stats.table_model import (
    BETTER,
    NOTHING,
    RAW,
    WORSE,
    ComparisonModel,
    StatsTableModel,
    change_text,
    measure_label,
    value_text,
)
from ui.style import STYLE_SHEET

# Two weeks of a small floor for the checks; four weeks of a real one for the screenshots.
HISTORY_DAYS, SCALE = (20, 400) if SCREENSHOT_DIR else (10, 60)  # tickets a day
HISTORY_END = date(2026, 11, 27)  # a Friday: the history's business days end here
SEED = 16
RESIDENTS = 300
WAIT_MS = 20_000


@dataclass(frozen=True)
class History:
    database: Path
    key_file: Path
    period: Period  # the business days the history covers


@contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Held by one test process at a time (where the system can lock a file)."""
    try:
        import fcntl
    except ImportError:  # Windows: each process builds its own
        yield
        return
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    """The demo city's floor over the last business days, built through the real services
    (counter_app.demo.history) once per run: the first pytest-xdist worker builds it, the
    others wait for it (their base folders share this run's parent)."""
    from counter_app.demo import fill_demo_city
    from counter_app.demo.history import build_history

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "stats-history"
    period = Period(HISTORY_END - timedelta(weeks=4, days=-1), HISTORY_END)
    built = History(folder / "db.sqlite3", folder / "counter-app.key", period)
    with exclusive(shared / "stats-history.lock"):
        if (folder / "built").exists():
            return built
        folder.mkdir(exist_ok=True)
        config = Config(
            database_url=f"sqlite:///{built.database}",
            terminal_name=TERMINAL,
            window_number=2,
            idle_lock_minutes=0,
            key_file=built.key_file,
        )
        app = CounterApp.open(config)
        try:
            fill_demo_city(app.engine, RESIDENTS, progress=False, keys=app.keys)
            make_demo(app)
            build_history(app, HISTORY_DAYS, SEED, end=HISTORY_END, scale=SCALE)
        finally:
            app.close()
        (folder / "built").touch()
    return built


@pytest.fixture
def config(tmp_path: Path, request: pytest.FixtureRequest) -> Config:
    """This PC (the screens' tests' own config, overridden): on a copy of the history for
    the tests that ask for it, else on an empty database."""
    if "history" in request.fixturenames:
        history: History = request.getfixturevalue("history")
        shutil.copy(history.database, tmp_path / "db.sqlite3")
        shutil.copy(history.key_file, tmp_path / "counter-app.key")
    return Config(
        database_url=f"sqlite:///{tmp_path}/db.sqlite3",
        terminal_name=TERMINAL,
        window_number=2,
        idle_lock_minutes=0,
        key_file=tmp_path / "counter-app.key",
    )


@pytest.fixture
def staff(core: CounterApp, add_user):
    def make(login: str, role: RoleCode) -> Actor:
        add_user(login, name=f"{login} 職員", roles=(role,))
        return core.auth.login(login, PASSWORD, core.terminal)

    return make


@pytest.fixture
def supervisor(staff) -> Actor:
    return staff("kanri", RoleCode.SUPERVISOR)


@pytest.fixture
def settled(qtbot, runner, cpu) -> Iterator[None]:
    """At the end, the screens' last reads land before the workers close."""
    yield
    qtbot.waitUntil(lambda: not runner.is_busy() and not cpu.is_busy(), timeout=WAIT_MS)


def shown_window(qtbot, context: UiContext, actor: Actor, period: Period):
    from ui.stats.stats_window import StatsWindow

    if SCREENSHOT_DIR:
        apply_application_font(QApplication.instance())
    window = StatsWindow(context, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.table_loaded, timeout=WAIT_MS):
        window.set_period(period)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=WAIT_MS)
    return window


def model_texts(model) -> list[list[str]]:
    return [
        [model.text(row, column) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def headers(model) -> list[str]:
    return [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]


# --- the window against the core -----------------------------------------------------------


def test_the_window_shows_the_cores_table_for_the_period_and_grouping(
    qtbot, make_context, supervisor, history, core, settled
):
    window = shown_window(qtbot, make_context(), supervisor, history.period)
    expected = core.stats.table(supervisor, history.period, Grouping.CATEGORY)
    model = window.table_model
    assert window.result == expected
    assert model.rowCount() == len(expected.rows) + 1
    assert expected.total.values[Measure.ISSUED] > 300, "weeks of history"
    for index, row in enumerate((*expected.rows, expected.total)):
        assert model.text(index, 0) == row.label
        for column, measure in enumerate(expected.measures, start=1):
            cell = model.index(index, column)
            assert model.data(cell, RAW) == row.values.get(measure)
            assert model.text(index, column) == value_text(
                measure, row.values.get(measure), row.suppressed
            )
    wait = 1 + expected.measures.index(Measure.WAIT_P50)
    shown = model.text(len(expected.rows), wait)
    assert shown == f"{expected.total.values[Measure.WAIT_P50]:.1f}", "minutes, one decimal"
    keep_screen(window, "stats-screen", (1400, 720))


def test_switching_the_grouping_changes_the_columns(
    qtbot, make_context, supervisor, history, core, settled
):
    window = shown_window(qtbot, make_context(), supervisor, history.period)
    by_category = headers(window.table_model)
    with qtbot.waitSignal(window.table_loaded, timeout=WAIT_MS):
        window.set_grouping(Grouping.DEPARTMENT)
    by_department = headers(window.table_model)
    assert by_department != by_category
    assert by_department[1:] == [measure_label(m, "ja") for m in COLUMNS[Grouping.DEPARTMENT]]
    assert by_category[1:] == [measure_label(m, "ja") for m in COLUMNS[Grouping.CATEGORY]]
    expected = core.stats.table(supervisor, history.period, Grouping.DEPARTMENT)
    assert [window.table_model.text(i, 0) for i in range(len(expected.rows))] == [
        row.label for row in expected.rows
    ]


def test_a_comparison_around_a_reform_date_shows_the_differences(
    qtbot, make_context, supervisor, history, core, settled
):
    from ui.stats.stats_window import CompareMode, Kind

    window = shown_window(qtbot, make_context(), supervisor, history.period)
    reform = history.period.last - timedelta(days=11)  # Monday: two weeks against two
    window.reform_day.setDate(QDate(reform))
    window.set_mode(CompareMode.REFORM)
    qtbot.waitUntil(
        lambda: isinstance(window.result, Comparison) and not window.is_loading(),
        timeout=WAIT_MS,
    )
    before = Period(history.period.first, reform - timedelta(days=1))
    after = Period(reform, history.period.last)
    expected = core.stats.compare(supervisor, before, after, Grouping.CATEGORY)
    model = window.comparison_model
    assert window.table.model() is model
    assert window.result == expected
    rows = expected.rows()
    assert model.rowCount() == len(rows)
    judged = 0
    for index, row in enumerate(rows):
        for measure in expected.measures:
            change = row.change[measure]
            cell = model.index(index, model.column_of(measure, 2))
            assert model.text(index, model.column_of(measure, 0)) == value_text(
                measure, row.before.get(measure), row.suppressed
            )
            assert model.text(index, model.column_of(measure, 1)) == value_text(
                measure, row.after.get(measure), row.suppressed
            )
            assert model.data(cell) == change_text(measure, change)
            colour = model.data(cell, Qt.ItemDataRole.ForegroundRole)
            neutral = measure in (
                Measure.ISSUED,
                Measure.SERVED,
                Measure.CANCELLED,
                Measure.TRANSFERRED,
            )
            if neutral or model.data(cell) in ("±0", "±0.0", NOTHING):
                assert colour is None, "more tickets are neither better nor worse"
            else:
                judged += 1
                assert colour == (BETTER if change < 0 else WORSE), "shorter, fewer is better"
    assert judged, "some waits, services or absences changed"
    measure = Measure.WAIT_P50
    assert "前" in headers(model)[model.column_of(measure, 0)]
    window.set_kind(Kind.TIMES)  # the screen narrowed to the minutes and days
    assert window.table.isColumnHidden(model.column_of(Measure.ISSUED, 2))
    assert not window.table.isColumnHidden(model.column_of(Measure.WAIT_P50, 2))
    assert not window.table.isColumnHidden(0)
    keep_screen(window, "stats-comparison", (1400, 720))


def test_the_csv_export_holds_the_rows_of_the_table(
    qtbot, make_context, supervisor, history, tmp_path, monkeypatch, settled
):
    from ui.stats.stats_window import SavePath

    window = shown_window(qtbot, make_context(), supervisor, history.period)
    target = tmp_path / "stats.csv"
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *args: str(target)))
    with qtbot.waitSignal(window.saved, timeout=WAIT_MS) as saved:
        window.csv_button.click()
    assert saved.args == [str(target)]
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), "Excel opens UTF-8 with a BOM"
    written = list(csv.reader(content.decode("utf-8-sig").splitlines()))
    shown = model_texts(window.table_model)
    heading, body = written[0], written[1:]
    assert [h.removesuffix(" (%)") for h in heading[1:]] == headers(window.table_model)[1:]
    assert [line[0] for line in body] == [row[0] for row in shown]
    table = window.result
    assert isinstance(table, StatsTable)
    for line, row in zip(body, (*table.rows, table.total), strict=True):
        for cell, measure in zip(line[1:], table.measures, strict=True):
            assert same_figure(cell, row.values.get(measure), measure, row.suppressed), (
                row.key,
                measure,
                cell,
            )


def same_figure(cell: str, value, measure: Measure, suppressed: bool) -> bool:
    """A CSV cell says what the table's cell says: the same text, or the same figure
    written the spreadsheet's way (no thousands separator, a share in per cent without
    its sign, nothing for "—")."""
    shown = value_text(measure, value, suppressed)
    if cell == shown or (cell == "" and shown == NOTHING):
        return True
    if value is None or suppressed:
        return False
    number = float(cell)
    if MEASURES[measure].unit is Unit.SHARE:
        return shown == f"{number:.1f}%"
    return shown.replace(",", "") == cell


def test_each_chart_saves_as_a_png_and_the_heat_map_draws_the_cores_cells(
    qtbot, make_context, supervisor, history, core, tmp_path, monkeypatch, settled
):
    from ui.stats.stats_window import SavePath

    window = shown_window(qtbot, make_context(), supervisor, history.period)
    window.resize(1400, 900)
    with qtbot.waitSignal(window.charts_loaded, timeout=WAIT_MS):
        window.tabs.setCurrentWidget(window.charts_page)
    cells = core.stats.heatmap(supervisor, history.period)
    assert window.heatmap.cells == cells
    drawn = window.heatmap.values()
    assert drawn == {
        (cell.weekday, cell.hour): cell.arrivals
        for cell in cells
        if cell.weekday in window.heatmap.weekdays
    }
    assert len(drawn) >= 5 * 9, "every weekday, every hour of the office"
    window.heatmap.shown.setCurrentIndex(1)  # the median waits
    assert window.heatmap.values() == {
        (cell.weekday, cell.hour): cell.wait_p50
        for cell in cells
        if cell.weekday in window.heatmap.weekdays and cell.wait_p50 is not None
    }
    assert window.daily_waits.series == core.stats.daily_waits(supervisor, history.period)
    assert window.lead_times.leads
    assert window.fields.shares == core.stats.field_shares(supervisor, history.period)
    for chart in window.charts:
        target = tmp_path / f"{chart.objectName()}.png"
        monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *args, t=target: str(t)))
        with qtbot.waitSignal(window.saved, timeout=WAIT_MS):
            chart.save_button.click()
        image = QImage(str(target))
        assert image.width() >= 360 and image.height() >= 240, chart.objectName()
        assert target.stat().st_size > 8_000, chart.objectName()
    window.heatmap.shown.setCurrentIndex(0)
    keep_screen(window, "stats-charts", (1400, 900))


# --- the charts and the models on their own ------------------------------------------------


def test_the_table_shows_small_groups_as_less_than_three_and_nothing_as_a_dash(qtbot):
    period = Period(date(2026, 11, 2), date(2026, 11, 6))
    measures = COLUMNS[Grouping.WINDOW]
    small = StatsRow("5", "窓口5", "Window 5", {Measure.ISSUED: 2, Measure.WAIT_P50: None}, True)
    empty = StatsRow("6", "窓口6", "Window 6", {Measure.ISSUED: 4, Measure.WAIT_P50: None})
    total = StatsRow("total", "合計", "Total", {Measure.ISSUED: 6, Measure.WAIT_P50: 12.345})
    model = StatsTableModel("ja")
    model.set_table(StatsTable(Grouping.WINDOW, period, measures, (small, empty), total))
    wait = 1 + measures.index(Measure.WAIT_P50)
    assert [model.text(0, 1), model.text(0, wait)] == ["<3", NOTHING]
    assert [model.text(1, 1), model.text(1, wait)] == ["4", NOTHING]
    assert [model.text(2, 0), model.text(2, 1), model.text(2, wait)] == ["合計", "6", "12.3"]
    assert value_text(Measure.ON_TIME, 0.875) == "87.5%"
    assert change_text(Measure.ON_TIME, 0.05) == "+5.0pt"
    english = StatsTableModel("en")
    english.set_table(StatsTable(Grouping.WINDOW, period, measures, (small,), total))
    assert english.text(0, 0) == "Window 5"
    assert headers(english)[1] == "Issued"


def test_the_comparison_colours_what_improved_and_what_got_worse(qtbot):
    def table(first: date, wait: float, on_time: float) -> StatsTable:
        values = {Measure.WAIT_P50: wait, Measure.ON_TIME: on_time, Measure.ISSUED: 10}
        period = Period(first, first + timedelta(days=4))
        measures = (Measure.ISSUED, Measure.WAIT_P50, Measure.ON_TIME)
        row = StatsRow("todokede", "届出", "Notifications", values)
        return StatsTable(
            Grouping.DAY, period, measures, (row,), StatsRow("total", "合計", "", values)
        )

    model = ComparisonModel("ja")
    model.set_comparison(
        Comparison(
            Grouping.DAY, table(date(2026, 11, 2), 20.0, 0.8), table(date(2026, 11, 9), 15.0, 0.7)
        )
    )
    wait = model.index(0, model.column_of(Measure.WAIT_P50, 2))
    on_time = model.index(0, model.column_of(Measure.ON_TIME, 2))
    issued = model.index(0, model.column_of(Measure.ISSUED, 2))
    assert model.data(wait) == "-5.0"
    assert model.data(wait, Qt.ItemDataRole.ForegroundRole) == BETTER
    assert model.data(wait, Qt.ItemDataRole.ToolTipRole) == "改善"
    assert model.data(on_time) == "-10.0pt"
    assert model.data(on_time, Qt.ItemDataRole.ForegroundRole) == WORSE
    assert model.data(issued) == "±0"
    assert change_text(Measure.WAIT_P50, 0.04) == "±0.0"
    assert model.data(issued, Qt.ItemDataRole.ForegroundRole) is None


def test_the_charts_draw_plain_values(qtbot):
    from ui.stats.charts import DailyWaitsChart, FieldSharesChart, HeatMapChart, LeadTimesChart

    cells = tuple(
        HeatCell(weekday, hour, float(weekday + hour), None if hour == 12 else float(hour))
        for weekday in range(5)
        for hour in range(8, 18)
    )
    heat = HeatMapChart("ja")
    qtbot.addWidget(heat)
    heat.show_cells(cells)
    assert heat.weekdays == [0, 1, 2, 3, 4] and heat.hours == list(range(8, 18))
    assert heat.values() == {(c.weekday, c.hour): c.arrivals for c in cells}
    heat.shown.setCurrentIndex(1)
    assert (0, 12) not in heat.values() and heat.values()[(0, 9)] == 9.0
    saturday = (*cells, HeatCell(5, 10, 3.0, 7.0))
    heat.show_cells(saturday)
    assert heat.weekdays == [0, 1, 2, 3, 4, 5]

    days = (date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4))
    daily = DailyWaitsChart("ja")
    qtbot.addWidget(daily)
    daily.show_series(
        (
            DailyWait("todokede", "届出", "", tuple((d, 10.0, 20.0) for d in days)),
            DailyWait("shomei", "証明", "", ((days[0], None, None), (days[2], 5.0, 9.0))),
        )
    )
    assert daily.days == list(days) and set(daily.lines) == {"todokede", "shomei"}

    leads = LeadTimesChart("ja")
    qtbot.addWidget(leads)
    leads.show_leads(
        (
            LeadTime("kodomo", "こども家庭課", "", 10, 8, 3.0, 6.5, 5.0, 0.75, 1),
            LeadTime("zeimu", "税務課", "", 0, 0, None, None, None, None, 0),
        )
    )
    assert [lead.department_id for lead in leads.leads] == ["kodomo"], "none routed: no bar"

    fields = FieldSharesChart("ja")
    qtbot.addWidget(fields)
    fields.show_shares(FieldShares(60, 10, 15, 5, 10))
    assert fields.counts == [60, 10, 15, 5, 10]
    assert "90.0%" in fields.title
    fields.show_shares(FieldShares(0, 0, 0, 0, 0))
    assert fields.empty.isVisibleTo(fields)


# --- the floor's live waits ----------------------------------------------------------------


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def business_day(self, at: datetime | None = None) -> date:
        return clock.business_day(at or self.at)


MORNING = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo


@pytest.fixture
def floor_manager(staff) -> Actor:
    return staff("annai", RoleCode.FLOOR_MANAGER)


def test_the_live_view_turns_amber_and_red_as_waits_pass_the_targets(
    qtbot, core, make_context, floor_manager, settled
):
    now = FixedClock(MORNING)
    core.tickets = TicketService(core.db, now=now.now)
    core.stats = StatsService(core.db, core.catalog, clock=now)
    categories = {wait.category_id: wait for wait in core.stats.live_waits(floor_manager)}
    todokede = categories["todokede"]
    core.tickets.issue(floor_manager, "todokede")
    view = LiveWaitsView(make_context(), floor_manager)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: bool(view.waits) and not view.is_loading(), timeout=WAIT_MS)
    assert view.timer.isActive() and view.timer.interval() == 5_000
    assert view.levels()["todokede"] is WaitLevel.OK
    row = [wait.category_id for wait in view.waits].index("todokede")
    assert view.model.data(view.model.index(row, STATE)) == "● 通常"

    def after(minutes: float) -> str:
        now.at = MORNING + timedelta(minutes=minutes)
        with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
            view.timer.timeout.emit()  # what the 5 s timer does
        return view.model.data(view.model.index(row, STATE))

    assert after(todokede.target_minutes + 1) == "▲ 目標超え"
    assert view.levels()["todokede"] is WaitLevel.AMBER
    background = view.model.data(view.model.index(row, STATE), Qt.ItemDataRole.BackgroundRole)
    assert background.name() == "#ffb74d"
    assert after(todokede.limit_minutes + 1) == "■ 上限超え"
    assert view.levels()["todokede"] is WaitLevel.RED
    assert view.waits[row].waiting == 1
    assert "1人" in view.summary.text()


def test_the_floor_managers_screen_shows_the_live_waits(
    qtbot, core, make_context, floor_manager, settled
):
    now = FixedClock(MORNING)
    core.tickets = TicketService(core.db, now=now.now)
    core.stats = StatsService(core.db, core.catalog, clock=now)
    # The morning so far: some wait long, some just came.
    for minutes, category in (
        (0, "hoken_nenkin"),
        (2, "hoken_nenkin"),
        (12, "todokede"),
        (20, "kosodate_fukushi"),
        (30, "shomei"),
        (33, "shomei"),
        (36, "todokede"),
    ):
        now.at = MORNING + timedelta(minutes=minutes)
        core.tickets.issue(floor_manager, category)
    now.at = MORNING + timedelta(minutes=38)
    if SCREENSHOT_DIR:
        apply_application_font(QApplication.instance())
    screen = FloorManagerScreen(make_context(), floor_manager)
    qtbot.addWidget(screen)
    if SCREENSHOT_DIR:  # laid out in the app's style from the start, as the app does
        screen.setStyleSheet(STYLE_SHEET)
    screen.resize(1240, 980)
    screen.show()
    qtbot.waitUntil(lambda: bool(screen.live_waits.waits and screen.floor.buttons), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.live_waits.is_loading(), timeout=WAIT_MS)
    levels = screen.live_waits.levels()
    assert levels["hoken_nenkin"] is WaitLevel.RED
    assert levels["shomei"] is WaitLevel.OK
    with qtbot.waitSignal(screen.live_waits.loaded, timeout=WAIT_MS):
        screen.floor.issue("shomei")  # issuing here reloads the view at once
    assert {w.category_id: w.waiting for w in screen.live_waits.waits}["shomei"] == 3
    keep_screen(screen, "floor-live-waits", (1240, 980))
    screen.floor.shut_down()


# --- who finds the window ------------------------------------------------------------------


def test_a_floor_manager_finds_the_statistics_in_the_menu_and_a_clerk_does_not(
    qtbot, make_context, staff, settled
):
    from ui.stats.stats_window import StatsWindow

    floor = MainWindow(make_context(), staff("annai", RoleCode.FLOOR_MANAGER))
    qtbot.addWidget(floor)
    assert floor.stats_action is not None
    floor.stats_action.trigger()
    assert isinstance(floor.stats_window, StatsWindow) and floor.stats_window.isVisible()
    qtbot.waitUntil(lambda: not floor.stats_window.is_loading(), timeout=WAIT_MS)
    floor.stats_window.close()
    clerk = MainWindow(make_context(), staff("madoguchi", RoleCode.WINDOW_CLERK))
    qtbot.addWidget(clerk)
    assert clerk.stats_action is None
    texts = [
        action.text() for menu in clerk.menuBar().actions() for action in menu.menu().actions()
    ]
    assert not any("統計" in text for text in texts)


def test_the_screens_start_without_the_chart_library():
    probe = (
        "import sys\n"
        "import ui.application, ui.main_window, ui.screens, ui.stats.live_waits\n"
        "print('pyqtgraph' in sys.modules)\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "False"

"""The life of the application: open the database, log in, work, log out, log in again.

A database that is away, starting, stopping or full at start-up is tried again with
backoff (the notice says why and when; 終了 quits). Once the database is open the PC's own services start for the life of the process: one
worker per device (station/device_workers.py) and, with `[devices] ticket_printer` set,
the print spooler (ui/outbox/spooler.py). At the end every device worker is closed.
`SessionFlow.finished(exit_code)` ends the event loop; nothing here blocks the screen.
The session's workers (the database worker, the CPU pool) live as long as it does and are
closed when it finishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.app import CounterApp
from counter_app.config import Config, TerminalKind
from counter_app.db.backoff import Backoff
from counter_app.db.engine import describe_target
from counter_app.errors import DB_AWAY, CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from station.device_workers import DeviceWorkers
from ui import ops

from .connecting import ConnectingNotice
from .context import UiContext, idle_interval_ms
from .db_runner import DbRunner
from .live import LiveFeed, live_runner_for
from .login_dialog import LoginDialog
from .message_box import MessageBox
from .workers import CpuPool, report_unexpected

if TYPE_CHECKING:
    from devices.profiles import PrinterProfile

    from .main_window import MainWindow
    from .outbox.spooler import PrintSpooler
    from .queue.hall_display import HallDisplay


@dataclass(frozen=True)
class _Opened:
    core: CounterApp
    demo: bool
    municipality: str
    printer_profile: PrinterProfile | None  # this PC's ticket printer's, when it has one


def _open(config: Config, database_url: str | None) -> _Opened:
    core = CounterApp.open(config, database_url)
    try:
        profile = None
        if config.devices.ticket_printer:  # the printer's code, only with one
            from station.ticket_fit import check_printer_setup

            profile = check_printer_setup(core)  # every category's ticket fits it
        return _Opened(core, core.is_demo(), core.municipality_name(), profile)
    except BaseException:
        core.close()
        raise


class SessionFlow(QObject):
    finished = Signal(int)  # the process exit code
    login_shown = Signal(object)  # the LoginDialog, once shown
    main_shown = Signal(object)  # the MainWindow, once shown

    def __init__(
        self,
        config: Config,
        language: str,
        database_url: str | None = None,
        idle_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._language = language
        self._database_url = database_url
        self._idle_ms = idle_interval_ms(config.idle_lock_minutes) if idle_ms is None else idle_ms
        self.runner = DbRunner(self)
        self.live_runner: DbRunner | None = None  # a back-office PC's, once the core is open
        self.cpu = CpuPool(self)
        self.devices = DeviceWorkers()
        self.spooler: PrintSpooler | None = None
        self.context: UiContext | None = None
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None
        self.hall_display: HallDisplay | None = None
        self._finished = False
        self._notice: ConnectingNotice | None = None
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._show_notice)
        self.open_backoff = Backoff(first=1.0, most=30.0)  # start-up tries, when away

    def start(self) -> None:
        self._notice_timer.start(ConnectingNotice.DELAY_MS)
        self._try_open()

    def _try_open(self) -> None:
        if self._finished:
            return
        config, url = self._config, self._database_url
        ops.db(
            self,
            self.runner,
            lambda: _open(config, url),
            on_success=self._opened,
            on_failure=self._open_failed,
            on_error=self._open_crashed,
        )

    @property
    def notice(self) -> ConnectingNotice | None:
        """The connecting notice, while it shows."""
        return self._notice

    def _show_notice(self) -> None:
        if self._notice is not None:
            return
        target = describe_target(self._database_url or self._config.effective_database_url)
        self._notice = ConnectingNotice(target)
        # Quitting before the database ever opened is a failed start (exit 1).
        self._notice.quit_requested.connect(lambda: self._finish(1))
        self._notice.show()

    def _hide_notice(self) -> None:
        self._notice_timer.stop()
        if self._notice is not None:
            self._notice.close()
            self._notice.deleteLater()
            self._notice = None

    def _opened(self, opened: _Opened) -> None:
        self._hide_notice()
        if self._finished:  # quit while the database was still opening
            opened.core.close()
            return
        if opened.core.config.devices.ticket_printer:
            from .outbox.spooler import start_pc_spooler  # the printer's code, only with one

            self.spooler = start_pc_spooler(
                opened.core,
                self.runner,
                self.devices,
                opened.municipality,
                self,
                profile=opened.printer_profile,
            )
        self.context = UiContext(
            core=opened.core,
            runner=self.runner,
            cpu=self.cpu,
            language=self._language,
            demo=opened.demo,
            municipality=opened.municipality,
            idle_interval_ms=self._idle_ms or None,
            live=LiveFeed(opened.core.live_engine, self),
            live_runner=self._live_runner(opened.core),
            devices=self.devices,
            spooler=self.spooler,
        )
        if self._config.terminal_kind is TerminalKind.HALL_DISPLAY:
            self.show_hall_display()
        else:
            self.show_login()

    def _live_runner(self, core) -> DbRunner | None:
        self.live_runner = live_runner_for(core, self)
        return self.live_runner

    def show_hall_display(self) -> None:
        """A hall display terminal shows the calls, full screen, without a login: it shows
        numbers only, and no one works on it."""
        from .queue.hall_display import HallDisplay

        display = HallDisplay(self.context)
        display.closed.connect(lambda: self._finish(0))
        self.hall_display = display
        display.show_on_screen(self._config.devices.hall_display_screen)

    def _open_failed(self, error: CounterAppError) -> None:
        if error.code in DB_AWAY and not self._finished:
            # Away, starting, stopping or full: wait and try again, as the banner does later.
            wait = self.open_backoff.next_wait()
            self._notice_timer.stop()
            self._show_notice()
            self._notice.show_retrying(message_for(error, self._language), wait)
            self.runner.set_online(True)  # nothing works before it opens: no banner yet
            QTimer.singleShot(round(wait * 1000), self, self._try_open)
            return
        self._hide_notice()
        self._show_error(error)
        self._finish(1)

    def _open_crashed(self, error: BaseException) -> None:
        self._hide_notice()
        report_unexpected(error)
        self._finish(1)

    def _show_error(self, error: CounterAppError) -> None:
        MessageBox.error(None, self.tr("総合窓口端末"), message_for(error, self._language))

    def show_login(self) -> None:
        dialog = LoginDialog(self.context)
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(lambda: self._finish(0))
        self.login_dialog = dialog
        dialog.show()
        dialog.activateWindow()
        self.login_shown.emit(dialog)

    def _logged_in(self, actor: Actor) -> None:
        from .main_window import MainWindow  # not needed until someone logs in

        self.context.live.start()  # before the screens, which follow it
        window = MainWindow(self.context, actor)
        window.logout_requested.connect(lambda reason: self._log_out(window, reason))
        window.quit_requested.connect(self.quit)
        self.main_window = window
        window.showMaximized()
        self._close_login()
        self.main_shown.emit(window)

    def _close_login(self) -> None:
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None:
            dialog.rejected.disconnect()
            dialog.close()
            dialog.deleteLater()

    def _log_out(self, window: MainWindow, reason: str, then_quit: bool = False) -> None:
        actor, auth = window.actor, self.context.core.auth
        window.end_session()
        self.context.live.stop()
        if self.main_window is window:
            self.main_window = None
        next_step = (lambda: self._finish(0)) if then_quit else self.show_login
        ops.db(
            self,
            self.runner,
            lambda: auth.logout(actor, reason),
            on_failure=self._show_error,
            on_done=next_step,
        )

    def quit(self) -> None:
        """End the application, logging out whoever is logged in."""
        if self.main_window is not None:
            self._log_out(self.main_window, "exit", then_quit=True)
        else:
            self._finish(0)

    def _finish(self, code: int) -> None:
        if self._finished:
            return
        self._finished = True
        self._hide_notice()
        self._close_login()
        display, self.hall_display = self.hall_display, None
        if display is not None:
            display.close()
            display.deleteLater()
        if self.context is not None and self.context.live is not None:
            self.context.live.stop()
        self.cpu.close()
        if self.spooler is not None:
            self.spooler.stop()
        self.devices.close()
        self.runner.close()
        if self.live_runner is not None:
            self.live_runner.close()
        if self.context is not None:
            self.context.core.close()
        self.finished.emit(code)

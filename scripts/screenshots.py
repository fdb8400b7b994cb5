"""Take one screenshot of counter-app on the current display; scripts/screenshots.sh runs it.

    screenshots.py login OUT.png [--lang en]               the login dialog
    screenshots.py main OUT.png --login madoguchi          a user's main window
    screenshots.py main OUT.png --search たかはし           … with a search and the first
                                                            unprotected hit's record open

It runs the application's own start-up (config, database, translations, fonts) and, for
the main window, logs in through the login dialog with the demo password.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from counter_app.config import load_config
from counter_app.demo.staff import DEMO_PASSWORD
from ui import i18n
from ui.application import application
from ui.residents.search_panel import ResidentSearchPanel
from ui.session import SessionFlow

MAIN_WINDOW_SIZE = (1280, 800)
SETTLE_MS = 500  # let the X server draw the window before it is grabbed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shot", choices=("login", "main"))
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", choices=("ja", "en"))
    parser.add_argument("--login", default="madoguchi")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--search", help="search for this and open the first record")
    args = parser.parse_args(argv)

    app = application()
    config = load_config()
    translations = i18n.install(i18n.choose_language(args.lang, config.language))
    flow = SessionFlow(config, translations.language, idle_ms=0)
    flow.finished.connect(app.exit)

    def save(widget: QWidget) -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        if not widget.screen().grabWindow(widget.winId()).save(str(args.output)):
            print(f"screenshots: cannot write {args.output}", file=sys.stderr)
        flow.quit()

    def on_login(dialog) -> None:
        if args.shot == "login":
            QTimer.singleShot(SETTLE_MS, lambda: save(dialog))
        else:
            dialog.fill(args.login, args.password)
            dialog.submit()

    def on_main(window) -> None:
        window.showNormal()
        window.setGeometry(0, 0, *MAIN_WINDOW_SIZE)
        if not args.search:
            QTimer.singleShot(SETTLE_MS, lambda: save(window))
            return
        panel = window.findChild(ResidentSearchPanel)
        panel.search_box.setText(args.search)

        def open_first(_count: int) -> None:
            hits = [panel.model.row(i) for i in range(panel.model.rowCount())]
            unprotected = [hit for hit in hits if not hit.support_measure]
            if unprotected:
                panel.table.selectRow(hits.index(unprotected[0]))
                panel.resident_chosen.emit(unprotected[0].resident_id)
            QTimer.singleShot(SETTLE_MS * 2, lambda: save(window))

        panel.searched.connect(open_first)
        panel.search()

    flow.login_shown.connect(on_login)
    flow.main_shown.connect(on_main)
    flow.start()
    code = app.exec()
    translations.remove()
    return code


if __name__ == "__main__":
    sys.exit(main())

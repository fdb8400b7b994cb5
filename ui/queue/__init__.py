"""The queue on screen (issue 6): the floor manager's ticket buttons, the clerk's calling
panel, the counter display of a window and the hall display. Printing is the PC's print
spooler's (ui/outbox/).

Numbers only: no name is ever shown on a ticket, a display or the hall screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.queue.categories import Category
from devices.status import PrinterProblem, PrinterStatus


def category_name(category: Category, language: str) -> str:
    return category.name_en if language == "en" else category.name


def window_label(window: int) -> str:
    return QCoreApplication.translate("Queue", "{window}番窓口").format(window=window)


def wait_label(waiting: int, minutes: int) -> str:
    if waiting <= 0:
        return QCoreApplication.translate("Queue", "待ちなし")
    return QCoreApplication.translate("Queue", "待ち {count}人・目安 約{minutes}分").format(
        count=waiting, minutes=minutes
    )


def printer_state_label(status: PrinterStatus | None, problem: PrinterProblem | None) -> str:
    """The banner of the floor screen: empty while the printer prints normally."""
    translate = QCoreApplication.translate
    if problem is PrinterProblem.PAPER_END:
        return translate(
            "Queue", "紙切れ：発券機に用紙を補充してください。番号札は補充後に印刷されます。"
        )
    if problem is PrinterProblem.COVER_OPEN:
        return translate("Queue", "カバーオープン：発券機のカバーを閉じてください。")
    if problem is PrinterProblem.ERROR:
        return translate("Queue", "発券機エラー：発券機の表示を確かめてください。")
    if problem in (PrinterProblem.OFFLINE, PrinterProblem.UNREACHABLE):
        return translate(
            "Queue",
            "オフライン：発券機の電源とケーブルを確かめてください。番号札は復旧後に印刷されます。",
        )
    if status is not None and status.paper_near_end:
        return translate("Queue", "ニアエンド：発券機の用紙が残りわずかです。")
    return ""

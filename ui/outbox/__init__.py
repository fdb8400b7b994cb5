"""The print outbox on screen: this PC's spooler (`spooler`), the floor screen's print
alarms (`alarms`), and the words for a job's kind, its state and why it waits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.outbox import PrintJobInfo, PrintJobKind, PrintJobStatus
from devices.status import PrinterProblem


def kind_label(kind: PrintJobKind) -> str:
    translate = QCoreApplication.translate
    if kind is PrintJobKind.VISIT_RECEIPT:
        return translate("Outbox", "受付の控え")
    if kind is PrintJobKind.FEE_RECEIPT:
        return translate("Outbox", "領収書")
    return translate("Outbox", "番号札")


def reason_label(reason: str | None) -> str:
    """Why a job waits, in a word or two: what the printer said, or that the job failed
    (None: nothing on this PC prints it)."""
    translate = QCoreApplication.translate
    if not reason:
        return translate("Outbox", "この端末では印刷していません")
    words = {
        PrinterProblem.PAPER_END.value: translate("Outbox", "紙切れ"),
        PrinterProblem.COVER_OPEN.value: translate("Outbox", "カバーオープン"),
        PrinterProblem.ERROR.value: translate("Outbox", "プリンターエラー"),
        PrinterProblem.OFFLINE.value: translate("Outbox", "オフライン"),
        PrinterProblem.UNREACHABLE.value: translate("Outbox", "プリンターに接続できません"),
    }
    unprintable = {
        "too_large": translate("Outbox", "印刷できません: 券がプリンタの上限を超えます"),
        "no_font": translate("Outbox", "印刷できません: 画像で印刷する文字のフォントがありません"),
        "no_content": translate("Outbox", "印刷できません: 内容がありません"),
    }
    code = reason.split(":", 1)[0]
    return words.get(reason) or unprintable.get(code) or translate("Outbox", "印刷エラー")


def state_label(job: PrintJobInfo) -> str:
    translate = QCoreApplication.translate
    if job.status is PrintJobStatus.PRINTED:
        return translate("Outbox", "印刷済み")
    if job.status is PrintJobStatus.CANCELLED:
        return translate("Outbox", "取消済み")
    if job.status is PrintJobStatus.UNPRINTABLE:
        return reason_label(job.last_error)
    if job.status is PrintJobStatus.FAILED:
        return translate("Outbox", "印刷待ち（{reason}）").format(
            reason=reason_label(job.last_error)
        )
    return translate("Outbox", "印刷待ち")

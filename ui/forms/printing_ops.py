"""The rendered forms to paper or to a file.

Printing goes through the system's printers (QtPrintSupport; CUPS on Linux): each PDF
page is rasterised by pypdfium2 at the printer's resolution (at most `MAX_PRINT_DPI`) and
painted at its true size, page by page, within the page range chosen in the print
dialog. A character the font lacks is never printed without notice: the clerk first
confirms the list of them (each prints as 〓 in a red frame). Saving writes the whole PDF
or nothing (a temporary file beside the target, then `os.replace`).

PDFium is not thread-safe: every call into it holds `PDFIUM_LOCK`, so the CPU pool can
rasterise a preview while the screen prints. Tests replace the classmethods of `Ask`.
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF, QSizeF, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from counter_app.forms import FormBundle
from counter_app.whole_files import write_bytes_whole
from printing.render import GlyphWarning, RenderedBundle

from ..message_box import MessageBox

PDFIUM_LOCK = threading.Lock()
PREVIEW_DPI = 80  # A4 at 661 × 935 pixels: the form's values stay readable
# Pages go to the printer as images: 300 dpi keeps 7 pt text and the barcode's 1 pt bars
# sharp on office printers and renders 4 times faster than 600 dpi (an A4 page at
# 1200 dpi would be a 550 MB bitmap).
MAX_PRINT_DPI = 300
POINTS_PER_INCH = 72


# --- PDF pages as images -------------------------------------------------------------


def _page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        )
        return image.copy()  # own the pixels: the buffer goes with the bitmap
    finally:
        bitmap.close()


def page_images(pdf: bytes, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """Every page of `pdf` as an image; safe off the GUI thread (QImage is not a QObject)."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return [_page_image(document[i], dpi) for i in range(len(document))]
        finally:
            document.close()


@contextlib.contextmanager
def _opened(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            yield document
        finally:
            document.close()


# --- words ---------------------------------------------------------------------------


def form_label(bundle: FormBundle, warning: GlyphWarning) -> str:
    """The form's title and whose form it is, for a warning."""
    title = next((f.title for f in bundle.forms if f.form_id == warning.form_id), warning.form_id)
    if warning.person_name:
        return QCoreApplication.translate("FormsOutput", "{form}（{person}）").format(
            form=title, person=warning.person_name
        )
    return title


def glyph_lines(bundle: FormBundle, warnings: Sequence[GlyphWarning]) -> list[str]:
    """One line per missing character: which form, which field, which character."""
    lines = []
    for warning in warnings:
        field = warning.field_label or QCoreApplication.translate("FormsOutput", "見出し")
        lines.append(
            QCoreApplication.translate(
                "FormsOutput", "・{form}の「{field}」: 「{char}」（{code}）"
            ).format(
                form=form_label(bundle, warning),
                field=field,
                char=warning.char,
                code=f"U+{warning.codepoint:04X}",
            )
        )
    return lines


def save_error_text(error: OSError, path: Path) -> str:
    """Why the PDF could not be written, in the user's language."""
    number = error.errno
    if number in (errno.EACCES, errno.EPERM):
        cause = QCoreApplication.translate("FormsOutput", "この場所に書き込む権限がありません。")
    elif number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        cause = QCoreApplication.translate("FormsOutput", "ディスクの空き容量が足りません。")
    elif number in (errno.ENOENT, errno.ENOTDIR):
        cause = QCoreApplication.translate("FormsOutput", "保存先のフォルダーがありません。")
    elif number == errno.EROFS:
        cause = QCoreApplication.translate("FormsOutput", "保存先は読み取り専用です。")
    elif number == errno.EISDIR:
        cause = QCoreApplication.translate("FormsOutput", "同じ名前のフォルダーがあります。")
    else:
        cause = QCoreApplication.translate(
            "FormsOutput", "書き込めませんでした（{detail}）。"
        ).format(detail=error.strerror or error.__class__.__name__)
    return QCoreApplication.translate(
        "FormsOutput",
        "PDFを保存できませんでした: {path}\n{cause}\nファイルは作成・変更されていません。",
    ).format(path=str(path), cause=cause)


# --- the dialogs, replaceable in tests ---------------------------------------------------


class Ask:
    @classmethod
    def print_despite_glyphs(cls, parent: QWidget | None, text: str) -> bool:
        """Whether to print although some characters will print as 〓."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("FormsOutput", "フォントにない文字があります"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(
            QCoreApplication.translate("FormsOutput", "印刷する")
        )
        box.button(QMessageBox.StandardButton.No).setText(
            QCoreApplication.translate("FormsOutput", "印刷しない")
        )
        return box.exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def printer(cls, parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
        """The system's print dialog: printer, copies and page range go into `printer`."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("FormsOutput", "書類を印刷"))
        dialog.setMinMax(1, page_count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> str:
        """The file chosen, or "" when cancelled."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FormsOutput", "PDFを保存"),
            suggested,
            QCoreApplication.translate("FormsOutput", "PDFファイル (*.pdf)"),
        )
        return path


# --- printing ------------------------------------------------------------------------


def glyph_confirmation(bundle: FormBundle, warnings: Sequence[GlyphWarning]) -> str:
    return "\n".join(
        [
            QCoreApplication.translate(
                "FormsOutput",
                "次の文字は帳票のフォントにありません。印刷すると〓（げた記号）に置き換わり、"
                "赤い枠で囲まれます。印刷後、正しい字をご本人に確認して手書きで補ってください。",
            ),
            "",
            *glyph_lines(bundle, warnings),
            "",
            QCoreApplication.translate("FormsOutput", "このまま印刷しますか？"),
        ]
    )


def chosen_pages(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the print dialog's range selects (all when no range was chosen)."""
    every = list(range(page_count))
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return every
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        return [i for i in every if ranges.contains(i + 1)]
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        return every
    return [i for i in every if first <= i + 1 <= (last or page_count)]


def print_bundle(
    parent: QWidget | None,
    bundle: FormBundle,
    rendered: RenderedBundle,
    printer: QPrinter | None = None,
) -> int:
    """Print the forms; the number of pages printed (0: declined, cancelled or failed)."""
    if rendered.page_count == 0:
        return 0
    if rendered.glyph_warnings and not Ask.print_despite_glyphs(
        parent, glyph_confirmation(bundle, rendered.glyph_warnings)
    ):
        return 0
    name = QCoreApplication.translate("FormsOutput", "申請書 {visit}").format(
        visit=bundle.visit_number
    )
    return print_pdf(parent, rendered.pdf, rendered.page_count, name, printer)


def print_pdf(
    parent: QWidget | None,
    pdf: bytes,
    page_count: int,
    doc_name: str,
    printer: QPrinter | None = None,
) -> int:
    """Print `pdf` page by page at its true size after the print dialog; the number of
    pages printed (0: cancelled or failed, the user told why)."""
    if page_count == 0:
        return 0
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    with _opened(pdf) as document:
        width, height = document[0].get_size()
    printer.setFullPage(True)  # the PDF page carries its own margins
    printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    printer.setFromTo(1, page_count)
    if not Ask.printer(parent, printer, page_count):
        return 0
    pages = chosen_pages(printer, page_count)
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        MessageBox.error(
            parent,
            QCoreApplication.translate("FormsOutput", "書類を印刷"),
            QCoreApplication.translate(
                "FormsOutput", "プリンター「{printer}」を開けませんでした。設定を確認してください。"
            ).format(printer=printer.printerName() or printer.outputFileName()),
        )
        return 0
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        scale = printer.resolution() / POINTS_PER_INCH
        with _opened(pdf) as document:
            for index in pages:
                if printed and not printer.newPage():
                    break
                page = document[index]
                width, height = page.get_size()
                image = _page_image(page, dpi)
                painter.drawImage(QRectF(0, 0, width * scale, height * scale), image)
                printed += 1
    finally:
        painter.end()
        QGuiApplication.restoreOverrideCursor()
    return printed


# --- saving --------------------------------------------------------------------------


def suggested_file_name(bundle: FormBundle) -> str:
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in bundle.visit_number)
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    file_name = QCoreApplication.translate("FormsOutput", "申請書_{visit}.pdf").format(visit=name)
    return str(Path(folder) / file_name) if folder else file_name


def save_pdf(parent: QWidget | None, bundle: FormBundle, rendered: RenderedBundle) -> Path | None:
    """Ask where, then write the forms' PDF; the file written, or None (cancelled or
    failed: the clerk was told why)."""
    return save_pdf_bytes(parent, rendered.pdf, suggested_file_name(bundle))


def save_pdf_bytes(parent: QWidget | None, pdf: bytes, suggested: str) -> Path | None:
    """Ask where (starting from `suggested`), then write `pdf`; the file written, or None."""
    chosen = Ask.save_path(parent, suggested)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_bytes_whole(path, pdf)
    except OSError as error:
        MessageBox.error(
            parent,
            QCoreApplication.translate("FormsOutput", "PDFを保存"),
            save_error_text(error, path),
        )
        return None
    return path

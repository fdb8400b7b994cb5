"""The certificates just issued, as they print: every page, then 印刷 (Ctrl+P) or 保存
(Ctrl+S). The PDF is rendered on the CPU pool before this opens (`PreparedPdf`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..forms.printing_ops import page_images, print_pdf, save_pdf_bytes


@dataclass(frozen=True)
class PreparedPdf:
    """A PDF and its pages as images (made off the GUI thread)."""

    name: str  # the file and print job name, e.g. 証明書_R20261205-0001
    pdf: bytes
    images: list[QImage]
    problems: tuple[str, ...] = ()  # characters the font lacks, worded for the clerk

    @classmethod
    def of(cls, name: str, pdf: bytes, problems: tuple[str, ...] = ()) -> PreparedPdf:
        return cls(name, pdf, page_images(pdf), problems)


class PdfDialog(QDialog):
    """Emits `printed(pages)`."""

    printed = Signal(int)

    def __init__(self, prepared: PreparedPdf, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prepared = prepared
        self.setWindowTitle(title)
        self.setObjectName("certificatePdf")
        heading = QLabel(
            self.tr("{title}: {pages}ページ").format(title=title, pages=len(prepared.images))
        )
        heading.setObjectName("panelTitle")
        self.problems = QLabel("\n".join(prepared.problems))
        self.problems.setObjectName("error")
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(prepared.problems))
        pages = QWidget()
        column = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for image in prepared.images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("border: 1px solid #c9d1d9; background: white;")
            column.addWidget(label)
            self.page_labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setWidget(pages)
        self.scroll.setWidgetResizable(True)
        self.print_button = QPushButton(self.tr("印刷（Ctrl+P）"))
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(lambda: self.print_pages())
        self.save_button = QPushButton(self.tr("PDFを保存（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("閉じる（Esc）"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problems)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(lambda: self.print_pages())
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        width = prepared.images[0].width() if prepared.images else 600
        self.resize(width + 80, 900)

    def print_pages(self, printer: QPrinter | None = None) -> int:
        pages = print_pdf(
            self, self.prepared.pdf, len(self.prepared.images), self.prepared.name, printer
        )
        if pages:
            self.printed.emit(pages)
        return pages

    def save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = QCoreApplication.translate("Certificates", "{name}.pdf").format(
            name=self.prepared.name
        )
        save_pdf_bytes(self, self.prepared.pdf, f"{folder}/{name}" if folder else name)

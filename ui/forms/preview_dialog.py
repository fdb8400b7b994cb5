"""The visit's forms as they will print, with where every pre-filled value came from.

Left, the pages (rendered from the PDF); right, the current page's form as a table: 項目,
記入内容, 出所 (住民記録（…時点）, 窓口で聴取, 計算 …) and ご本人の確認 (✓: the resident checks
this value). Empty boxes show who fills them (ご本人が記入, 添付：…, 窓口で記入). Characters
the font lacks are listed in a red banner at the top and their fields marked in the table.

Keys: PgUp/PgDn the previous/next page, Ctrl+P print, Ctrl+S save the PDF, Esc close.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.app import CounterApp
from counter_app.catalog import Catalog
from counter_app.forms import FieldValue, FilledForm, FormBundle
from counter_app.guide import GuideCase, ProcedureResult
from counter_app.permissions import Actor
from printing.render import GlyphWarning, RenderedBundle, layouts_for, render_bundle

from . import printing_ops
from .printing_ops import glyph_lines, page_images

LABEL, TEXT, PROVENANCE, CHECK = range(4)
EMPTY_ROLE = Qt.ItemDataRole.UserRole  # on the 記入内容 item: True for an empty box
FIELD_KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # on the 項目 item
GLYPH_BACKGROUND = QColor("#fdecee")
EMPTY_FOREGROUND = QColor("#5a6570")
CHECK_MARK = "✓"


@dataclass(frozen=True)
class PreparedForms:
    bundle: FormBundle
    rendered: RenderedBundle
    images: list[QImage]


def fill_forms(
    core: CounterApp,
    actor: Actor,
    resident_id: int,
    case: GuideCase,
    procedures: Sequence[ProcedureResult],
    visit_number: str | None,
) -> FormBundle:
    """On the database worker: the forms filled in (the My Numbers read and logged).
    Without a `visit_number` the visit's number is drawn now (the visit is recorded later
    under it)."""
    visit_number = visit_number or core.visits.reserve_number(actor)
    return core.guide.forms_bundle(actor, resident_id, case, procedures, visit_number)


def render_forms(bundle: FormBundle, catalog: Catalog) -> PreparedForms:
    """On the CPU pool: the PDF and its pages as images for the preview."""
    rendered = render_bundle(bundle, layouts_for(catalog))
    return PreparedForms(bundle, rendered, page_images(rendered.pdf))


class FormsPreviewDialog(QDialog):
    """Emits `printed(pages)` and `saved(path)`."""

    printed = Signal(int)
    saved = Signal(str)

    def __init__(self, prepared: PreparedForms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle = bundle = prepared.bundle
        self.rendered = rendered = prepared.rendered
        self.images = list(prepared.images)
        self._shown_form: int | None = None
        self.setWindowTitle(self.tr("書類のプレビュー"))

        heading = QLabel(
            self.tr("書類のプレビュー: {forms}件の書類・{pages}ページ").format(
                forms=len(bundle.forms), pages=rendered.page_count
            )
        )
        heading.setObjectName("panelTitle")
        self.heading = heading
        visit = QLabel(
            self.tr("受付番号 {visit}　作成日 {date}").format(
                visit=bundle.visit_number, date=bundle.prepared_on.isoformat()
            )
        )
        visit.setObjectName("muted")

        self.glyph_banner = QLabel()
        self.glyph_banner.setObjectName("error")
        self.glyph_banner.setWordWrap(True)
        self.glyph_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.glyph_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        warnings = rendered.glyph_warnings
        if warnings:
            self.glyph_banner.setText(
                "\n".join(
                    [
                        self.tr(
                            "⚠ 帳票のフォントにない文字があります。印刷すると〓に置き換わり、"
                            "赤い枠で示されます。印刷後、正しい字を手書きで補ってください。"
                        ),
                        *glyph_lines(bundle, warnings),
                    ]
                )
            )
        self.glyph_banner.setVisible(bool(warnings))

        self.pages = QListWidget()
        self.pages.setObjectName("previewPages")
        self.pages.setViewMode(QListView.ViewMode.ListMode)
        self.pages.setUniformItemSizes(True)
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.pages.setSpacing(8)
        size = QSize()
        for number, image in enumerate(self.images, start=1):
            size = size.expandedTo(image.size())
            pixmap = QPixmap.fromImage(image)
            icon = QIcon(pixmap)
            icon.addPixmap(pixmap, QIcon.Mode.Selected)  # not tinted when current
            item = QListWidgetItem(icon, "")
            item.setToolTip(self._page_caption(number))
            self.pages.addItem(item)
        self._page_size = size
        self.pages.setIconSize(size)
        self.pages.setMinimumWidth(320)
        self.pages.viewport().installEventFilter(self)  # the pages fit the list's width
        self.pages.currentRowChanged.connect(self._show_page)

        self.form_title = QLabel()
        self.form_title.setObjectName("panelTitle")
        self.form_title.setWordWrap(True)
        self.page_label = QLabel()
        self.page_label.setObjectName("muted")
        self.fields = QTableWidget(0, 4)
        self.fields.setObjectName("previewFields")
        self.fields.setHorizontalHeaderLabels(
            [self.tr("項目"), self.tr("記入内容"), self.tr("出所"), self.tr("ご本人の確認")]
        )
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().hide()
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHECK, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        legend = QLabel(
            self.tr(
                "✓ はご本人に確認していただく記入内容です。灰色の斜体は空欄で、誰が記入するかを示します。"
            )
        )
        legend.setObjectName("muted")
        legend.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.form_title)
        side_layout.addWidget(self.page_label)
        side_layout.addWidget(self.fields, 1)
        side_layout.addWidget(legend)

        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter

        self.status = QLabel()
        self.status.setObjectName("muted")
        self.print_button = QPushButton(self.tr("印刷…（Ctrl+P）"))
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(lambda: self.print_forms())
        self.save_button = QPushButton(self.tr("PDFを保存…（Ctrl+S）"))
        self.save_button.setObjectName("savePdf")
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button = QPushButton(self.tr("閉じる（Esc）"))
        self.close_button.setObjectName("closePreview")
        self.close_button.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(visit)
        layout.addWidget(self.glyph_banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        for key, slot in (
            (QKeySequence("Ctrl+P"), lambda: self.print_forms()),
            (QKeySequence("Ctrl+S"), self.save_pdf),
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
        ):
            QShortcut(key, self).activated.connect(slot)

        screen = self.screen().availableGeometry()
        width = min(1400, int(screen.width() * 0.95))
        self.resize(width, min(980, int(screen.height() * 0.95)))
        splitter.setSizes([width // 2, width - width // 2])
        if self.pages.count():
            self.pages.setCurrentRow(0)
        self.pages.setFocus()

    # --- pages ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pages.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_pages()
        return super().eventFilter(watched, event)

    def _fit_pages(self) -> None:
        """Scale the page images to the list's width (never above their rendered size)."""
        full = self._page_size
        if full.isEmpty():
            return
        width = min(full.width(), self.pages.viewport().width() - 4 * self.pages.spacing())
        width = max(width, 100)
        self.pages.setIconSize(QSize(width, round(full.height() * width / full.width())))

    def _page_caption(self, number: int) -> str:
        info = self.rendered.pages[number - 1] if number <= len(self.rendered.pages) else None
        if info is None:
            return self.tr("{page} / {pages}").format(page=number, pages=self.rendered.page_count)
        return self.tr("{page} / {pages}　{form}").format(
            page=number,
            pages=self.rendered.page_count,
            form=self._form_name(self.bundle.forms[info.form_index]),
        )

    def _form_name(self, form: FilledForm) -> str:
        if form.person_name:
            return self.tr("{title}（{person}）").format(title=form.title, person=form.person_name)
        return form.title

    def current_page(self) -> int:
        """The 0-based page shown."""
        return self.pages.currentRow()

    def go_to_page(self, index: int) -> None:
        if self.pages.count():
            index = max(0, min(index, self.pages.count() - 1))
            self.pages.setCurrentRow(index)
            self.pages.scrollToItem(
                self.pages.item(index), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _show_page(self, index: int) -> None:
        if not 0 <= index < len(self.rendered.pages):
            return
        info = self.rendered.pages[index]
        self.page_label.setText(
            self.tr(
                "ページ {page} / {pages}（この書類の {form_page} / {form_pages}）　PgUp・PgDn でページ移動"
            ).format(
                page=index + 1,
                pages=self.rendered.page_count,
                form_page=info.form_page,
                form_pages=info.form_page_count,
            )
        )
        if info.form_index != self._shown_form:
            self.show_form(info.form_index)

    # --- the form's fields ---------------------------------------------------------------

    def _warnings_for(self, form: FilledForm) -> dict[str, list[GlyphWarning]]:
        found: dict[str, list[GlyphWarning]] = {}
        for warning in self.rendered.glyph_warnings:
            if warning.form_id == form.form_id and warning.person_name == form.person_name:
                found.setdefault(warning.field_key, []).append(warning)
        return found

    def show_form(self, form_index: int) -> None:
        self._shown_form = form_index
        form = self.bundle.forms[form_index]
        department = form.department or self.tr("共通")
        self.form_title.setText(
            self.tr("{form}　{department}").format(
                form=self._form_name(form), department=department
            )
        )
        warnings = self._warnings_for(form)
        self.fields.setRowCount(len(form.fields))
        for row, value in enumerate(form.fields):
            self._fill_row(row, value, warnings.get(value.key, []))
        for column, widest in ((LABEL, 170), (PROVENANCE, 210)):
            self.fields.resizeColumnToContents(column)
            self.fields.setColumnWidth(column, min(self.fields.columnWidth(column), widest))
        self.fields.resizeRowsToContents()
        self.fields.scrollToTop()

    def _fill_row(self, row: int, value: FieldValue, warnings: list[GlyphWarning]) -> None:
        label = QTableWidgetItem(value.label)
        label.setData(FIELD_KEY_ROLE, value.key)
        if value.filled:
            text = QTableWidgetItem("\n".join(value.rows) if value.rows else value.text)
            text.setData(EMPTY_ROLE, False)
        else:
            text = QTableWidgetItem(value.note or self.tr("空欄"))
            text.setData(EMPTY_ROLE, True)
            font = text.font()
            font.setItalic(True)
            text.setFont(font)
            text.setForeground(QBrush(EMPTY_FOREGROUND))
            text.setToolTip(self.tr("空欄: {note}").format(note=value.note or self.tr("空欄")))
        provenance = QTableWidgetItem(value.provenance)
        check = QTableWidgetItem(CHECK_MARK if value.check else "")
        check.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if value.check:
            check.setToolTip(self.tr("ご本人に確認していただく記入内容です"))
        items = (label, text, provenance, check)
        if warnings:
            chars = "".join(w.char for w in warnings)
            tip = self.tr("「{chars}」は帳票のフォントにないため、〓（赤枠）で印字されます").format(
                chars=chars
            )
            for item in items:
                item.setBackground(QBrush(GLYPH_BACKGROUND))
                item.setToolTip(tip)
        for column, item in enumerate(items):
            self.fields.setItem(row, column, item)

    def field_rows(self) -> list[tuple[str, str, str, str]]:
        """The table as text: (項目, 記入内容, 出所, ご本人の確認) per row."""
        return [
            tuple(self.fields.item(row, column).text() for column in range(4))  # type: ignore[misc]
            for row in range(self.fields.rowCount())
        ]

    # --- output --------------------------------------------------------------------------

    def print_forms(self, printer: QPrinter | None = None) -> int:
        pages = printing_ops.print_bundle(self, self.bundle, self.rendered, printer)
        if pages:
            self.status.setText(self.tr("{pages}ページを印刷に送りました。").format(pages=pages))
            self.printed.emit(pages)
        return pages

    def save_pdf(self) -> Path | None:
        path = printing_ops.save_pdf(self, self.bundle, self.rendered)
        if path is not None:
            self.status.setText(self.tr("保存しました: {path}").format(path=str(path)))
            self.saved.emit(str(path))
        return path

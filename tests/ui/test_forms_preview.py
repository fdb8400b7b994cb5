"""The window clerk fills in SC01's forms from the procedure guide, previews them with
where every value came from, saves the PDF and prints; a character the font lacks is
never printed without the clerk's consent."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from counter_app.db.models import AuditEntry, Resident
from counter_app.forms import FieldValue, FilledForm, FormBundle, Source
from printing.render import render_bundle
from tests.ui import test_guide_flow
from tests.ui.test_guide_flow import (
    KENTA,
    SCREENSHOT_DIR,
    drop_with_reason,
    keep_screen,
    sc01_procedures,
)
from ui.forms import printing_ops
from ui.forms.preview_dialog import (
    EMPTY_ROLE,
    GLYPH_BACKGROUND,
    FormsPreviewDialog,
    PreparedForms,
)
from ui.forms.printing_ops import Ask, page_images
from ui.guide.adjust_dialog import AdjustDialog

# The guide flow's fixtures: SC01's household, and message boxes recorded, never shown.
sc01 = test_guide_flow.sc01
no_message_boxes = test_guide_flow.no_message_boxes

RECORDS_AS_OF = re.compile(r"^住民記録（令和\d+年\d+月\d+日時点）$")
PRINT_DPI = 72  # keeps the test's printed PDF small; a real printer gives its own


def pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


@pytest.fixture
def printed_to(monkeypatch, tmp_path):
    """The print dialog, accepted without showing: prints to a PDF file, optionally a
    page range; records each call."""
    calls: list[Path] = []

    def configure(page_range: tuple[int, int] | None = None) -> list[Path]:
        def accept(cls, parent, printer: QPrinter, page_count: int) -> bool:
            target = tmp_path / f"printed-{len(calls) + 1}.pdf"
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))
            printer.setResolution(PRINT_DPI)
            if page_range is not None:
                printer.setPrintRange(QPrinter.PrintRange.PageRange)
                printer.setFromTo(*page_range)
            calls.append(target)
            return True

        monkeypatch.setattr(Ask, "printer", classmethod(accept))
        return calls

    return configure


def open_sc01_preview(qtbot, make_context, clerk) -> FormsPreviewDialog:
    """SC01 through the guide as test_guide_flow does, then Ctrl+P on the procedures."""
    page = sc01_procedures(qtbot, make_context(), clerk).results
    page.tree.setFocus()
    with qtbot.waitSignal(page.forms_opened, timeout=30_000) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = opened.args[0]
    assert dialog is page.preview and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    if SCREENSHOT_DIR:
        dialog.resize(1280, 800)
        qtbot.wait(300)
        keep_screen(dialog, "forms-preview-ja")
    return dialog


def test_sc01_forms_preview_save_and_print(
    qtbot, make_context, sc01, clerk, tmp_path, monkeypatch, printed_to, no_message_boxes
):
    dialog = open_sc01_preview(qtbot, make_context, clerk)
    bundle, rendered = dialog.bundle, dialog.rendered

    # six forms, every page rendered, nothing the font lacks
    assert len(bundle.forms) == 6
    assert rendered.page_count >= 6
    assert dialog.pages.count() == len(dialog.images) == rendered.page_count
    assert "6件の書類" in dialog.heading.text()
    assert dialog.glyph_banner.isHidden()
    assert dialog.current_page() == 0

    # the first page: 佐藤 陽菜's birth notice, each value with where it came from
    first = bundle.forms[0]
    assert first.form_id == "birth_notice"
    assert first.person_name is not None and "陽菜" in first.person_name
    assert "出生届" in dialog.form_title.text() and "陽菜" in dialog.form_title.text()
    rows = {
        label: (text, provenance, check) for label, text, provenance, check in dialog.field_rows()
    }
    assert rows["子の名"] == ("陽菜", "窓口で聴取", "✓")
    assert rows["子の氏名の振り仮名"] == ("サトウ ヒナ", "窓口で聴取", "✓")
    father_name, father_from, father_check = rows["父の氏名"]
    assert "健太" in father_name and RECORDS_AS_OF.match(father_from) and father_check == "✓"
    assert RECORDS_AS_OF.match(rows["住所（住民登録をするところ）"][1])
    assert rows["届出日"][1].startswith("計算")
    assert rows["届出人署名"][0] == "ご本人が記入"
    assert rows["届出人署名"][2] == ""  # nothing to check: the resident writes it
    assert rows["生まれたところ"][0].startswith("添付：")
    signature_row = [row[0] for row in dialog.field_rows()].index("届出人署名")
    assert dialog.fields.item(signature_row, 1).data(EMPTY_ROLE) is True

    # PgDn / PgUp walk the pages and the table follows the page's form
    qtbot.keyClick(dialog.pages, Qt.Key.Key_PageDown)
    assert dialog.current_page() == 1
    assert bundle.forms[rendered.pages[1].form_index].title in dialog.form_title.text()
    qtbot.keyClick(dialog.pages, Qt.Key.Key_PageUp)
    assert dialog.current_page() == 0 and "出生届" in dialog.form_title.text()

    # Ctrl+S saves the PDF, whole, with .pdf added
    chosen = tmp_path / "saved" / "sato-forms"
    chosen.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(chosen), ""))
    )
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.keyClick(dialog.pages, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    written = Path(saved.args[0])
    assert written == chosen.with_name("sato-forms.pdf")
    assert written.read_bytes() == rendered.pdf
    assert pdf_pages(written) == rendered.page_count
    assert sorted(p.name for p in chosen.parent.iterdir()) == ["sato-forms.pdf"]

    # a folder that does not exist: the clerk is told why, nothing is written
    missing = tmp_path / "no-such-folder" / "forms.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(missing), ""))
    )
    assert dialog.save_pdf() is None
    assert no_message_boxes and "保存先のフォルダーがありません" in no_message_boxes[-1][1]
    assert not missing.parent.exists()

    # Ctrl+P prints every page through the print dialog (here to a PDF file)
    calls = printed_to()
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        qtbot.keyClick(dialog.pages, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.args == [rendered.page_count]
    assert len(calls) == 1 and pdf_pages(calls[0]) == rendered.page_count
    # the dialog's page range is honoured
    calls = printed_to(page_range=(2, 3))
    assert dialog.print_forms() == 2
    assert pdf_pages(calls[-1]) == 2

    # the My Numbers were read once for the forms, and logged
    with sc01.db.read() as s:
        kenta = s.scalars(select(Resident).where(Resident.atena_no == KENTA)).one()
        logged = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "guide.my_numbers_for_forms")
        ).all()
    assert len(logged) == 1
    assert logged[0].subject_id == str(kenta.id)
    assert bundle.visit_number in logged[0].detail

    # Esc closes the preview
    qtbot.keyClick(dialog.pages, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    page = dialog.parent()
    qtbot.waitUntil(lambda: page.window().focusWidget() is page.tree)


def yoshida_bundle() -> FormBundle:
    """A birth notice whose child's surname is 𠮷田: the font has no 𠮷 (U+20BB7)."""
    fields = (
        FieldValue("child_surname", "子の氏", Source.CLERK, "𠮷田", "窓口で聴取", check=True),
        FieldValue("child_given_name", "子の名", Source.CLERK, "陽菜", "窓口で聴取", check=True),
        FieldValue(
            "notifier_signature",
            "届出人署名",
            Source.RESIDENT,
            "",
            "ご本人が記入",
            note="ご本人が記入",
        ),
    )
    form = FilledForm(
        "birth_notice", "出生届", "市民課", ("koseki_birth",), "A0103", "𠮷田\u3000陽菜", fields
    )
    return FormBundle("T-20261123101500", "サンプル市", date(2026, 11, 23), (form,))


def test_a_character_the_font_lacks_is_shown_and_confirmed_before_printing(
    qtbot, qapp, monkeypatch, printed_to
):
    bundle = yoshida_bundle()
    rendered = render_bundle(bundle)
    assert any(w.char == "𠮷" and w.field_key == "child_surname" for w in rendered.glyph_warnings)
    dialog = FormsPreviewDialog(PreparedForms(bundle, rendered, page_images(rendered.pdf)))
    qtbot.addWidget(dialog)
    dialog.show()

    # the banner names the form, the field and the character; the field is marked
    assert dialog.glyph_banner.isVisibleTo(dialog)
    banner = dialog.glyph_banner.text()
    assert "𠮷" in banner and "子の氏" in banner and "出生届" in banner and "U+20BB7" in banner
    row = [r[0] for r in dialog.field_rows()].index("子の氏")
    assert dialog.fields.item(row, 1).background().color() == GLYPH_BACKGROUND
    assert "〓" in dialog.fields.item(row, 1).toolTip()

    # declining prints nothing: the print dialog never opens
    asked: list[str] = []
    monkeypatch.setattr(
        Ask, "print_despite_glyphs", classmethod(lambda cls, parent, text: asked.append(text))
    )
    calls = printed_to()
    assert dialog.print_forms() == 0
    assert len(asked) == 1 and calls == []
    assert "𠮷" in asked[0] and "子の氏" in asked[0] and "〓" in asked[0] and "赤い枠" in asked[0]

    # consenting prints, 〓 and all
    monkeypatch.setattr(
        Ask,
        "print_despite_glyphs",
        classmethod(lambda cls, parent, text: asked.append(text) or True),
    )
    assert dialog.print_forms() == rendered.page_count
    assert len(calls) == 1 and pdf_pages(calls[0]) == rendered.page_count


def test_save_error_names_the_cause(tmp_path):
    import errno

    denied = printing_ops.save_error_text(
        PermissionError(errno.EACCES, "Permission denied"), tmp_path / "x.pdf"
    )
    assert "権限がありません" in denied and "作成・変更されていません" in denied
    other = printing_ops.save_error_text(OSError(errno.EIO, "I/O error"), tmp_path / "x.pdf")
    assert "I/O error" in other


def test_the_forms_follow_the_clerks_adjustments(
    qtbot, make_context, sc01, clerk, monkeypatch, no_message_boxes
):
    page = sc01_procedures(qtbot, make_context(), clerk).results
    drop_with_reason(qtbot, monkeypatch, page, "newborn_contact_card", "郵送済み")
    monkeypatch.setattr(
        AdjustDialog,
        "ask_add",
        classmethod(lambda cls, parent, choices: (choices[0][0], "本人の申出")),
    )
    with qtbot.waitSignal(page.adjusted, timeout=10_000) as adjusted:
        qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    added = adjusted.args[1]

    procedures = page.procedures_for_forms()
    ids = [p.id for p in procedures]
    assert "newborn_contact_card" not in ids and added in ids
    assert next(p for p in procedures if p.id == added).findings == ()

    page.tree.setFocus()
    with qtbot.waitSignal(page.forms_opened, timeout=30_000) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    served = {p for form in opened.args[0].bundle.forms for p in form.procedures}
    assert "newborn_contact_card" not in served
    assert not no_message_boxes

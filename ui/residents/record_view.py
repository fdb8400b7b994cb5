"""The resident record: the person, the household, every department's record, the notices,
the masked My Number behind a 「表示」 button, and the warning for a protected record.

Every database call goes through the context's runner; the view only holds the plain
ResidentRecord the core returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.db.tolerant import Unreadable
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import Actor, Permission
from counter_app.records import DepartmentRecords, NoticeKind, ResidentRecord
from counter_app.records.ages import wareki
from counter_app.visits import VisitStatus
from ui import ops

from ..context import UiContext
from .purpose_dialog import PurposeDialog

Rows = Sequence[tuple[str, str]]


def _unreadable() -> str:
    return QCoreApplication.translate("ResidentRecordView", "（読み取れない値）")


def _day(value: date | Unreadable | None) -> str:
    if isinstance(value, Unreadable):
        return _unreadable()
    return value.isoformat() if value else "—"


def _text(value: object) -> str:
    if isinstance(value, Unreadable):
        return _unreadable()
    return "—" if value is None or value == "" else str(value)


class ResidentRecordView(QWidget):
    """Call `open(resident_id)`; emits `record_shown(record)` and `protected_shown(id)`."""

    record_shown = Signal(object)
    protected_shown = Signal(int)
    back_to_search = Signal()
    guide_requested = Signal(int)  # the resident whose life event the clerk takes (F6)

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._error = ops.error_box(self, self.tr("住民記録"), context.language)
        self.record: ResidentRecord | None = None
        self.resident_id: int | None = None

        self.stack = QStackedWidget()
        hint = QLabel(self.tr("住民を検索して Enter で開くと、ここに記録が表示されます。"))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(hint)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.stack.addWidget(self.scroll)

        self.protected_page = self._protected_page()
        self.stack.addWidget(self.protected_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- opening ----------------------------------------------------------------------

    def open(self, resident_id: int) -> None:
        self.resident_id = resident_id
        core, actor = self._context.core, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: core.residents.open_record(actor, resident_id),
            on_success=self.show_record,
            on_failure=lambda error: self._open_failed(resident_id, error),
        )

    def _open_failed(self, resident_id: int, error: CounterAppError) -> None:
        if error.code is ErrorCode.SUPPORT_MEASURE_BLOCKED:
            self.show_protected(resident_id)
            return
        self._error(error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_to_search.emit()
            return
        super().keyPressEvent(event)

    # --- a protected record -----------------------------------------------------------

    def _protected_page(self) -> QWidget:
        page = QWidget()
        self.protected_label = QLabel(
            self.tr(
                "この住民は支援措置（DV・ストーカー・児童虐待等）の対象です。"
                "記録は保護されているため表示できません。閲覧しようとしたことは記録されました。"
            )
        )
        self.protected_label.setObjectName("error")
        self.protected_label.setWordWrap(True)
        self.authorise_button = QPushButton(self.tr("閲覧を許可"))
        self.authorise_button.setObjectName("authorise")
        self.authorise_button.clicked.connect(self.authorise)
        supervisor = self._actor.can(Permission.OVERRIDE_SUPPORT_MEASURE)
        self.authorise_button.setVisible(supervisor)
        advice = QLabel(
            self.tr("監督者が理由を記録して許可すると、一度だけ閲覧できます（10分間有効）。")
            if supervisor
            else self.tr("閲覧が必要な場合は、監督者に許可を依頼してください。")
        )
        advice.setObjectName("muted")
        advice.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.protected_label)
        layout.addWidget(advice)
        layout.addWidget(self.authorise_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def show_protected(self, resident_id: int) -> None:
        self.resident_id = resident_id
        self.record = None
        self.stack.setCurrentWidget(self.protected_page)
        self.protected_shown.emit(resident_id)

    def authorise(self) -> None:
        resident_id = self.resident_id
        if resident_id is None:
            return
        reason = PurposeDialog.ask(
            self,
            self.tr("支援措置対象の記録の閲覧許可"),
            self.tr("閲覧を許可する理由を入力してください（監査ログに記録されます）。"),
            [self.tr("本人が来庁し、本人確認済み"), self.tr("支援措置の申出の確認")],
        )
        if not reason:
            return
        core, actor = self._context.core, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: core.residents.authorise_support_measure(actor, resident_id, reason),
            on_success=lambda _until: self.open(resident_id),
            on_failure=self._error,
        )

    # --- the record -------------------------------------------------------------------

    def show_record(self, record: ResidentRecord) -> None:
        self.record = record
        self.resident_id = record.person.resident_id
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(self._content(record))
        self.stack.setCurrentWidget(self.scroll)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.record_shown.emit(record)

    def _content(self, record: ResidentRecord) -> QWidget:
        person = record.person
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(12)

        name = QLabel(person.name)
        name.setObjectName("recordName")
        name.setStyleSheet("font-size: 20pt; font-weight: bold;")
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kana = QLabel(person.kana)
        kana.setObjectName("recordKana")
        layout.addWidget(name)
        layout.addWidget(kana)
        self.guide_button = QPushButton(self.tr("ライフイベント（手続きナビ）F6"))
        self.guide_button.setObjectName("openGuide")
        self.guide_button.clicked.connect(lambda: self.guide_requested.emit(person.resident_id))
        layout.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignLeft)
        if record.protected:
            warning = QLabel(self.tr("支援措置対象の記録です。許可に基づいて表示しています。"))
            warning.setObjectName("error")
            layout.addWidget(warning)
        if record.unreadable:
            damaged = QLabel(
                self.tr(
                    "この記録には読み取れない値が{count}件あります（「（読み取れない値）」の箇所）。"
                    "住民記録システムの登録内容を確認してください。"
                ).format(count=record.unreadable)
            )
            damaged.setObjectName("unreadableValues")
            damaged.setWordWrap(True)
            layout.addWidget(damaged)

        layout.addWidget(self._my_number_row(record))
        layout.addWidget(self._group(self.tr("本人"), self._person_rows(record)))
        layout.addWidget(self._household(record))
        notices = self._notices(record)
        if notices is not None:
            layout.addWidget(notices)
        layout.addWidget(self._visits(record))
        for title, rows in self._department_groups(record.departments):
            layout.addWidget(self._group(title, rows))
        layout.addStretch(1)
        return content

    def _my_number_row(self, record: ResidentRecord) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(self.tr("個人番号")))
        if record.my_number_unreadable:
            shown = self.tr("復号できません（鍵ファイルを確認してください）")
        else:
            shown = record.masked_my_number or self.tr("記録なし")
        self.my_number_label = QLabel(shown)
        self.my_number_label.setObjectName("myNumber")
        self.my_number_label.setStyleSheet("font-size: 14pt; font-family: monospace;")
        line.addWidget(self.my_number_label)
        self.reveal_button = QPushButton(self.tr("表示"))
        self.reveal_button.setObjectName("revealMyNumber")
        self.reveal_button.setEnabled(
            record.masked_my_number is not None and self._actor.can(Permission.SHOW_MY_NUMBER)
        )
        self.reveal_button.clicked.connect(self.reveal_my_number)
        line.addWidget(self.reveal_button)
        line.addStretch(1)
        return row

    def reveal_my_number(self) -> None:
        if self.record is None:
            return
        resident_id = self.record.person.resident_id
        purpose = PurposeDialog.ask(
            self,
            self.tr("個人番号の表示"),
            self.tr(
                "個人番号は個人番号利用事務にだけ使えます。利用目的を選ぶか入力してください"
                "（監査ログに記録されます）。"
            ),
            [
                self.tr("国民健康保険の手続き"),
                self.tr("国民年金の手続き"),
                self.tr("児童手当の手続き"),
                self.tr("児童扶養手当の手続き"),
                self.tr("介護保険の手続き"),
                self.tr("後期高齢者医療の手続き"),
            ],
        )
        if not purpose:
            return
        core, actor = self._context.core, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: core.residents.reveal_my_number(actor, resident_id, purpose),
            on_success=self._show_my_number,
            on_failure=self._error,
        )

    def _show_my_number(self, number: str) -> None:
        self.my_number_label.setText(number)
        self.reveal_button.setEnabled(False)

    def _person_rows(self, record: ResidentRecord) -> Rows:
        p = record.person
        yes, no = self.tr("あり"), self.tr("なし")
        rows = [
            (self.tr("生年月日"), self._birth(p.birth_wareki, p.age)),
            (self.tr("性別"), _text(p.sex)),
            (self.tr("続柄"), _text(p.relationship)),
            (
                self.tr("住所"),
                " ".join(_text(x) for x in (record.address, record.katagaki) if x),
            ),
            (self.tr("電話番号"), _text(p.contact_phone)),
            (self.tr("宛名番号"), _text(p.atena_no)),
            (self.tr("住民票コード"), _text(p.juminhyo_code)),
            (self.tr("住民となった日"), _day(p.became_resident_on)),
            (self.tr("住定日"), _day(p.address_since)),
            (self.tr("届出日"), _day(p.notified_on)),
            (self.tr("従前の住所"), _text(p.previous_address)),
            (self.tr("最後の異動"), f"{_text(p.last_change_reason)} {_day(p.last_change_on)}"),
            (self.tr("本籍"), _text(p.honseki)),
            (self.tr("筆頭者"), _text(p.hittosha)),
            (self.tr("選挙人名簿登録"), yes if p.voter_registered else no),
        ]
        if p.old_surname:
            rows.append((self.tr("旧氏"), f"{_text(p.old_surname)}（{_text(p.old_surname_kana)}）"))
        if p.foreign is not None:
            f = p.foreign
            rows += [
                (self.tr("国籍・地域"), _text(f.nationality)),
                (self.tr("在留資格"), _text(f.residence_status)),
                (self.tr("在留カード等の番号"), _text(f.residence_card_number)),
                (self.tr("在留期間の満了日"), _day(f.period_of_stay_until)),
            ]
        return rows

    def _birth(self, birth_wareki: str, age: int | None) -> str:
        """「昭和60年8月22日（41歳）」, or the mark of a birth date that could not be read."""
        if age is None:
            return _unreadable()
        return self.tr("{wareki}（{age}歳）").format(wareki=birth_wareki, age=age)

    def _household(self, record: ResidentRecord) -> QGroupBox:
        household = record.household
        box = QGroupBox(
            self.tr("世帯（世帯番号 {number}）").format(number=_text(household.household_no))
        )
        box.setObjectName("household")
        table = QTableWidget(len(household.members), 4)
        table.setObjectName("householdMembers")
        table.setHorizontalHeaderLabels(
            [self.tr("氏名"), self.tr("続柄"), self.tr("生年月日"), self.tr("年齢")]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, member in enumerate(household.members):
            unreadable_birth = member.age is None
            values = [
                member.name,
                _text(member.relationship),
                _unreadable() if unreadable_birth else member.birth_wareki,
                "—" if unreadable_birth else str(member.age),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if member.is_self:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(40 + 32 * len(household.members))
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        return box

    def notice_title(self, kind: NoticeKind) -> str:
        titles = {
            NoticeKind.KOUKI_ENROLMENT: self.tr("後期高齢者医療への加入"),
            NoticeKind.LTC_FIRST_CATEGORY: self.tr("介護保険 第1号被保険者"),
            NoticeKind.LTC_SECOND_CATEGORY: self.tr("介護保険 第2号被保険者"),
            NoticeKind.SCHOOL_ENTRY: self.tr("小学校入学（学齢簿）"),
            NoticeKind.PENSION_ENROLMENT: self.tr("国民年金への加入"),
            NoticeKind.MYNUMBER_CARD_EXPIRY: self.tr("マイナンバーカードの有効期限"),
            NoticeKind.MYNUMBER_CERT_EXPIRY: self.tr("電子証明書の有効期限"),
            NoticeKind.PERIOD_OF_STAY_EXPIRY: self.tr("在留期間の満了"),
            NoticeKind.LTC_CERT_EXPIRY: self.tr("要介護認定の有効期間"),
            NoticeKind.CHILD_ALLOWANCE_END: self.tr("児童手当の支給終了"),
        }
        return titles.get(kind, kind.value)

    def _notices(self, record: ResidentRecord) -> QGroupBox | None:
        if not record.notices:
            return None
        box = QGroupBox(self.tr("お知らせ（記録から分かる手続き）"))
        box.setObjectName("notices")
        layout = QVBoxLayout(box)
        for notice in record.notices:
            label = QLabel(
                self.tr("{title}: {name}（{due}）\n{reason}").format(
                    title=self.notice_title(notice.kind),
                    name=notice.name,
                    due=notice.due_on.isoformat(),
                    reason=notice.reason,
                )
            )
            label.setObjectName("notice")
            label.setWordWrap(True)
            layout.addWidget(label)
        return box

    def _visits(self, record: ResidentRecord) -> QGroupBox:
        """The household's past visits: when, for what, and what is still with a department."""
        box = QGroupBox(self.tr("来庁履歴（世帯）"))
        box.setObjectName("pastVisits")
        layout = QVBoxLayout(box)
        if not record.visits:
            layout.addWidget(QLabel(self.tr("記録された来庁はありません。")))
            return box
        catalog = self._context.core.catalog
        for visit in record.visits:
            event = catalog.event(visit.event_type) if catalog.has_event(visit.event_type) else None
            name = (
                (event.name_en if self._context.language == "en" else event.name)
                if event
                else _text(visit.event_type)
            )
            if visit.pending:
                state = self.tr("審査中 {pending}件").format(pending=visit.pending)
            elif visit.status is VisitStatus.CLOSED:
                state = self.tr("完了")
            else:
                state = self.tr("受付中")
            label = QLabel(
                self.tr("{day}　{number}　{event}　手続き{count}件（{state}）").format(
                    day=_text(visit.business_day)
                    if isinstance(visit.business_day, Unreadable)
                    else wareki(visit.business_day),
                    number=_text(visit.visit_number),
                    event=name,
                    count=visit.procedures,
                    state=state,
                )
            )
            label.setObjectName("pastVisit")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        return box

    def _department_groups(self, d: DepartmentRecords) -> list[tuple[str, Rows]]:
        yes, no = self.tr("あり"), self.tr("なし")

        def flag(value: bool) -> str:
            return yes if value else no

        kinds = {
            "nhi": self.tr("国民健康保険"),
            "kouki": self.tr("後期高齢者医療"),
            "employer_insured": self.tr("被用者保険（本人）"),
            "employer_dependent": self.tr("被用者保険（被扶養者）"),
            "public_assistance": self.tr("生活保護（医療扶助）"),
            "none": self.tr("なし"),
        }
        groups: list[tuple[str, Rows]] = []
        health: list[tuple[str, str]] = []
        if d.health_cover is not None:
            health.append(
                (self.tr("医療保険"), kinds.get(d.health_cover.kind, d.health_cover.kind))
            )
            if d.health_cover.insured_via_name:
                health.append((self.tr("被保険者"), d.health_cover.insured_via_name))
        if d.nhi is not None:
            n = d.nhi
            health += [
                (
                    self.tr("国保 記号・番号"),
                    f"{_text(n.symbol_number)} {_text(n.branch_number)}",
                ),
                (self.tr("国保 資格取得日"), _day(n.acquired_on)),
                (self.tr("国保 資格喪失日"), _day(n.lost_on)),
                (self.tr("国保 世帯主"), _text(n.nhi_head_name)),
            ]
            if n.elderly_recipient_ratio:
                health.append(
                    (
                        self.tr("高齢受給者 負担割合"),
                        self.tr("{ratio}割").format(ratio=n.elderly_recipient_ratio),
                    )
                )
        if d.kouki is not None:
            k = d.kouki
            health += [
                (self.tr("後期 被保険者番号"), _text(k.insured_number)),
                (self.tr("後期 資格取得日"), _day(k.acquired_on)),
                (self.tr("後期 負担割合"), self.tr("{ratio}割").format(ratio=k.burden_ratio)),
            ]
        if health:
            groups.append((self.tr("医療保険（保険年金課）"), health))
        if d.ltc is not None:
            lt = d.ltc
            groups.append(
                (
                    self.tr("介護保険（介護保険課）"),
                    [
                        (self.tr("区分"), self.tr("第{category}号").format(category=lt.category)),
                        (self.tr("被保険者番号"), _text(lt.insured_number)),
                        (
                            self.tr("要介護・要支援認定"),
                            _text(lt.care_level) if lt.certified else no,
                        ),
                        (self.tr("認定有効期間の終期"), _day(lt.cert_valid_until)),
                    ],
                )
            )
        if d.pension is not None:
            p = d.pension
            category = (
                no
                if p.category == "none"
                else self.tr("第{category}号").format(category=p.category)
            )
            groups.append(
                (
                    self.tr("国民年金（保険年金課）"),
                    [
                        (self.tr("種別"), category),
                        (self.tr("基礎年金番号"), _text(p.basic_pension_no)),
                        (self.tr("年金受給"), flag(p.receiving)),
                    ],
                )
            )
        child: list[tuple[str, str]] = []
        if d.child_allowance is not None:
            a = d.child_allowance
            child += [
                (self.tr("児童手当 受給者番号"), _text(a.recipient_number)),
                (self.tr("児童手当 支給開始"), _day(a.started_on)),
                (
                    self.tr("支給対象児童"),
                    "、".join(
                        self.tr("{name}（{age}歳）").format(name=c.name, age=c.age)
                        if c.age is not None
                        else c.name + _unreadable()
                        for c in a.children
                    )
                    or "—",
                ),
            ]
        if d.child_allowance_paid_to:
            child.append((self.tr("児童手当の受給者"), d.child_allowance_paid_to))
        if d.child_medical is not None:
            m = d.child_medical
            child += [
                (self.tr("子ども医療 受給者証番号"), _text(m.certificate_number)),
                (self.tr("子ども医療 保護者"), _text(m.guardian_name)),
                (self.tr("子ども医療 有効期限"), _day(m.valid_until)),
            ]
        if d.child_support_certificate:
            child.append((self.tr("児童扶養手当 証書番号"), _text(d.child_support_certificate)))
        if d.single_parent_medical_certificate:
            child.append(
                (
                    self.tr("ひとり親家庭等医療 受給者証番号"),
                    _text(d.single_parent_medical_certificate),
                )
            )
        if child:
            groups.append((self.tr("子育て（子育て支援課）"), child))
        if d.school is not None:
            s = d.school
            groups.append(
                (
                    self.tr("学齢簿（学務課）"),
                    [(self.tr("在籍校"), _text(s.school_name)), (self.tr("学年"), _text(s.grade))],
                )
            )
        civic: list[tuple[str, str]] = []
        if d.seal is not None:
            civic += [
                (self.tr("印鑑登録番号"), _text(d.seal.registration_number)),
                (self.tr("印鑑登録日"), _day(d.seal.registered_on)),
            ]
        if d.mynumber_card is not None:
            c = d.mynumber_card
            civic += [
                (self.tr("マイナンバーカード 有効期限"), _day(c.valid_until)),
                (self.tr("署名用電子証明書"), flag(c.has_signature_cert)),
                (self.tr("利用者証明用電子証明書"), flag(c.has_user_cert)),
                (self.tr("電子証明書 有効期限"), _day(c.certs_valid_until)),
            ]
        if civic:
            groups.append((self.tr("印鑑登録・マイナンバーカード（市民課）"), civic))
        if d.disability_handbooks:
            types = {
                "physical": self.tr("身体障害者手帳"),
                "intellectual": self.tr("療育手帳"),
                "mental": self.tr("精神障害者保健福祉手帳"),
            }
            groups.append(
                (
                    self.tr("障害者手帳（障害福祉課）"),
                    [
                        (
                            types.get(b.handbook_type, b.handbook_type),
                            f"{_text(b.grade)} {_text(b.handbook_number)}",
                        )
                        for b in d.disability_handbooks
                    ],
                )
            )
        if d.tax is not None:
            groups.append(
                (
                    self.tr("税（税務課）"),
                    [
                        (self.tr("固定資産税の納税義務者"), flag(d.tax.property_taxpayer)),
                        (self.tr("軽自動車税の納税義務者"), flag(d.tax.light_vehicle_owner)),
                    ],
                )
            )
        if not groups:
            groups.append((self.tr("各課の記録"), [(self.tr("記録"), no)]))
        return groups

    def _group(self, title: str, rows: Rows) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        return box

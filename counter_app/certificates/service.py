"""The certificate desk's unit of work (`app.certificates`).

    quote = app.certificates.quote(request)                 # the fee, nothing written
    app.certificates.check(actor, request)                  # refusals raised and logged
    issuance = app.certificates.issue(actor, request, PaymentInput(PaymentMethod.CASH,
                                      received_yen=1000), window=3, receipt=order)
    app.certificates.void(supervisor, issuance.payment.receipt_number, "請求誤り")
    app.certificates.day_report(day, window=3)

`issue` is one transaction: the checks, a 発行番号 per copy, the payment with its 領収番号,
the 領収書 job in the print outbox, an audit entry per certificate (who, for whom, what,
purpose) and the link to a life-event visit. A refusal writes only its audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..changes.feed import Topic, publish
from ..clock import business_day, utcnow
from ..db.counters import next_number
from ..db.engine import Database
from ..db.models import (
    CashCountRow,
    CashSignOff,
    CertificateIssue,
    DeskCounter,
    FeePayment,
    FeeVoid,
    Resident,
    Ticket,
    Visit,
)
from ..errors import CounterAppError, ErrorCode
from ..outbox.jobs import PrintJobKind, ReceiptOrder, add_receipt_job, lease_job
from ..permissions import Actor, Permission, require
from ..security.keyring import Purpose, session_keys
from ..services import audit, settings
from ..services.residents import ResidentService
from ..visits import VisitStatus
from ..visits.rows import visit_by_number
from ..visits.service import certificates_of_visit
from . import cash
from .documents import build_document, canonical, content_digest, from_canonical
from .fees import quote_of, settled
from .model import (
    CashCount,
    CertificateCatalog,
    CertificateItem,
    CertificateRequest,
    DayReport,
    Issuance,
    IssuedCertificate,
    PaymentInfo,
    PaymentInput,
    Quote,
)
from .rules import VOID_REASON, check_typed, refusal, validate

ISSUED = "certificate.issued"
REFUSED = "certificate.refused"
SHOWN = "certificate.shown"  # the stored documents read again (reprint)
VOIDED = "certificate.payment_voided"
CASH_COUNTED = "certificate.cash_counted"
CASH_SIGNED_OFF = "certificate.cash_signed_off"
RESIDENT = "resident"
PAYMENT = "fee_payment"


class CertificateService:
    def __init__(
        self,
        db: Database,
        catalog: CertificateCatalog,
        residents: ResidentService,
        *,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self.catalog = catalog
        self._residents = residents
        self._now = now

    # -- the request --------------------------------------------------------------------

    def quote(self, request: CertificateRequest) -> Quote:
        """The fee lines and total with 減免; raises on a malformed request."""
        validate(self.catalog, request)
        return quote_of(self.catalog, request)

    def check(self, actor: Actor, request: CertificateRequest) -> None:
        """Raises the refusal the law or the records give (logged), or nothing."""
        require(actor, Permission.ISSUE_CERTIFICATES)
        validate(self.catalog, request)
        with self._db.write() as session:
            subject = _subject(session, request.subject)
            refused = self._refusal(session, actor, request, subject)
        if refused is not None:
            raise refused

    def issue(
        self,
        actor: Actor,
        request: CertificateRequest,
        payment: PaymentInput,
        *,
        window: int | None,
        receipt: ReceiptOrder | None = None,
        lease_to: str | None = None,
    ) -> Issuance:
        """Issue and record the payment in one unit of work. `receipt` queues the 領収書;
        `lease_to` (whoever prints it at once) gets that job leased in the same unit of
        work, so no spooler prints it a second time."""
        require(actor, Permission.ISSUE_CERTIFICATES)
        validate(self.catalog, request)
        if window is not None and (isinstance(window, bool) or window < 1):
            raise CounterAppError(ErrorCode.QUEUE_WINDOW_INVALID, window=window)
        quote = quote_of(self.catalog, request)
        received, change = settled(quote, payment)
        now = self._now()
        day = business_day(now)
        with self._db.write() as session:
            subject = _subject(session, request.subject)
            visit_id = _open_visit_id(session, request.visit_number)
            if request.ticket_id is not None and session.get(Ticket, request.ticket_id) is None:
                raise CounterAppError(ErrorCode.QUEUE_TICKET_NOT_FOUND, ticket=request.ticket_id)
            refused = self._refusal(session, actor, request, subject)
            job_id = None
            if refused is None:
                row = FeePayment(
                    receipt_number=_number(session, day, "R", 4),
                    business_day=day,
                    window=window,
                    terminal=actor.terminal,
                    clerk_id=actor.user_id,
                    clerk_login=actor.login,
                    paid_at=now,
                    lines=json.dumps([line.__dict__ for line in quote.lines], ensure_ascii=False),
                    total_yen=quote.total_yen,
                    method=payment.method.value,
                    received_yen=received,
                    change_yen=change,
                    cashless_method=payment.cashless_method,
                    cashless_reference=payment.cashless_reference,
                    exemption_id=request.exemption_id,
                    ticket_id=request.ticket_id,
                    visit_id=visit_id,
                )
                session.add(row)
                session.flush()
                issued = self._issue_copies(session, actor, request, subject, row, visit_id)
                if visit_id is not None:  # the visit's screens count its certificates
                    publish(session, Topic.VISIT, visit_id, terminal=actor.terminal)
                info = cash.payment_info(row, None)
                if receipt is not None:
                    kind = PrintJobKind.FEE_RECEIPT
                    job = add_receipt_job(session, kind, receipt, info, row.receipt_number, now)
                    if lease_to is not None:
                        lease_job(job, lease_to, now)
                    job_id = job.id
        if refused is not None:
            raise refused
        return Issuance(info, issued, job_id)

    def _issue_copies(
        self,
        session: Session,
        actor: Actor,
        request: CertificateRequest,
        subject: Resident,
        payment: FeePayment,
        visit_id: int | None,
    ) -> tuple[IssuedCertificate, ...]:
        ring = session_keys(session)
        municipality = settings.get_setting(session, settings.MUNICIPALITY_NAME) or ""
        requester = request.requester
        issued = []
        for item in request.items:
            kind = self.catalog.kind(item.kind_id)
            for copy in range(1, item.copies + 1):
                number = _number(session, payment.business_day, "C", 5)
                document = build_document(
                    session,
                    kind,
                    item,
                    subject,
                    issue_number=number,
                    issued_on=payment.business_day,
                    municipality=municipality,
                )
                session.add(
                    CertificateIssue(
                        issue_number=number,
                        payment_id=payment.id,
                        business_day=payment.business_day,
                        kind_id=kind.id,
                        subject_id=subject.id,
                        scope=item.scope.value,
                        options=json.dumps(sorted(item.options)),
                        members=json.dumps(list(item.members)),
                        copy_number=copy,
                        fiscal_year=item.fiscal_year,
                        requester_kind=requester.kind.value,
                        requester_name=requester.name or None,
                        identity_document=requester.identity_document,
                        purpose=requester.purpose.strip() or None,
                        content_digest=content_digest(document),
                        sealed_content=ring.seal(
                            Purpose.MY_NUMBER, canonical(document), context=_context(number)
                        ),
                        clerk_id=actor.user_id,
                        clerk_login=actor.login,
                        terminal=actor.terminal,
                        window=payment.window,
                        issued_at=payment.paid_at,
                        visit_id=visit_id,
                    )
                )
                audit.append(
                    session,
                    actor,
                    ISSUED,
                    subject_type=RESIDENT,
                    subject_id=subject.id,
                    purpose=requester.purpose.strip() or None,
                    detail={
                        "issue_number": number,
                        "receipt_number": payment.receipt_number,
                        **_what(item, request),
                    },
                )
                issued.append(IssuedCertificate(number, kind.id, document))
        return tuple(issued)

    def _refusal(
        self, session: Session, actor: Actor, request: CertificateRequest, subject: Resident
    ) -> CounterAppError | None:
        audit.lock_chain(session)  # an authorisation read from the log is taken once
        refused = refusal(
            session,
            self.catalog,
            request,
            subject,
            actor=actor,
            authorised=self._residents.authorisation_in_force,
            today=business_day(self._now()),
        )
        if refused is not None:
            audit.append(
                session,
                actor,
                REFUSED,
                subject_type=RESIDENT,
                subject_id=subject.id,
                purpose=request.requester.purpose.strip() or None,
                detail={
                    "reason": refused.code.value,
                    "items": [_what(item, request) for item in request.items],
                },
            )
        return refused

    # -- after the issue ----------------------------------------------------------------

    def documents(
        self, actor: Actor, issue_numbers: Iterable[str]
    ) -> tuple[IssuedCertificate, ...]:
        """The documents as issued (for a reprint), each read logged."""
        require(actor, Permission.ISSUE_CERTIFICATES)
        found = []
        with self._db.write() as session:
            ring = session_keys(session)
            for number in issue_numbers:
                row = session.scalars(
                    select(CertificateIssue).where(CertificateIssue.issue_number == number)
                ).first()
                if row is None:
                    raise CounterAppError(ErrorCode.CERTIFICATE_ISSUE_NOT_FOUND, issue=number)
                text = ring.unseal(Purpose.MY_NUMBER, row.sealed_content, context=_context(number))
                document = from_canonical(text)
                audit.append(
                    session,
                    actor,
                    SHOWN,
                    subject_type=RESIDENT,
                    subject_id=row.subject_id,
                    detail={"issue_number": number},
                )
                found.append(IssuedCertificate(number, row.kind_id, document))
        return tuple(found)

    def payment(self, receipt_number: str) -> PaymentInfo:
        with self._db.read() as session:
            row = _payment_row(session, receipt_number)
            return cash.payment_info(row, _void_of(session, row.id))

    def void(self, actor: Actor, receipt_number: str, reason: str) -> PaymentInfo:
        """取消 of a payment and its certificates by a supervisor, with the reason."""
        require(actor, Permission.VOID_FEE_PAYMENTS)
        reason = (reason or "").strip()
        if not reason:
            raise CounterAppError(ErrorCode.CERTIFICATE_VOID_REASON_REQUIRED)
        check_typed(reason, VOID_REASON)
        with self._db.write() as session:
            row = _payment_row(session, receipt_number, lock=True)
            if _void_of(session, row.id) is not None:
                raise CounterAppError(ErrorCode.CERTIFICATE_ALREADY_VOIDED, receipt=receipt_number)
            void = FeeVoid(
                payment_id=row.id,
                voided_at=self._now(),
                voided_by=actor.user_id,
                voided_by_login=actor.login,
                terminal=actor.terminal,
                reason=reason,
            )
            session.add(void)
            issues = session.scalars(
                select(CertificateIssue.issue_number).where(CertificateIssue.payment_id == row.id)
            ).all()
            audit.append(
                session,
                actor,
                VOIDED,
                subject_type=PAYMENT,
                subject_id=receipt_number,
                purpose=reason,
                detail={"total_yen": row.total_yen, "issue_numbers": list(issues)},
            )
            if row.visit_id is not None:  # the visit's screens count its certificates
                publish(session, Topic.VISIT, row.visit_id, terminal=actor.terminal)
            session.flush()
            return cash.payment_info(row, void)

    def issues_of_visit(self, visit_number: str) -> dict[str, int]:
        """The certificates a visit holds, copies by kind (voided ones left out)."""
        with self._db.read() as session:
            visit = visit_by_number(session, visit_number)
            return certificates_of_visit(session, visit.id)

    # -- the day's close ------------------------------------------------------------------

    def day_report(self, day: date, window: int | None = None) -> DayReport:
        with self._db.read() as session:
            return cash.day_report(session, self.catalog, day, window)

    def payments_of_day(self, day: date, window: int | None = None) -> tuple[PaymentInfo, ...]:
        """The day's payments (of one window, or all), in the order taken, voids marked."""
        with self._db.read() as session:
            return tuple(cash.day_payments(session, day, window))

    def cash_count(self, day: date, window: int | None) -> CashCount | None:
        """The latest 金種表 of the day and window, with its sign-off if any."""
        with self._db.read() as session:
            found = cash.latest_count(session, day, window)
            return None if found is None else cash.count_info(*found)

    def windows_of_day(self, day: date) -> tuple[int | None, ...]:
        """The windows that took payments or counted cash on the day (None: no window)."""
        with self._db.read() as session:
            return cash.windows_of_day(session, day)

    def record_cash_count(
        self, actor: Actor, day: date, window: int | None, counts: Mapping[int, int]
    ) -> CashCount:
        """The clerk's 金種表 against the day's cash takings: the difference is recorded."""
        require(actor, Permission.ISSUE_CERTIFICATES)
        full = cash.checked_counts(counts)
        counted = sum(denomination * pieces for denomination, pieces in full.items())
        with self._db.write() as session:
            expected = cash.cash_takings(cash.day_payments(session, day, window))
            row = CashCountRow(
                business_day=day,
                window=window,
                counts=json.dumps({str(d): n for d, n in full.items()}),
                counted_yen=counted,
                expected_yen=expected,
                difference_yen=counted - expected,
                counted_by=actor.user_id,
                counted_by_login=actor.login,
                terminal=actor.terminal,
                counted_at=self._now(),
            )
            session.add(row)
            session.flush()
            audit.append(
                session,
                actor,
                CASH_COUNTED,
                subject_type="cash_count",
                subject_id=row.id,
                detail=_count_detail(row),
            )
            return cash.count_info(row, None)

    def sign_off(self, actor: Actor, day: date, window: int | None) -> CashCount:
        """A supervisor signs the latest count of the day and window off."""
        require(actor, Permission.SIGN_OFF_CASH)
        with self._db.write() as session:
            found = cash.latest_count(session, day, window)
            if found is None:
                raise CounterAppError(
                    ErrorCode.CASH_COUNT_MISSING, day=day.isoformat(), window=_shown(window)
                )
            row, signed = found
            if signed is not None:
                raise CounterAppError(
                    ErrorCode.CASH_ALREADY_SIGNED_OFF,
                    day=day.isoformat(),
                    window=_shown(window),
                    login=signed.signed_off_by_login,
                )
            sign_off = CashSignOff(
                cash_count_id=row.id,
                signed_off_by=actor.user_id,
                signed_off_by_login=actor.login,
                terminal=actor.terminal,
                signed_off_at=self._now(),
            )
            session.add(sign_off)
            session.flush()
            audit.append(
                session,
                actor,
                CASH_SIGNED_OFF,
                subject_type="cash_count",
                subject_id=row.id,
                detail=_count_detail(row),
            )
            return cash.count_info(row, sign_off)


# --- helpers ----------------------------------------------------------------------------


def _subject(session: Session, atena_no: str) -> Resident:
    resident = session.scalars(select(Resident).where(Resident.atena_no == atena_no)).first()
    if resident is None:
        raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=atena_no)
    return resident


def _open_visit_id(session: Session, visit_number: str | None) -> int | None:
    if visit_number is None:
        return None
    visit: Visit = visit_by_number(session, visit_number, lock=True)
    if visit.status != VisitStatus.OPEN:
        raise CounterAppError(ErrorCode.VISIT_CLOSED, visit=visit_number)
    return visit.id


def _number(session: Session, day: date, series: str, width: int) -> str:
    number = next_number(session, DeskCounter, business_day=day, series=series)
    return f"{series}{day:%Y%m%d}-{number:0{width}d}"


def _payment_row(session: Session, receipt_number: str, *, lock: bool = False) -> FeePayment:
    statement = select(FeePayment).where(FeePayment.receipt_number == receipt_number)
    if lock:
        statement = statement.with_for_update()
    row = session.scalars(statement).first()
    if row is None:
        raise CounterAppError(ErrorCode.CERTIFICATE_RECEIPT_NOT_FOUND, receipt=receipt_number)
    return row


def _void_of(session: Session, payment_id: int) -> FeeVoid | None:
    return session.scalars(select(FeeVoid).where(FeeVoid.payment_id == payment_id)).first()


def _context(issue_number: str) -> str:
    return f"certificate:{issue_number}"


def _what(item: CertificateItem, request: CertificateRequest) -> dict[str, object]:
    requester = request.requester
    return {
        "kind": item.kind_id,
        "copies": item.copies,
        "scope": item.scope.value,
        "options": sorted(item.options),
        "members": list(item.members),
        "fiscal_year": item.fiscal_year,
        "requester": requester.kind.value,
        "requester_name": requester.name or None,
        "identity_document": requester.identity_document,
        "mandate": requester.has_mandate,
        "visit": request.visit_number,
    }


def _count_detail(row: CashCountRow) -> dict[str, object]:
    return {
        "business_day": row.business_day.isoformat(),
        "window": row.window,
        "counted_yen": row.counted_yen,
        "expected_yen": row.expected_yen,
        "difference_yen": row.difference_yen,
    }


def _shown(window: int | None) -> str:
    return "（全体）" if window is None else str(window)

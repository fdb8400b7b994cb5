"""Who may have which certificate (住民基本台帳法 第12条・第12条の3, 番号法), checked in the
issuing unit of work against the records.

`validate` refuses a request that is malformed (an unknown kind, no copies …): nothing is
logged, nothing changes. `refusal` answers whether the law or the records refuse it; every
such refusal is logged by the service with who asked, for whom, what and why.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from ..db.models import Resident, SealRegistration, TaxAssessment
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor
from ..services.residents import is_protected_on
from .documents import REMOVED, household_members, shown_residents
from .model import (
    CertificateCatalog,
    CertificateItem,
    CertificateKind,
    CertificateRequest,
    CertificateSource,
    RequesterKind,
)

MAX_COPIES = 20
REQUESTER_WORDS = {
    RequesterKind.SELF: "本人",
    RequesterKind.HOUSEHOLD: "同一世帯の者",
    RequesterKind.AGENT: "代理人",
    RequesterKind.THIRD_PARTY: "第三者",
}


def validate(catalog: CertificateCatalog, request: CertificateRequest) -> None:
    """The request's shape: known kinds, scopes, options, copies, document, 減免."""
    if not request.items:
        raise CounterAppError(ErrorCode.CERTIFICATE_EMPTY_REQUEST)
    known_documents = {d.id for d in catalog.identity_documents}
    if request.requester.identity_document not in known_documents:
        raise CounterAppError(
            ErrorCode.CERTIFICATE_IDENTITY_DOCUMENT_UNKNOWN,
            document=request.requester.identity_document,
        )
    if request.exemption_id is not None:
        try:
            catalog.exemption(request.exemption_id)
        except KeyError:
            raise CounterAppError(
                ErrorCode.CERTIFICATE_EXEMPTION_UNKNOWN, exemption=request.exemption_id
            ) from None
    for item in request.items:
        kind = kind_of(catalog, item.kind_id)
        if isinstance(item.copies, bool) or not 1 <= item.copies <= MAX_COPIES:
            raise CounterAppError(
                ErrorCode.CERTIFICATE_COPIES_INVALID, copies=item.copies, limit=MAX_COPIES
            )
        if item.scope not in kind.scopes:
            raise CounterAppError(
                ErrorCode.CERTIFICATE_SCOPE_NOT_OFFERED, kind=kind.name, scope=item.scope.value
            )
        offered = {option.id for option in kind.options}
        for option in sorted(item.options):
            if option not in offered:
                raise CounterAppError(
                    ErrorCode.CERTIFICATE_OPTION_UNKNOWN, kind=kind.name, option=option
                )
        if kind.by_fiscal_year and item.fiscal_year is None:
            raise CounterAppError(ErrorCode.CERTIFICATE_FISCAL_YEAR_REQUIRED, kind=kind.name)


def kind_of(catalog: CertificateCatalog, kind_id: str) -> CertificateKind:
    try:
        return catalog.kind(kind_id)
    except KeyError:
        raise CounterAppError(ErrorCode.CERTIFICATE_KIND_UNKNOWN, kind=kind_id) from None


def refusal(
    session: Session,
    catalog: CertificateCatalog,
    request: CertificateRequest,
    subject: Resident,
    *,
    actor: Actor,
    authorised: Callable[[Session, Actor, int], object],
    today,
) -> CounterAppError | None:
    """Why the law or the records refuse the request (None: it may be issued).
    `authorised(session, actor, resident_id)`: a supervisor's authorisation in force."""
    requester = request.requester
    for item in request.items:
        kind = catalog.kind(item.kind_id)
        found = _item_refusal(session, kind, item, subject, request)
        if found is not None:
            return found
        if requester.kind is RequesterKind.SELF:
            continue
        for person in shown_residents(session, subject, item):
            if is_protected_on(session, person.id, today) and not authorised(
                session, actor, person.id
            ):
                return CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED, resident_id=person.id)
    return None


def _item_refusal(
    session: Session,
    kind: CertificateKind,
    item: CertificateItem,
    subject: Resident,
    request: CertificateRequest,
) -> CounterAppError | None:
    requester = request.requester
    who = REQUESTER_WORDS[requester.kind]
    if requester.kind not in kind.allowed_for:
        return CounterAppError(
            ErrorCode.CERTIFICATE_REQUESTER_NOT_ALLOWED, kind=kind.name, requester=who
        )
    if requester.kind in kind.mandate_for and not requester.has_mandate:
        return CounterAppError(ErrorCode.CERTIFICATE_MANDATE_REQUIRED)
    if requester.kind in kind.purpose_for and not requester.purpose.strip():
        return CounterAppError(ErrorCode.CERTIFICATE_PURPOSE_REQUIRED)
    for option in kind.options:
        if option.id in item.options and requester.kind not in option.allowed_for:
            return CounterAppError(
                ErrorCode.CERTIFICATE_OPTION_NOT_ALLOWED, option=option.name, requester=who
            )
    return _record_refusal(session, kind, item, subject)


def _record_refusal(
    session: Session, kind: CertificateKind, item: CertificateItem, subject: Resident
) -> CounterAppError | None:
    removed = subject.status == REMOVED
    if kind.source is CertificateSource.REMOVED:
        if not removed:
            return CounterAppError(ErrorCode.CERTIFICATE_NOT_REMOVED)
    elif removed:
        return CounterAppError(ErrorCode.CERTIFICATE_SUBJECT_REMOVED)
    if item.members:
        present = {r.atena_no for r in household_members(session, subject.household_id)}
        for member in item.members:
            if member not in present:
                return CounterAppError(
                    ErrorCode.CERTIFICATE_MEMBER_NOT_IN_HOUSEHOLD, atena_no=member
                )
    if kind.source is CertificateSource.SEAL:
        return _seal_refusal(session, item, subject)
    if kind.by_fiscal_year and session.get(TaxAssessment, (subject.id, item.fiscal_year)) is None:
        return CounterAppError(ErrorCode.CERTIFICATE_NO_TAX_RECORD, year=item.fiscal_year)
    return None


def _seal_refusal(
    session: Session, item: CertificateItem, subject: Resident
) -> CounterAppError | None:
    seal = session.get(SealRegistration, subject.id)
    if seal is None:
        return CounterAppError(ErrorCode.CERTIFICATE_SEAL_NOT_REGISTERED)
    if seal.abolished_on is not None:
        return CounterAppError(
            ErrorCode.CERTIFICATE_SEAL_ABOLISHED, abolished_on=seal.abolished_on.isoformat()
        )
    if (item.seal_card_number or "").strip() != seal.registration_number:
        return CounterAppError(ErrorCode.CERTIFICATE_SEAL_CARD_MISMATCH)
    return None

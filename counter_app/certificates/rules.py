"""Who may have which certificate (住民基本台帳法 第12条・第12条の3, 番号法), checked in the
issuing unit of work against the records.

`validate` refuses a request that is malformed (an unknown kind, no copies …): nothing is
logged, nothing changes. `refusal` answers whether the law or the records refuse it; every
such refusal is logged by the service with who asked, for whom, what and why.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Resident, SealRegistration, TaxAssessment
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor
from ..safe_text import describe, first_unsafe_character
from ..search.keys import kana_key, kanji_key
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
# What the clerk types about who asks: (field, Japanese, English, most characters).
REQUESTER_NAME = ("name", "請求者氏名", "requester's name", 100)
PURPOSE = ("purpose", "請求の事由", "purpose", 400)
VOID_REASON = ("reason", "取消の理由", "reason for the void", 400)
REQUESTER_WORDS = {
    RequesterKind.SELF: "本人",
    RequesterKind.HOUSEHOLD: "同一世帯の者",
    RequesterKind.AGENT: "代理人",
    RequesterKind.THIRD_PARTY: "第三者",
}


def validate(catalog: CertificateCatalog, request: CertificateRequest) -> None:
    """The request's shape: known kinds, scopes, options, copies, document, 減免, and the
    requester's name (anyone but the person) and purpose as typed."""
    if not request.items:
        raise CounterAppError(ErrorCode.CERTIFICATE_EMPTY_REQUEST)
    requester = request.requester
    for field in (REQUESTER_NAME, PURPOSE):
        check_typed(getattr(requester, field[0]), field)
    if requester.kind is not RequesterKind.SELF and not requester.name.strip():
        raise CounterAppError(
            ErrorCode.CERTIFICATE_REQUESTER_NAME_REQUIRED,
            requester=REQUESTER_WORDS[requester.kind],
        )
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


def check_typed(text: str, field: tuple[str, str, str, int]) -> None:
    """Typed text stored with a certificate: within its length, nothing unprintable."""
    _attribute, field_ja, field_en, limit = field
    if len(text) > limit:
        raise CounterAppError(
            ErrorCode.CERTIFICATE_TEXT_TOO_LONG,
            field_ja=field_ja,
            field_en=field_en,
            limit=limit,
            length=len(text),
        )
    unsafe = first_unsafe_character(text)
    if unsafe is not None:
        position, character = unsafe
        raise CounterAppError(
            ErrorCode.CERTIFICATE_TEXT_UNSAFE,
            field_ja=field_ja,
            field_en=field_en,
            position=position,
            character=describe(character),
        )


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
    if requester.kind is RequesterKind.HOUSEHOLD and not _of_household(
        session, subject, requester.name
    ):
        return CounterAppError(
            ErrorCode.CERTIFICATE_REQUESTER_NOT_IN_HOUSEHOLD, name=requester.name.strip()
        )
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


def _of_household(session: Session, subject: Resident, name: str) -> bool:
    """Whether `name` (kanji or kana, variants and spaces as typed) is a person recorded
    in the subject's household, struck off with it included (the family of a 除票)."""
    members = session.scalars(select(Resident).where(Resident.household_id == subject.household_id))
    kanji, kana = kanji_key(name), kana_key(name)
    return bool(kanji) and any(
        kanji == kanji_key(member.surname_kanji + member.given_name_kanji)
        or kana == kana_key(member.surname_kana + member.given_name_kana)
        for member in members
    )


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

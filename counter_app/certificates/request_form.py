"""The 交付請求書 filled in from the request at the window, for the requester's signature.

The catalog's `certificate_request` form says which boxes the paper has and what each is
called; this fills each from the CertificateRequest and the subject's record, as the
forms module fills a visit's forms (forms/fill.py), and `printing.render.render_bundle`
draws it with its layout (resources/forms/certificate_request.yaml). What the window does
not know (an agent's address, a purpose nobody stated) stays empty for the requester to
write; the signature is always theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..catalog import Catalog, FormField
from ..forms.coverage import source_of
from ..forms.fill import wareki
from ..forms.model import FieldValue, FilledForm, FormBundle, Source
from ..guide.inputs import PersonRecord
from .model import (
    CertificateCatalog,
    CertificateItem,
    CertificateKind,
    CertificateRequest,
    RequesterKind,
    Scope,
)

FORM_ID = "certificate_request"
REQUESTER_WRITES = "請求者が記入"
REQUESTER_KINDS = {
    RequesterKind.SELF: "本人",
    RequesterKind.HOUSEHOLD: "同一世帯の者",
    RequesterKind.AGENT: "代理人（委任状あり）",
    RequesterKind.THIRD_PARTY: "第三者",
}
SCOPES = {Scope.PERSON: "本人のみ", Scope.HOUSEHOLD: "世帯全員"}


def request_form(
    catalog: Catalog,
    certificates: CertificateCatalog,
    request: CertificateRequest,
    subject: PersonRecord,
    address: str,
    *,
    requested_on: date,
    municipality: str,
    reference: str,
) -> FormBundle:
    """The filled 交付請求書 as a one-form bundle: `subject` is the record of the person the
    certificates are about, `address` their household's address, `reference` what the
    form's barcode names (the visit number, or the ticket's or receipt's number)."""
    form = catalog.form(FORM_ID)
    filler = _RequestFiller(certificates, request, subject, address, requested_on)
    department = catalog.department(form.department).name if form.department else ""
    filled = FilledForm(
        form_id=form.id,
        title=form.title,
        department=department,
        procedures=(),
        person_atena=subject.atena_no,
        person_name=subject.name,
        fields=tuple(filler.value(spec) for spec in form.fields),
    )
    return FormBundle(reference, municipality, requested_on, (filled,))


def certificate_line(kind: CertificateKind, item: CertificateItem) -> str:
    """One line of 証明書の種類: 「住民票の写し（世帯全員・続柄・世帯主）　2通」."""
    details = []
    if len(kind.scopes) > 1:
        scope = SCOPES[item.scope]
        if item.scope is Scope.PERSON and item.members:
            scope = f"世帯一部 {len(item.members) + 1}人"
        details.append(scope)
    details += [option.name for option in kind.options if option.id in item.options]
    if item.fiscal_year is not None:
        details.append(fiscal_year(item.fiscal_year))
    shown = f"{kind.name}（{'・'.join(details)}）" if details else kind.name
    return f"{shown}\u3000{item.copies}通"


def fiscal_year(year: int) -> str:
    """2026 → 「令和8年度」 (a 年度 begins on 1 April)."""
    return wareki(date(year, 4, 1)).split("年")[0] + "年度"


class _RequestFiller:
    def __init__(
        self,
        certificates: CertificateCatalog,
        request: CertificateRequest,
        subject: PersonRecord,
        address: str,
        requested_on: date,
    ) -> None:
        self.certificates = certificates
        self.request = request
        self.subject = subject
        self.address = address
        self.records = f"住民記録（{wareki(requested_on)}時点）"
        requester = request.requester
        asked = "窓口で聴取"
        # The requester's own record is the subject's only when they are the person.
        self_asks = requester.kind is RequesterKind.SELF
        same_household = requester.kind in (RequesterKind.SELF, RequesterKind.HOUSEHOLD)
        self.resolvers: dict[str, Callable[[FormField], FieldValue]] = {
            "requested_on": lambda f: self.computed(f, wareki(requested_on), "請求の日"),
            "certificate_type": self.certificate_lines,
            "subject_name": lambda f: self.known(f, subject.name, Source.RECORDS, self.records),
            "subject_birth_date": lambda f: self.known(
                f,
                wareki(subject.birth_date) if subject.birth_date else "",
                Source.RECORDS,
                self.records,
            ),
            "subject_address": lambda f: self.known(f, address, Source.RECORDS, self.records),
            "purpose": lambda f: self.known(f, requester.purpose, Source.CLERK, asked),
            "requester_kind": lambda f: self.known(
                f, REQUESTER_KINDS[requester.kind], Source.CLERK, asked
            ),
            "identity_document": lambda f: self.known(
                f, self.identity_document(), Source.CLERK, "提示書類（種類のみ記録）"
            ),
            "requester_name": lambda f: (
                self.known(f, subject.name, Source.RECORDS, self.records)
                if self_asks
                else self.known(f, requester.name, Source.CLERK, asked)
            ),
            "requester_address": lambda f: self.known(
                f, address if same_household else "", Source.RECORDS, self.records
            ),
        }

    def value(self, spec: FormField) -> FieldValue:
        resolver = self.resolvers.get(spec.key)
        if resolver is not None:
            return resolver(spec)
        # A box a city added to the form: empty, for whoever its source says writes it.
        source = source_of(spec)
        note = "ご本人が記入" if source is Source.RESIDENT else REQUESTER_WRITES
        return FieldValue(spec.key, spec.label, source, "", "", note=note)

    def known(self, spec: FormField, text: str, source: Source, provenance: str) -> FieldValue:
        if not text:
            return FieldValue(spec.key, spec.label, source, "", provenance, note=REQUESTER_WRITES)
        return FieldValue(spec.key, spec.label, source, text, provenance, check=True)

    def computed(self, spec: FormField, text: str, what: str) -> FieldValue:
        return FieldValue(spec.key, spec.label, Source.COMPUTED, text, f"計算（{what}）")

    def certificate_lines(self, spec: FormField) -> FieldValue:
        rows = tuple(
            certificate_line(self.certificates.kind(item.kind_id), item)
            for item in self.request.items
        )
        return FieldValue(
            spec.key,
            spec.label,
            Source.COMPUTED,
            "、".join(rows),
            "計算（請求の内容）",
            rows,
            check=True,
        )

    def identity_document(self) -> str:
        chosen = self.request.requester.identity_document
        for document in self.certificates.identity_documents:
            if document.id == chosen:
                return document.name
        return chosen

"""The certificate desk's part of the catalog (resources/catalog/certificates.yaml): the
kinds, the 住民票 options, the 減免 reasons and the identity documents, built into a
`CertificateCatalog` with every problem at its file and line.

A city edits who may ask for what, but never beyond the law (住民基本台帳法 第12条・
第12条の3, 番号法): such an edit is a problem like a misspelt id, so the desk never runs
with a catalog that would hand a My Number to an agent.
"""

from __future__ import annotations

from ..certificates.model import (
    CertificateCatalog,
    CertificateKind,
    CertificateOption,
    CertificateSource,
    NamedChoice,
    RequesterKind,
    Scope,
)
from .parse import Builder, Problems, Sections, Where, built_entries

SECTIONS = ("certificate_options", "certificate_kinds", "fee_exemptions", "identity_documents")

# The options the engine knows how to print (counter_app.certificates.documents).
OPTION_IDS = ("honseki", "relationship", "head", "juminhyo_code", "my_number", "previous_address")
# Who the law lets have each option at most.
_SELF_OR_HOUSEHOLD = frozenset({RequesterKind.SELF, RequesterKind.HOUSEHOLD})
_NOT_THIRD_PARTY = frozenset(RequesterKind) - {RequesterKind.THIRD_PARTY}
OPTION_LAW: dict[str, frozenset[RequesterKind]] = {
    "honseki": _NOT_THIRD_PARTY,
    "relationship": _NOT_THIRD_PARTY,
    "head": _NOT_THIRD_PARTY,
    "juminhyo_code": _SELF_OR_HOUSEHOLD,
    "my_number": _SELF_OR_HOUSEHOLD,
    "previous_address": frozenset(RequesterKind),
}
# Who the law lets ask for each source at most.
SOURCE_LAW: dict[CertificateSource, frozenset[RequesterKind]] = {
    CertificateSource.RESIDENCE: frozenset(RequesterKind),
    CertificateSource.RESIDENCE_ITEMS: frozenset(RequesterKind),
    CertificateSource.REMOVED: frozenset(RequesterKind),
    CertificateSource.SEAL: _NOT_THIRD_PARTY,
    CertificateSource.TAX_INCOME: _NOT_THIRD_PARTY,
    CertificateSource.TAX_PAYMENT: _NOT_THIRD_PARTY,
}
_NAMED = ("id", "name", "name_en")
_KIND_REQUIRED = (
    *_NAMED,
    "source",
    "title",
    "attestation",
    "fee_yen",
    "scopes",
    "allowed_for",
)
_KIND_OPTIONAL = ("options", "mandate_for", "purpose_for", "by_fiscal_year", "needs_seal_card")


def build_certificates(sections: Sections, problems: Problems) -> CertificateCatalog:
    build = _CertificateBuilder(problems)
    options, _ = built_entries(sections, "certificate_options", build.option, problems)
    build.options = {option.id: option for option in options}
    kinds, _ = built_entries(sections, "certificate_kinds", build.kind, problems)
    exemptions, _ = built_entries(sections, "fee_exemptions", build.named, problems)
    documents, _ = built_entries(sections, "identity_documents", build.named, problems)
    return CertificateCatalog(
        kinds=tuple(kinds), exemptions=tuple(exemptions), identity_documents=tuple(documents)
    )


class _CertificateBuilder(Builder):
    def __init__(self, problems: Problems) -> None:
        super().__init__(problems)
        self.options: dict[str, CertificateOption] = {}

    def named(self, raw: object, where: Where) -> NamedChoice | None:
        data = self.mapping(raw, where, _NAMED, ())
        if data is None:
            return None
        texts = [self.text(data, key, where) for key in _NAMED]
        if None in texts:
            return None
        return NamedChoice(*texts)  # type: ignore[arg-type]

    def option(self, raw: object, where: Where) -> CertificateOption | None:
        data = self.mapping(raw, where, (*_NAMED, "allowed_for"), ())
        if data is None:
            return None
        named = self.named({k: data[k] for k in _NAMED}, where)
        allowed = self.requesters(data, "allowed_for", where)
        if named is None or allowed is None:
            return None
        if named.id not in OPTION_IDS:
            self.problems.add(
                where.at("id"), "unknown_value", value=named.id, allowed=list(OPTION_IDS)
            )
            return None
        self.within_law(allowed, OPTION_LAW[named.id], named.name, where.at("allowed_for"))
        return CertificateOption(named.id, named.name, named.name_en, allowed)

    def kind(self, raw: object, where: Where) -> CertificateKind | None:
        data = self.mapping(raw, where, _KIND_REQUIRED, _KIND_OPTIONAL)
        if data is None:
            return None
        texts = {key: self.text(data, key, where) for key in (*_NAMED, "title", "attestation")}
        source = self.choice(data, "source", where, CertificateSource)
        fee = self.fee(data, where)
        scopes = self.scopes(data, where)
        allowed = self.requesters(data, "allowed_for", where)
        mandate = self.requesters(data, "mandate_for", where)
        purpose = self.requesters(data, "purpose_for", where)
        options = self.kind_options(data, where)
        flags = {key: self.flag(data, key, where) for key in ("by_fiscal_year", "needs_seal_card")}
        parts = (*texts.values(), source, fee, scopes, allowed, mandate, purpose, options)
        if any(part is None for part in parts) or None in flags.values():
            return None
        assert source is not None and allowed is not None and mandate is not None
        assert purpose is not None
        self.kind_within_law(data, where, source, allowed, mandate, purpose, flags)
        return CertificateKind(
            id=texts["id"],  # type: ignore[arg-type]
            name=texts["name"],  # type: ignore[arg-type]
            name_en=texts["name_en"],  # type: ignore[arg-type]
            source=source,
            title=texts["title"],  # type: ignore[arg-type]
            attestation=texts["attestation"],  # type: ignore[arg-type]
            fee_yen=fee,  # type: ignore[arg-type]
            scopes=scopes,  # type: ignore[arg-type]
            options=options,  # type: ignore[arg-type]
            allowed_for=allowed,
            mandate_for=mandate,
            purpose_for=purpose,
            by_fiscal_year=bool(flags["by_fiscal_year"]),
            needs_seal_card=bool(flags["needs_seal_card"]),
        )

    # -- the kind's parts -----------------------------------------------------------------

    def kind_within_law(self, data, where, source, allowed, mandate, purpose, flags) -> None:
        name = str(data["name"])
        self.within_law(allowed, SOURCE_LAW[source], name, where.at("allowed_for"))
        for key, listed in (("mandate_for", mandate), ("purpose_for", purpose)):
            for requester in sorted(listed - allowed):
                self.problems.add(
                    where.at(key), "certificate_not_allowed", who=requester.value, key=key
                )
        if source is CertificateSource.SEAL:
            if not flags["needs_seal_card"]:
                self.problems.add(where, "certificate_needs_seal_card", kind=name)
        elif RequesterKind.AGENT in allowed and RequesterKind.AGENT not in mandate:
            self.problems.add(where.at("mandate_for"), "certificate_needs_mandate", kind=name)
        if RequesterKind.THIRD_PARTY in allowed and RequesterKind.THIRD_PARTY not in purpose:
            self.problems.add(where.at("purpose_for"), "certificate_needs_purpose", kind=name)

    def within_law(
        self, allowed: frozenset[RequesterKind], law: frozenset[RequesterKind], what: str, where
    ) -> None:
        for requester in sorted(allowed - law):
            self.problems.add(where, "certificate_beyond_law", what=what, who=requester.value)

    def kind_options(self, data: dict, where: Where) -> tuple[CertificateOption, ...] | None:
        ids = self.texts(data, "options", where)
        found = []
        for i, option_id in enumerate(ids):
            option = self.options.get(option_id)
            if option is None:
                self.problems.add(where.at("options", i), "unknown_option", option=option_id)
                return None
            found.append(option)
        return tuple(found)

    def scopes(self, data: dict, where: Where) -> tuple[Scope, ...] | None:
        values = self.choices(data, "scopes", where, Scope)
        if values is not None and not values:
            self.problems.add(where.at("scopes"), "empty_list", key="scopes")
            return None
        return values

    def requesters(self, data: dict, key: str, where: Where) -> frozenset[RequesterKind] | None:
        values = self.choices(data, key, where, RequesterKind)
        return None if values is None else frozenset(values)

    def choices(self, data: dict, key: str, where: Where, enum) -> tuple | None:
        raw = data.get(key, [])
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problems.add(where.at(key), "not_list")
            return None
        out = []
        for i, value in enumerate(raw):
            try:
                out.append(enum(value))
            except ValueError:
                allowed = [member.value for member in enum]
                self.problems.add(where.at(key, i), "unknown_value", value=value, allowed=allowed)
                return None
        return tuple(out)

    def choice(self, data: dict, key: str, where: Where, enum):
        try:
            return enum(data[key])
        except (ValueError, TypeError):
            allowed = [member.value for member in enum]
            self.problems.add(where.at(key), "unknown_value", value=data[key], allowed=allowed)
            return None

    def fee(self, data: dict, where: Where) -> int | None:
        fee = data["fee_yen"]
        if isinstance(fee, bool) or not isinstance(fee, int):
            self.problems.add(where.at("fee_yen"), "not_int")
            return None
        if fee < 0:
            self.problems.add(where.at("fee_yen"), "negative_fee", value=fee)
            return None
        return fee

    def flag(self, data: dict, key: str, where: Where) -> bool | None:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problems.add(where.at(key), "not_bool")
            return None
        return value

"""Words for the certificate desk's codes, in the UI language."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from counter_app.certificates.model import (
    CertificateKind,
    CertificateOption,
    NamedChoice,
    PaymentMethod,
    RequesterKind,
    Scope,
)

# The order the desk offers who asks in (the keys 1 … 4 pick them).
REQUESTER_ORDER = (
    RequesterKind.SELF,
    RequesterKind.HOUSEHOLD,
    RequesterKind.AGENT,
    RequesterKind.THIRD_PARTY,
)


def requester_label(kind: RequesterKind) -> str:
    labels = {
        RequesterKind.SELF: QCoreApplication.translate("Certificates", "本人"),
        RequesterKind.HOUSEHOLD: QCoreApplication.translate("Certificates", "同一世帯"),
        RequesterKind.AGENT: QCoreApplication.translate("Certificates", "代理人"),
        RequesterKind.THIRD_PARTY: QCoreApplication.translate("Certificates", "第三者"),
    }
    return labels[kind]


def requesters_label(kinds: Iterable[RequesterKind]) -> str:
    held = set(kinds)
    return QCoreApplication.translate("Certificates", "・").join(
        requester_label(kind) for kind in REQUESTER_ORDER if kind in held
    )


def scope_label(scope: Scope) -> str:
    return (
        QCoreApplication.translate("Certificates", "世帯全員")
        if scope is Scope.HOUSEHOLD
        else QCoreApplication.translate("Certificates", "本人のみ")
    )


def method_label(method: PaymentMethod) -> str:
    labels = {
        PaymentMethod.CASH: QCoreApplication.translate("Certificates", "現金"),
        PaymentMethod.CASHLESS: QCoreApplication.translate("Certificates", "キャッシュレス"),
        PaymentMethod.EXEMPT: QCoreApplication.translate("Certificates", "減免"),
    }
    return labels[method]


def yen(amount: int | None) -> str:
    """「1,200円」; 「—」 for nothing."""
    if amount is None:
        return "—"
    return QCoreApplication.translate("Certificates", "{amount}円").format(amount=f"{amount:,}")


def named(choice: NamedChoice | CertificateKind | CertificateOption, language: str) -> str:
    """A catalog entry's name in the UI language (the catalog carries both)."""
    return choice.name_en if language == "en" and choice.name_en else choice.name


def option_refusal(option: CertificateOption) -> str:
    """Why an option is off for the requester: who may ask for it (the catalog says)."""
    return QCoreApplication.translate("Certificates", "{who}の請求に限り記載できます").format(
        who=requesters_label(option.allowed_for)
    )


def kind_refusal(kind: CertificateKind) -> str:
    return QCoreApplication.translate("Certificates", "{who}が請求できます").format(
        who=requesters_label(kind.allowed_for)
    )

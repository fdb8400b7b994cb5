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

CONTEXT = "Certificates"
# The order the desk offers who asks in (the keys 1 … 4 pick them).
REQUESTER_ORDER = (
    RequesterKind.SELF,
    RequesterKind.HOUSEHOLD,
    RequesterKind.AGENT,
    RequesterKind.THIRD_PARTY,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def requester_label(kind: RequesterKind) -> str:
    labels = {
        RequesterKind.SELF: _tr("本人"),
        RequesterKind.HOUSEHOLD: _tr("同一世帯"),
        RequesterKind.AGENT: _tr("代理人"),
        RequesterKind.THIRD_PARTY: _tr("第三者"),
    }
    return labels[kind]


def requesters_label(kinds: Iterable[RequesterKind]) -> str:
    held = set(kinds)
    return _tr("・").join(requester_label(kind) for kind in REQUESTER_ORDER if kind in held)


def scope_label(scope: Scope) -> str:
    return _tr("世帯全員") if scope is Scope.HOUSEHOLD else _tr("本人のみ")


def method_label(method: PaymentMethod) -> str:
    labels = {
        PaymentMethod.CASH: _tr("現金"),
        PaymentMethod.CASHLESS: _tr("キャッシュレス"),
        PaymentMethod.EXEMPT: _tr("減免"),
    }
    return labels[method]


def yen(amount: int | None) -> str:
    """「1,200円」; 「—」 for nothing."""
    if amount is None:
        return "—"
    return _tr("{amount}円").format(amount=f"{amount:,}")


def named(choice: NamedChoice | CertificateKind | CertificateOption, language: str) -> str:
    """A catalog entry's name in the UI language (the catalog carries both)."""
    return choice.name_en if language == "en" and choice.name_en else choice.name


def option_refusal(option: CertificateOption) -> str:
    """Why an option is off for the requester: who may ask for it (the catalog says)."""
    return _tr("{who}の請求に限り記載できます").format(who=requesters_label(option.allowed_for))


def kind_refusal(kind: CertificateKind) -> str:
    return _tr("{who}が請求できます").format(who=requesters_label(kind.allowed_for))

"""The fee of a request (手数料) with 減免, and the payment's own checks."""

from __future__ import annotations

from ..errors import CounterAppError, ErrorCode
from .model import (
    CertificateCatalog,
    CertificateRequest,
    FeeLine,
    PaymentInput,
    PaymentMethod,
    Quote,
)


def quote_of(catalog: CertificateCatalog, request: CertificateRequest) -> Quote:
    """One line per item: the kind's fee per copy times the copies, 0 under a 減免."""
    lines = []
    for item in request.items:
        kind = catalog.kind(item.kind_id)
        amount = 0 if request.exemption_id else kind.fee_yen * item.copies
        lines.append(FeeLine(kind.id, kind.name, item.copies, kind.fee_yen, amount))
    total = sum(line.amount_yen for line in lines)
    return Quote(tuple(lines), total, request.exemption_id)


def settled(quote: Quote, payment: PaymentInput) -> tuple[int | None, int | None]:
    """(received, change) of a payment that settles the quote, else a clear refusal."""
    method = payment.method
    if quote.exemption_id is not None and method is not PaymentMethod.EXEMPT:
        raise CounterAppError(
            ErrorCode.CERTIFICATE_PAYMENT_INVALID, detail="減免の請求は exempt で受け付けます"
        )
    if method is PaymentMethod.EXEMPT:
        if quote.total_yen != 0:
            raise CounterAppError(
                ErrorCode.CERTIFICATE_PAYMENT_INVALID, detail="減免の理由がありません"
            )
        return None, None
    if quote.total_yen == 0:
        raise CounterAppError(
            ErrorCode.CERTIFICATE_PAYMENT_INVALID, detail="手数料は0円です（exempt）"
        )
    if method is PaymentMethod.CASHLESS:
        if (
            not (payment.cashless_reference or "").strip()
            or not (payment.cashless_method or "").strip()
        ):
            raise CounterAppError(
                ErrorCode.CERTIFICATE_PAYMENT_INVALID, detail="端末の取引番号と支払方法が必要です"
            )
        return None, None
    received = payment.received_yen
    if received is None or isinstance(received, bool) or received < 0:
        raise CounterAppError(
            ErrorCode.CERTIFICATE_PAYMENT_INVALID, detail="お預かり金額を入力してください"
        )
    if received < quote.total_yen:
        raise CounterAppError(
            ErrorCode.CERTIFICATE_CASH_SHORT, received=received, total=quote.total_yen
        )
    return received, received - quote.total_yen

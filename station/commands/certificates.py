"""`counter-app certificate kinds|issue`: the certificate desk from the command line.

    counter-app certificate kinds
    counter-app certificate issue --resident 000123 --kind juminhyo --copies 2 \\
        --pay cash:1000 --as madoguchi --printer socket://192.0.2.20:9100 --out c.pdf
    certificate no=C20261205-00001,C20261205-00002 kind=juminhyo copies=2 fee=600 paid=1000 change=400

`issue` acts as the user named by `--as` would at a window: like every command, it runs
as the IT staff at a PC that holds the database credentials (no password is asked, as
`users …` asks none), and acts as that active user through `AuthService.act_as`, which
logs `auth.acted_as`; the same permissions, the same checks and the same audit entries
then apply as at a window. A cashless payment is charged on this PC's payment
terminal (`[devices] payment_terminal`) after the request passed its checks and before
it is recorded. The 領収書 is queued in the print outbox with the issuance and printed
on --printer (default: `[devices] ticket_printer`); a printer that cannot print leaves
it queued for the PC's spooler. The certificate PDF is written to --out whole or not at
all. stdout gets exactly one line; bad input and refusals exit 2 with one line on stderr.
Registered by the launcher (it needs printing and devices); no Qt.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from counter_app.app import CounterApp
from counter_app.certificates.model import (
    CertificateCatalog,
    CertificateItem,
    CertificateRequest,
    Issuance,
    PaymentInput,
    PaymentMethod,
    Requester,
    RequesterKind,
    Scope,
)
from counter_app.cli.common import (
    command_lease_holder,
    guarded,
    language_of,
    open_app,
    print_error,
)
from counter_app.cli.terminal import echo
from counter_app.clock import utcnow
from counter_app.config import SETTING_RANGES, Config
from counter_app.errors import CounterAppError
from counter_app.permissions import console_actor
from counter_app.whole_files import write_bytes_whole
from devices.payment import PaymentTerminalError
from station.commands.forms import glyph_message
from station.fee_receipts import fee_receipt_order
from station.payments import open_payment_terminal
from station.print_jobs import print_job

MAX_COPIES = 99

_TEXT = {
    "ja": {
        "lang": "ja",
        "pay": "--pay は cash:金額 / exempt:減免事由 / cashless のいずれかです: {value}",
        "copies": "--copies は 1〜{most} の整数です: {value}",
        "window": "--window は {low}〜{high} の整数です: {value}",
        "kind": "証明書の種類「{value}」はありません（counter-app certificate kinds）",
        "exemption": "減免事由「{value}」はありません（counter-app certificate kinds）",
        "id_document": "本人確認書類「{value}」はありません（counter-app certificate kinds）",
        "no_terminal": "決済端末が設定されていません（[devices] payment_terminal）",
        "nothing_to_charge": "手数料が0円のため、キャッシュレス決済はできません",
        "declined": "決済端末が決済を承認しませんでした: {message}",
        "terminal": "決済端末に接続できないか応答がありません（課金されていません）: {error}",
        "charged_not_issued": "決済（{reference}）は完了しましたが交付できませんでした。"
        "決済端末で取消してください",
        "no_printer": "プリンタが指定されていないため、領収書は印刷していません"
        "（--printer または [devices] ticket_printer）。",
        "failed": "領収書を印刷できませんでした（印刷ジョブ #{job}、再試行されます）: {error}",
        "header": ("ID", "名称", "手数料", "範囲", "選択項目", "請求できる人"),
        "exemptions": "減免事由",
        "id_documents": "本人確認書類",
        "scope": {"person": "個人", "household": "世帯全員"},
        "who": {
            "self": "本人",
            "household": "同一世帯",
            "agent": "代理人",
            "third_party": "第三者",
        },
        "mandate": "委任状",
        "purpose": "請求事由",
        "per_copy": "{fee}円/通",
        "year": "年度指定",
        "seal_card": "印鑑登録証",
    },
    "en": {
        "lang": "en",
        "pay": "--pay is cash:AMOUNT, exempt:REASON or cashless: {value}",
        "copies": "--copies is a whole number from 1 to {most}: {value}",
        "window": "--window is a whole number from {low} to {high}: {value}",
        "kind": "no certificate kind “{value}” (counter-app certificate kinds)",
        "exemption": "no exemption reason “{value}” (counter-app certificate kinds)",
        "id_document": "no identity document “{value}” (counter-app certificate kinds)",
        "no_terminal": "no payment terminal is configured ([devices] payment_terminal)",
        "nothing_to_charge": "the fee is 0 yen: there is nothing to pay cashless",
        "declined": "the payment terminal declined: {message}",
        "terminal": "the payment terminal cannot be reached or did not answer (nothing "
        "charged): {error}",
        "charged_not_issued": "the payment ({reference}) went through but nothing was "
        "issued: cancel it on the terminal",
        "no_printer": "no printer is given, so no 領収書 was printed (--printer or "
        "[devices] ticket_printer).",
        "failed": "the 領収書 did not print (print job #{job}, to be retried): {error}",
        "header": ("id", "name", "fee", "scope", "options", "who may ask"),
        "exemptions": "exemptions",
        "id_documents": "identity documents",
        "scope": {"person": "person", "household": "household"},
        "who": {
            "self": "self",
            "household": "household",
            "agent": "agent",
            "third_party": "third party",
        },
        "mandate": "mandate",
        "purpose": "purpose",
        "per_copy": "{fee} yen a copy",
        "year": "by fiscal year",
        "seal_card": "seal card",
    },
}


class BadInput(Exception):
    """Input the desk refuses before anything is written: one line, exit status 2."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class OneLineParser(argparse.ArgumentParser):
    """A parser that reports bad arguments on one line (no usage block), status 2."""

    def error(self, message: str) -> NoReturn:
        echo(f"{self.prog}: {message}", error=True)
        raise SystemExit(2)


@dataclass(frozen=True)
class Payment:
    """--pay, read: how the fee is paid."""

    method: PaymentMethod
    received_yen: int | None = None
    exemption_id: str | None = None


def register(subparsers, common) -> None:
    certificate = subparsers.add_parser(
        "certificate", parents=[common], help="証明書の交付 / the certificate desk"
    )
    actions = certificate.add_subparsers(
        dest="certificate_command", required=True, parser_class=OneLineParser
    )
    kinds = actions.add_parser(
        "kinds", parents=[common], help="証明書の種類と手数料 / kinds, fees and who may ask"
    )
    kinds.set_defaults(handler=guarded(run_kinds))
    issue = actions.add_parser(
        "issue", parents=[common], help="証明書を交付する / issue certificates as a clerk"
    )
    issue.add_argument("--resident", required=True, metavar="ATENA_NO", help="宛名番号")
    issue.add_argument("--kind", required=True, metavar="ID", help="証明書の種類 / kind id")
    issue.add_argument("--scope", choices=[s.value for s in Scope], default=Scope.PERSON.value)
    issue.add_argument("--copies", default="1", metavar="N", help="通数 / copies (1-99)")
    issue.add_argument(
        "--option", action="append", default=[], metavar="ID", help="記載事項 / item to show"
    )
    issue.add_argument("--year", type=int, metavar="N", help="年度 / fiscal year (tax)")
    issue.add_argument("--seal-card", metavar="NO", help="印鑑登録証の番号 / seal card number")
    issue.add_argument(
        "--requester", choices=[k.value for k in RequesterKind], default=RequesterKind.SELF.value
    )
    issue.add_argument(
        "--requester-name",
        default="",
        metavar="NAME",
        help="窓口に来た方の氏名（本人以外） / the name of who asks (anyone but the person)",
    )
    issue.add_argument("--mandate", action="store_true", help="委任状あり / mandate shown")
    issue.add_argument("--purpose", default="", metavar="TEXT", help="請求事由 / purpose")
    issue.add_argument(
        "--id-document",
        metavar="KIND",
        help="本人確認書類 / identity document (default: the first)",
    )
    issue.add_argument(
        "--pay",
        required=True,
        metavar="cash:AMOUNT|exempt:REASON|cashless",
        help="支払 / payment",
    )
    issue.add_argument("--as", dest="login", required=True, metavar="USER_ID", help="職員 / clerk")
    issue.add_argument("--window", type=int, metavar="N", help="窓口番号 / window number")
    issue.add_argument(
        "--printer", metavar="URL", help="領収書のプリンタ / printer (default: ticket_printer)"
    )
    issue.add_argument("--out", required=True, metavar="FILE.pdf", help="証明書のPDF / the PDF")
    issue.set_defaults(handler=guarded(run_issue))


def run_kinds(args: argparse.Namespace, config: Config) -> int:
    text = _TEXT[language_of(args, config)]
    app = open_app(args, config)
    try:
        catalog = app.certificates.catalog
    finally:
        app.close()
    echo(*kinds_table(catalog, text, language_of(args, config) == "ja"))
    return 0


def kinds_table(catalog: CertificateCatalog, text: dict, ja: bool) -> list[str]:
    """One tab-separated row per kind, then the 減免 reasons and the identity documents."""
    rows = ["\t".join(text["header"])]
    for kind in catalog.kinds:
        who = []
        for requester in RequesterKind:
            if requester not in kind.allowed_for:
                continue
            words = text["who"][requester.value]
            if requester in kind.mandate_for:
                words += f"({text['mandate']})"
            if requester in kind.purpose_for:
                words += f"({text['purpose']})"
            who.append(words)
        needs = [text["year"]] * kind.by_fiscal_year + [text["seal_card"]] * kind.needs_seal_card
        options = [f"{o.id}:{o.name if ja else o.name_en}" for o in kind.options]
        rows.append(
            "\t".join(
                (
                    kind.id,
                    kind.name if ja else kind.name_en,
                    text["per_copy"].format(fee=f"{kind.fee_yen:,}"),
                    ",".join(text["scope"][s.value] for s in kind.scopes),
                    ",".join(options + needs) or "-",
                    ",".join(who),
                )
            )
        )
    for title, choices in (
        (text["exemptions"], catalog.exemptions),
        (text["id_documents"], catalog.identity_documents),
    ):
        rows.append(
            f"{title}:\t" + ",".join(f"{c.id}:{c.name if ja else c.name_en}" for c in choices)
        )
    return rows


def run_issue(args: argparse.Namespace, config: Config) -> int:
    language = language_of(args, config)
    text = _TEXT[language]
    try:
        copies = parse_copies(args.copies)
        payment = parse_payment(args.pay)
        check_window(args.window)
    except BadInput as bad:
        echo(f"counter-app: {text[bad.key].format(**bad.params)}", error=True)
        return 2
    app = open_app(args, config)
    try:
        try:
            request = build_request(args, app.certificates.catalog, copies, payment)
            return issue(args, config, app, request, payment, text)
        except BadInput as bad:
            echo(f"counter-app: {text[bad.key].format(**bad.params)}", error=True)
            return 2
        except CounterAppError as refused:
            print_error(refused, language)
            return 2
    finally:
        app.close()


def issue(
    args: argparse.Namespace,
    config: Config,
    app: CounterApp,
    request: CertificateRequest,
    payment: Payment,
    text: dict,
) -> int:
    """Act as --as, check, pay, issue, write the PDF, print the 領収書."""
    window = args.window if args.window is not None else config.window_number
    terminal = dataclasses.replace(app.terminal, window_number=window)
    actor = app.auth.act_as(console_actor(config.terminal_name), args.login, terminal)
    app.certificates.check(actor, request)
    quote = app.certificates.quote(request)
    paid = pay(config, payment, quote.total_yen, window, text)
    printer_url = args.printer or config.devices.ticket_printer
    municipality = app.municipality_name()
    receipt = (
        fee_receipt_order(app.certificates.catalog, municipality, printer_url)
        if printer_url
        else None
    )
    try:
        issuance = app.certificates.issue(
            actor,
            request,
            paid,
            window=window,
            receipt=receipt,
            lease_to=command_lease_holder(config.terminal_name),
        )
    except Exception:  # a refusal, or the database gone: the charge must be undone
        if paid.cashless_reference is not None:
            echo(text["charged_not_issued"].format(reference=paid.cashless_reference), error=True)
        raise
    write_pdf(Path(args.out), issuance, text)
    print_receipt(app, config, issuance, printer_url, municipality, text)
    echo(summary_line(request, issuance), flush=True)
    return 0


def write_pdf(path: Path, issuance: Issuance, text: dict) -> None:
    """Every copy into one PDF, whole or not at all; a character the font lacks is named
    on stderr (the PDF marks it with 〓 in a red frame)."""
    from printing.certificates import render_certificates  # reportlab only for a PDF
    from printing.city import load_city

    documents = [certificate.document for certificate in issuance.certificates]
    rendered = render_certificates(documents, load_city())
    write_bytes_whole(path, rendered.pdf, make_folder=True)
    for warning in rendered.glyph_warnings:
        echo(glyph_message(warning, text["lang"]), error=True)


def pay(
    config: Config, payment: Payment, total_yen: int, window: int | None, text: dict
) -> PaymentInput:
    """The PaymentInput for `issue`: cash and 減免 as given; cashless charged on this PC's
    terminal first (after the checks passed), with its method and reference."""
    if payment.method is not PaymentMethod.CASHLESS:
        return PaymentInput(payment.method, received_yen=payment.received_yen)
    if total_yen <= 0:
        raise BadInput("nothing_to_charge")
    terminal = open_payment_terminal(config)
    if terminal is None:
        raise BadInput("no_terminal")
    try:
        answer = terminal.charge(total_yen, charge_order(window))
    except PaymentTerminalError as error:
        raise BadInput("terminal", error=error) from error
    finally:
        terminal.close()
    if not answer.approved:
        raise BadInput("declined", message=answer.message or "-")
    return PaymentInput(
        PaymentMethod.CASHLESS, cashless_method=answer.method, cashless_reference=answer.reference
    )


def charge_order(window: int | None) -> str:
    """What the terminal's journal files the charge under: the receipt number is made
    when the payment is recorded, after the charge, so the window and the moment."""
    return f"W{window or 0}-{utcnow():%Y%m%d%H%M%S%f}"


def print_receipt(
    app: CounterApp,
    config: Config,
    issuance: Issuance,
    printer_url: str | None,
    municipality: str,
    text: dict,
) -> None:
    """Print the 領収書 queued (and leased to this run) with the issuance; one that
    cannot print stays queued for the spooler of the PC the printer belongs to."""
    if not printer_url:
        echo(text["no_printer"], error=True)
        return
    if issuance.receipt_job_id is None:
        return
    job = app.outbox.job(issuance.receipt_job_id)
    try:
        print_job(job, config, municipality)
    except Exception as error:  # any printer failure: issued all the same
        app.outbox.mark_failed(job.id, f"{type(error).__name__}: {error}")
        echo(text["failed"].format(job=job.id, error=error), error=True)
        return
    app.outbox.mark_printed(job.id)


def summary_line(request: CertificateRequest, issuance: Issuance) -> str:
    payment = issuance.payment
    paid = payment.received_yen if payment.method is PaymentMethod.CASH else payment.total_yen
    numbers = ",".join(c.issue_number for c in issuance.certificates)
    return (
        f"certificate no={numbers} kind={request.items[0].kind_id} "
        f"copies={len(issuance.certificates)} fee={payment.total_yen} paid={paid or 0} "
        f"change={payment.change_yen or 0}"
    )


def parse_copies(value: str) -> int:
    try:
        copies = int(value)
    except ValueError:
        raise BadInput("copies", value=value, most=MAX_COPIES) from None
    if not 1 <= copies <= MAX_COPIES:
        raise BadInput("copies", value=value, most=MAX_COPIES)
    return copies


def check_window(window: int | None) -> None:
    low, high = SETTING_RANGES["terminal.window_number"]
    if window is not None and not low <= window <= high:
        raise BadInput("window", value=window, low=low, high=high)


def parse_payment(value: str) -> Payment:
    """cash:AMOUNT (yen received, 0 or more), exempt:REASON or cashless."""
    how, _, detail = value.partition(":")
    if how == PaymentMethod.CASHLESS.value and not detail:
        return Payment(PaymentMethod.CASHLESS)
    if how == PaymentMethod.EXEMPT.value and detail:
        return Payment(PaymentMethod.EXEMPT, exemption_id=detail)
    if (
        how == PaymentMethod.CASH.value
        and detail.isascii()
        and detail.isdigit()
        and len(detail) <= 9
    ):
        return Payment(PaymentMethod.CASH, received_yen=int(detail))
    raise BadInput("pay", value=value)


def build_request(
    args: argparse.Namespace, catalog: CertificateCatalog, copies: int, payment: Payment
) -> CertificateRequest:
    """The 交付請求 the arguments describe; a kind, 減免 reason or identity document the
    catalog does not have is bad input (the core's checks see everything else)."""
    try:
        catalog.kind(args.kind)
    except KeyError:
        raise BadInput("kind", value=args.kind) from None
    if payment.exemption_id is not None:
        try:
            catalog.exemption(payment.exemption_id)
        except KeyError:
            raise BadInput("exemption", value=payment.exemption_id) from None
    documents = [d.id for d in catalog.identity_documents]
    document = args.id_document or (documents[0] if documents else "")
    if document not in documents:
        raise BadInput("id_document", value=document)
    return CertificateRequest(
        subject=args.resident,
        requester=Requester(
            kind=RequesterKind(args.requester),
            identity_document=document,
            name=args.requester_name,
            has_mandate=args.mandate,
            purpose=args.purpose,
        ),
        items=(
            CertificateItem(
                kind_id=args.kind,
                copies=copies,
                scope=Scope(args.scope),
                options=frozenset(args.option),
                fiscal_year=args.year,
                seal_card_number=args.seal_card,
            ),
        ),
        exemption_id=payment.exemption_id,
    )

"""The 交付請求書 comes out of the printer filled in from the request: the certificates
and copies, whose they are, who asks and what identity document they showed, with a box
for the requester's signature; what the window does not know is left for them to write."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.catalog import load_catalog
from counter_app.certificates.model import (
    CertificateCatalog,
    CertificateItem,
    CertificateKind,
    CertificateOption,
    CertificateRequest,
    CertificateSource,
    NamedChoice,
    Requester,
    RequesterKind,
    Scope,
)
from counter_app.certificates.request_form import request_form
from counter_app.guide.inputs import PersonRecord
from printing.render import render_bundle
from tests.helpers import pdftotext

EVERYONE = frozenset(RequesterKind)
OWN = frozenset({RequesterKind.SELF, RequesterKind.HOUSEHOLD})
ADDRESS = "東京都みどり市桜町二丁目14番3号 みどりハイツ201"
SUBJECT = PersonRecord(
    {"atena_no": "A0042", "name_kanji": "髙橋 一郎", "birth_date": date(1985, 8, 22)}
)


def option(option_id, name, allowed=EVERYONE):
    return CertificateOption(option_id, name, option_id, allowed)


CERTIFICATES = CertificateCatalog(
    kinds=(
        CertificateKind(
            "juminhyo",
            "住民票の写し",
            "Certificate of residence",
            CertificateSource.RESIDENCE,
            "住民票の写し",
            "この写しは、住民票の原本と相違ないことを証明する。",
            300,
            (Scope.PERSON, Scope.HOUSEHOLD),
            (
                option("honseki", "本籍・筆頭者", OWN),
                option("relationship", "続柄"),
                option("head", "世帯主"),
                option("my_number", "個人番号", OWN),
            ),
            EVERYONE,
            frozenset({RequesterKind.AGENT}),
            frozenset({RequesterKind.THIRD_PARTY}),
        ),
        CertificateKind(
            "tax_income",
            "所得・課税証明書",
            "Income and tax certificate",
            CertificateSource.TAX_INCOME,
            "所得・課税証明書",
            "上記のとおり証明する。",
            300,
            (Scope.PERSON,),
            (),
            frozenset({RequesterKind.SELF, RequesterKind.HOUSEHOLD, RequesterKind.AGENT}),
            frozenset({RequesterKind.AGENT}),
            frozenset(),
            by_fiscal_year=True,
        ),
    ),
    exemptions=(NamedChoice("official", "公用", "Official use"),),
    identity_documents=(
        NamedChoice("mynumber_card", "マイナンバーカード", "My Number Card"),
        NamedChoice("driving_licence", "運転免許証", "Driving licence"),
    ),
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def printed(catalog, request, tmp_path):
    bundle = request_form(
        catalog,
        CERTIFICATES,
        request,
        SUBJECT,
        ADDRESS,
        requested_on=date(2026, 12, 5),
        municipality="みどり市",
        reference="R20261205-0007",
    )
    path = tmp_path / "request.pdf"
    rendered = render_bundle(bundle)
    path.write_bytes(rendered.pdf)
    return bundle.forms[0], pdftotext(path), rendered


def test_an_agents_request_reads_back_the_requester_and_the_certificates(catalog, tmp_path):
    request = CertificateRequest(
        "A0042",
        Requester(
            RequesterKind.AGENT,
            "driving_licence",
            name="山﨑 花子",
            has_mandate=True,
            purpose="年金の手続き（日本年金機構）",
        ),
        (
            CertificateItem("juminhyo", 2, Scope.HOUSEHOLD, frozenset({"relationship", "head"})),
            CertificateItem("tax_income", 1, fiscal_year=2026),
        ),
    )
    form, text, rendered = printed(catalog, request, tmp_path)
    flat = " ".join(text.split())
    assert "証明書等交付請求書" in text
    assert "住民票の写し（世帯全員・続柄・世帯主） 2通" in flat
    assert "所得・課税証明書（令和8年度） 1通" in flat
    assert "髙橋 一郎" in text and "昭和60年8月22日" in text and ADDRESS in flat
    assert "年金の手続き（日本年金機構）" in text
    assert "代理人（委任状あり）" in text and "山﨑 花子" in text and "運転免許証" in text
    assert "令和8年12月5日" in text
    # The window does not know an agent's address: the agent writes it, and signs.
    assert form.field("requester_address").text == ""
    assert form.field("requester_address").note == "請求者が記入"
    assert "請求者が記入" in text and "ご本人が記入" in text
    assert "A0042" not in text  # the 宛名番号 is an internal key
    assert not rendered.glyph_warnings


def test_the_person_themself_is_named_from_the_record(catalog, tmp_path):
    request = CertificateRequest(
        "A0042",
        Requester(RequesterKind.SELF, "mynumber_card"),
        (CertificateItem("juminhyo", 1, Scope.PERSON, frozenset({"my_number"})),),
    )
    form, text, _ = printed(catalog, request, tmp_path)
    flat = " ".join(text.split())
    assert "住民票の写し（本人のみ・個人番号） 1通" in flat
    assert form.field("requester_kind").text == "本人"
    assert form.field("requester_name").text == "髙橋 一郎"
    assert form.field("requester_address").text == ADDRESS
    assert "マイナンバーカード" in text
    assert form.field("purpose").text == "" and "請求者が記入" in text
    assert form.field("signature").source.value == "resident"

"""Every ticket the floor can issue must print on the PC's printer: checked when the
categories load, before any ticket is issued (station/ticket_fit.py)."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.config import DeviceSettings
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.queue import categories as categories_module
from counter_app.queue.categories import load_categories
from devices.fakes import FakePrinter
from devices.profiles import BUILT_IN
from station.ticket_fit import check_printer_setup, check_tickets_fit
from tests.helpers import open_app

LONG_KANJI = "届出・証明（山﨑支所・髙島出張所・德永分室・𠮷田窓口）"


@pytest.mark.parametrize("profile", BUILT_IN.values(), ids=BUILT_IN)
def test_the_shipped_categories_fit_every_built_in_printer(profile):
    check_tickets_fit(load_categories(), "みどり市", profile)


@pytest.mark.parametrize("profile", BUILT_IN.values(), ids=BUILT_IN)
def test_a_long_kanji_category_is_refused_naming_it_and_what_to_shorten(profile):
    category = dataclasses.replace(load_categories()[0], name=LONG_KANJI)
    with pytest.raises(CounterAppError) as raised:
        check_tickets_fit([category], "みどり市", profile)
    error = raised.value
    assert error.code is ErrorCode.QUEUE_TICKET_TOO_LARGE
    assert error.params["size"] > error.params["limit"] == 900
    said = message_for(error, "ja")
    assert said.startswith(
        f"分類「{LONG_KANJI}」の番号札はプリンタ（{profile.name}）で印刷できません"
    )
    assert "「﨑髙德𠮷」はプリンタの文字にないため画像で送られます" in said
    assert "“﨑髙德𠮷” are not in the printer's character ROM" in message_for(error, "en")


def test_a_pc_with_a_printer_checks_the_categories_it_loaded(tmp_path, monkeypatch):
    shipped = categories_module.categories_file().read_text("utf-8")
    changed = tmp_path / "categories.yaml"
    changed.write_text(
        shipped.replace("届出・証明（転入転出・出生死亡・婚姻離婚）", LONG_KANJI, 1), "utf-8"
    )
    monkeypatch.setattr(categories_module, "categories_file", lambda: changed)
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with FakePrinter().start_socket() as fake:
        app = open_app(url, devices=DeviceSettings(ticket_printer=fake.url))
        try:
            with pytest.raises(CounterAppError) as raised:
                check_printer_setup(app)
            assert raised.value.params["category"] == LONG_KANJI
            # A PC without a printer has nothing to check.
            app.config = dataclasses.replace(app.config, devices=DeviceSettings())
            assert check_printer_setup(app) is None
        finally:
            app.close()


def test_a_printer_without_kanji_prints_tickets_only_on_a_fast_enough_line():
    """Every line of such a printer's ticket is an image (about 7 KB): refused on a
    9600 bps line, naming the speed that carries it; accepted at 115200 bps and on the
    network."""
    no_kanji = dataclasses.replace(BUILT_IN["tm-t20"], kanji_rom=False)
    with pytest.raises(CounterAppError) as raised:
        check_tickets_fit(load_categories(), "みどり市", no_kanji)
    said = message_for(raised.value, "ja")
    assert "漢字フォントがなく" in said and "115200 bps" in said and "socket://" in said
    assert raised.value.params["size"] > 6000
    check_tickets_fit(load_categories(), "みどり市", dataclasses.replace(no_kanji, baudrate=115200))
    check_tickets_fit(load_categories(), "みどり市", dataclasses.replace(no_kanji, network=True))


def test_the_limit_is_the_same_on_every_printer_with_kanji():
    """One categories file prints on every printer of the office, serial or network."""
    category = dataclasses.replace(load_categories()[0], name=LONG_KANJI)
    for changed in ({"network": True}, {"baudrate": 115200}):
        profile = dataclasses.replace(BUILT_IN["tm-t20"], **changed)
        with pytest.raises(CounterAppError):
            check_tickets_fit([category], "みどり市", profile)

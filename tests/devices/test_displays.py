"""Counter displays: both command sets byte for byte, half-width katakana, through a pty."""

import pytest

from devices.decoders.display import DisplayDecoder
from devices.displays import (
    Cd5220Display,
    CounterDisplay,
    DisplayError,
    DisplayTextError,
    DmdDisplay,
    display_bytes,
    to_halfwidth_katakana,
)
from devices.fakes import FakeDisplay


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("バンゴウ A012", "ﾊﾞﾝｺﾞｳ A012"),
        ("3バン マドグチ", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"),
        ("じゅうみんいどう", "ｼﾞｭｳﾐﾝｲﾄﾞｳ"),
        ("パスポート", "ﾊﾟｽﾎﾟｰﾄ"),
        ("ヴ", "ｳﾞ"),
        ("Ａ－０１２　", "A-012 "),
        ("「ア」、。・", "｢ｱ｣､｡･"),
        ("ﾊﾞﾝｺﾞｳ", "ﾊﾞﾝｺﾞｳ"),
        ("ヶヵヮ", "ｹｶﾜ"),
    ],
)
def test_to_halfwidth_katakana(text, expected):
    assert to_halfwidth_katakana(text) == expected


@pytest.mark.parametrize("text", ["住民課", "¥100", "①", "𠮷", "C:\\", "a~b", "～"])
def test_what_a_display_cannot_show_is_a_clear_error(text):
    with pytest.raises(DisplayTextError, match="cannot show"):
        to_halfwidth_katakana(text)


def test_a_display_line_is_jis_x_0201_padded_to_20_columns():
    assert (
        display_bytes("ﾊﾞﾝｺﾞｳ A012") == bytes.fromhex("ca de dd ba de b3 20 41 30 31 32") + b" " * 9
    )
    with pytest.raises(DisplayTextError, match="20"):
        display_bytes("A" * 21)


def test_dmd_commands():
    assert DmdDisplay.initialize() == bytes.fromhex("1b 40")
    assert DmdDisplay.select_katakana() == bytes.fromhex("1b 74 01")
    assert DmdDisplay.clear() == bytes.fromhex("0c")
    assert DmdDisplay.clear_line() == bytes.fromhex("18")
    assert DmdDisplay.move_cursor(1, 1) == bytes.fromhex("1f 24 01 01")
    assert DmdDisplay.move_cursor(20, 2) == bytes.fromhex("1f 24 14 02")
    assert DmdDisplay.brightness(4) == bytes.fromhex("1f 58 04")
    assert DmdDisplay.blink(10) == bytes.fromhex("1f 45 0a")
    assert DmdDisplay.blink(0) == bytes.fromhex("1f 45 00")
    assert DmdDisplay.overwrite_mode() == bytes.fromhex("1f 01")
    assert DmdDisplay.setup() == bytes.fromhex("1b 40 1b 74 01 1f 01")
    assert DmdDisplay.show("A1", "ｱ") == (
        bytes.fromhex("1f 24 01 01")
        + b"A1"
        + b" " * 18
        + bytes.fromhex("1f 24 01 02 b1")
        + b" " * 19
    )


def test_cd5220_commands():
    assert Cd5220Display.initialize() == bytes.fromhex("1b 40")
    assert Cd5220Display.clear() == bytes.fromhex("0c")
    assert Cd5220Display.clear_line() == bytes.fromhex("18")
    assert Cd5220Display.write_upper("A") == bytes.fromhex("1b 51 41 41") + b" " * 19 + b"\r"
    assert Cd5220Display.write_lower("ｱ") == bytes.fromhex("1b 51 42 b1") + b" " * 19 + b"\r"
    assert Cd5220Display.move_cursor(3, 2) == bytes.fromhex("1b 6c 03 02")
    assert Cd5220Display.brightness(1) == bytes.fromhex("1b 2a 01")
    assert Cd5220Display.cursor(False) == bytes.fromhex("1b 5f 00")
    assert Cd5220Display.cursor(True) == bytes.fromhex("1b 5f 01")
    assert Cd5220Display.setup() == bytes.fromhex("1b 40 1b 5f 00")


@pytest.mark.parametrize("display", [DmdDisplay, Cd5220Display])
def test_parameters_out_of_range_are_refused(display):
    with pytest.raises(ValueError):
        display.brightness(5)
    with pytest.raises(ValueError):
        display.move_cursor(21, 1)
    with pytest.raises(ValueError):
        display.move_cursor(1, 3)


@pytest.mark.parametrize(("protocol", "commands"), [("dmd", DmdDisplay), ("cd5220", Cd5220Display)])
def test_the_decoder_reads_back_both_command_sets(protocol, commands):
    decoder = DisplayDecoder(protocol)
    decoder.feed(commands.setup() + commands.show("ﾊﾞﾝｺﾞｳ A012", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"))
    assert decoder.lines.upper.rstrip() == "ﾊﾞﾝｺﾞｳ A012"
    assert decoder.lines.lower.rstrip() == "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"
    decoder.feed(commands.clear())
    assert decoder.lines.upper == decoder.lines.lower == " " * 20


def test_the_dmd_decoder_follows_the_cursor():
    decoder = DisplayDecoder("dmd")
    decoder.feed(DmdDisplay.move_cursor(18, 2) + b"XYZW")  # wraps to the top line
    assert decoder.lines.lower == " " * 17 + "XYZ"
    assert decoder.lines.upper.startswith("W")


@pytest.mark.parametrize("protocol", ["dmd", "cd5220"])
@pytest.mark.parametrize("transport", ["pty", "socket"])
def test_a_counter_display_shows_two_lines_through_pyserial(protocol, transport):
    fake = FakeDisplay(protocol)
    fake.start_pty() if transport == "pty" else fake.start_socket()
    with fake, CounterDisplay(fake.url, protocol, brightness=2) as display:
        display.show("バンゴウ A012", "3バン マドグチ")
        assert fake.wait_for(lambda: fake.visible() == ("ﾊﾞﾝｺﾞｳ A012", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"))
        display.show("バンゴウ A013", "")
        assert fake.wait_for(lambda: fake.visible() == ("ﾊﾞﾝｺﾞｳ A013", ""))
        assert fake.decoder.brightness == 2


def test_text_a_display_cannot_show_sends_nothing():
    with FakeDisplay("dmd").start_pty() as fake, CounterDisplay(fake.url) as display:
        with pytest.raises(DisplayTextError):
            display.show("住民課", "")
        assert not fake.received


def test_an_unknown_protocol_or_a_missing_port_is_an_error(tmp_path):
    with pytest.raises(ValueError):
        CounterDisplay("/dev/null", "qsystem")
    with pytest.raises(DisplayError):
        CounterDisplay(str(tmp_path / "ttyUSB7")).show("A", "B")

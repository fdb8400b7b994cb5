"""Counter displays: both command sets byte for byte, half-width katakana, through a pty.

The fake displays' DIP switches select no katakana table (FakeDisplay's default): katakana
show only if the driver selects the table itself, and other glyphs otherwise.
"""

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
    assert DmdDisplay.select_japan() == bytes.fromhex("1b 52 08")
    assert DmdDisplay.clear() == bytes.fromhex("0c")
    assert DmdDisplay.clear_line() == bytes.fromhex("18")
    assert DmdDisplay.move_cursor(1, 1) == bytes.fromhex("1f 24 01 01")
    assert DmdDisplay.move_cursor(20, 2) == bytes.fromhex("1f 24 14 02")
    assert DmdDisplay.brightness(4) == bytes.fromhex("1f 58 04")
    assert DmdDisplay.blink(10) == bytes.fromhex("1f 45 0a")
    assert DmdDisplay.blink(0) == bytes.fromhex("1f 45 00")
    assert DmdDisplay.overwrite_mode() == bytes.fromhex("1f 01")
    assert DmdDisplay.setup() == bytes.fromhex("1b 40 1b 74 01 1b 52 08 1f 01")
    assert DmdDisplay.show("A1", "ｱ") == (
        bytes.fromhex("1b 74 01 1f 24 01 01")  # the Katakana table again, first
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
    assert Cd5220Display.select_katakana() == bytes.fromhex("1b 66 4a 1b 63 4a")  # ESC f J ESC c J
    assert Cd5220Display.setup() == bytes.fromhex("0c 1b 40 1b 5f 00")
    assert Cd5220Display.show("A", "ｱ") == (
        bytes.fromhex("0c 1b 66 4a 1b 63 4a")  # out of string mode, Japan, JIS table
        + bytes.fromhex("1b 51 41 41")
        + b" " * 19
        + b"\r"
        + bytes.fromhex("1b 51 42 b1")
        + b" " * 19
        + b"\r"
    )


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


@pytest.mark.parametrize(
    ("protocol", "commands", "not_katakana"),
    [("dmd", DmdDisplay, "▒▒▒"), ("cd5220", Cd5220Display, "\ufffd" * 3)],
)
def test_katakana_show_only_with_the_katakana_table(protocol, commands, not_katakana):
    decoder = DisplayDecoder(protocol, katakana_switch=False)
    decoder.feed(commands.show("ｱｱｱ", "").replace(commands.select_katakana(), b""))
    assert not decoder.katakana
    assert decoder.lines.upper.rstrip() == not_katakana  # PC437 ▒ on a DM-D: not ｱ
    decoder.feed(commands.show("ｱｱｱ", "ﾊﾞﾝ"))
    assert decoder.katakana
    assert (decoder.lines.upper.rstrip(), decoder.lines.lower.rstrip()) == ("ｱｱｱ", "ﾊﾞﾝ")
    decoder.feed(commands.initialize())  # ESC @: back to the DIP switches' table
    assert not decoder.katakana


def test_the_cd5220_decoder_keeps_the_selected_sets():
    decoder = DisplayDecoder("cd5220", katakana_switch=False)
    decoder.feed(bytes.fromhex("1b 66 47 1b 63 52"))  # Germany, Russian code
    assert (decoder.international_set, decoder.character_table) == (ord("G"), ord("R"))
    assert not decoder.katakana
    decoder.feed(Cd5220Display.select_katakana())
    assert (decoder.international_set, decoder.character_table) == (ord("J"), ord("J"))
    assert decoder.katakana


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


def test_every_cd5220_show_selects_japan_and_the_jis_table_first():
    with FakeDisplay("cd5220").start_pty() as fake, CounterDisplay(fake.url, "cd5220") as display:
        display.show("バンゴウ A012", "3バン マドグチ")
        assert fake.wait_for(lambda: fake.visible() == ("ﾊﾞﾝｺﾞｳ A012", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"))
        display.show("バンゴウ A013", "4バン マドグチ")
        assert fake.wait_for(lambda: fake.visible() == ("ﾊﾞﾝｺﾞｳ A013", "4ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"))
        shows = bytes(fake.received).removeprefix(Cd5220Display.setup()).split(b"\x0c")
        assert shows[0] == b""  # nothing between the set-up and the first show's CLR
        assert [show[:6] for show in shows[1:]] == [bytes.fromhex("1b 66 4a 1b 63 4a")] * 2


@pytest.mark.parametrize("protocol", ["dmd", "cd5220"])
def test_a_power_cycled_display_still_shows_katakana(protocol):
    with FakeDisplay(protocol).start_pty() as fake, CounterDisplay(fake.url, protocol) as display:
        display.show("バンゴウ A012", "")
        assert fake.wait_for(lambda: fake.visible() == ("ﾊﾞﾝｺﾞｳ A012", ""))
        fake.power_cycle()  # the link stays up: the driver is not told
        assert fake.visible() == ("", "") and not fake.decoder.katakana
        display.show("バンゴウ A013", "3バン マドグチ")
        assert fake.wait_for(lambda: fake.visible() == ("ﾊﾞﾝｺﾞｳ A013", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"))


def _port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


@pytest.mark.parametrize("protocol", ["dmd", "cd5220"])
def test_a_display_restarted_on_its_link_gets_the_setup_again(protocol):
    first = FakeDisplay(protocol).start_socket()
    with CounterDisplay(first.url, protocol, brightness=2) as display:
        with first:
            display.show("バンゴウ A012", "")
            assert first.wait_for(lambda: first.visible() == ("ﾊﾞﾝｺﾞｳ A012", ""))
        # the serial server behind the URL restarts: a new device, default brightness
        with FakeDisplay(protocol).start_socket(port=_port_of(first.url)) as second:
            display.show("バンゴウ A013", "3バン マドグチ")
            assert second.wait_for(lambda: second.visible() == ("ﾊﾞﾝｺﾞｳ A013", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"))
            assert second.decoder.brightness == 2
            assert bytes(second.received) == display.setup() + display.commands.show(
                "ﾊﾞﾝｺﾞｳ A013", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ"
            )
            if protocol == "cd5220":
                assert not second.decoder.cursor_visible


def test_a_display_that_is_gone_is_an_error_until_it_is_back():
    first = FakeDisplay("dmd").start_socket()
    with CounterDisplay(first.url, "dmd") as display:
        with first:
            display.show("A012", "")
            assert first.wait_for(lambda: first.visible() == ("A012", ""))
        with pytest.raises(DisplayError):
            display.show("バンゴウ A013", "")  # reopening it fails: nothing listens
        with FakeDisplay("dmd").start_socket(port=_port_of(first.url)) as second:
            display.show("バンゴウ A013", "")
            assert second.wait_for(lambda: second.visible() == ("ﾊﾞﾝｺﾞｳ A013", ""))
            assert bytes(second.received).startswith(DmdDisplay.setup())


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

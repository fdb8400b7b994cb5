"""`[devices] payment_terminal`: a tcp://HOST:PORT URL, checked when the file is read, and
the terminal station/payments.py opens from it (charging through the fake terminal)."""

from __future__ import annotations

import pytest

from counter_app.config import load_config
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from devices.payment_fake import FakePaymentTerminal
from station.payments import open_payment_terminal
from tests.helpers import run_cli


def write(tmp_path, text: str):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_terminal_url_is_read_and_opened_as_a_working_terminal(tmp_path):
    with FakePaymentTerminal().start() as fake:
        config = load_config(write(tmp_path, f'[devices]\npayment_terminal = "{fake.url}"\n'))
        assert config.devices.payment_terminal == fake.url
        terminal = open_payment_terminal(config)
        assert terminal is not None
        answer = terminal.charge(600, "R20261205-0003")
        terminal.close()
    assert answer.approved and [c.amount_yen for c in fake.charges] == [600]


def test_no_terminal_configured_opens_none(tmp_path):
    assert open_payment_terminal(load_config(write(tmp_path, "[devices]\n"))) is None


@pytest.mark.parametrize(
    "url",
    [
        "socket://192.0.2.30:7000",  # the printer's scheme, not the terminal's
        "tcp://192.0.2.30",  # no port
        "tcp://192.0.2.30:0",
        "tcp://192.0.2.30:65536",
        "tcp://192.0.2.30:7000/charge",
        "192.0.2.30:7000",
    ],
)
def test_a_url_that_is_not_tcp_host_port_is_refused_in_both_languages(tmp_path, url):
    path = write(tmp_path, f'[devices]\npayment_terminal = "{url}"\n')
    with pytest.raises(CounterAppError) as raised:
        load_config(path)
    english = message_for(raised.value, "en")
    assert "“devices.payment_terminal”" in english and "tcp://HOST:PORT" in english, english
    result = run_cli("config", "show", "--config", str(path))
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "「devices.payment_terminal」" in line and "ポートは1〜65535" in line, line


def test_a_url_longer_than_a_host_name_allows_is_refused_naming_the_limit(tmp_path):
    url = "tcp://" + "a" * 300 + ":7000"
    with pytest.raises(CounterAppError) as raised:
        load_config(write(tmp_path, f'[devices]\npayment_terminal = "{url}"\n'))
    assert "at most 270" in message_for(raised.value, "en")


def test_a_longest_host_name_and_the_highest_port_are_accepted(tmp_path):
    url = "tcp://" + ".".join(["a" * 63] * 4)[:253] + ":65535"
    config = load_config(write(tmp_path, f'[devices]\npayment_terminal = "{url}"\n'))
    assert config.devices.payment_terminal == url

"""Open a device by pyserial URL: `/dev/ttyUSB0`, `COM3`, `socket://host:9100`, `rfc2217://…`.

A pseudo-terminal (the fake devices, `socat` pairs) accepts neither modem-line calls
(DTR/RTS/CTS/DSR raise OSError 25, ENOTTY) nor parity or 7-bit settings (termios.error
22): on a pty these are skipped with a warning, so a driver configured for a real printer
(8N1 with DSR/DTR flow control, or 7E1) still runs against a fake one
(shared/devices/machine.md). On a real port the same errors are raised.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import termios
import time

import serial

log = logging.getLogger(__name__)

PTY_ERRNOS = (errno.ENOTTY, errno.EINVAL)


POLL = 0.05  # pyserial's read timeout: reads return as soon as bytes arrive, or after this


class Port:
    """One open device: write all bytes, read with a deadline, close.

    The device keeps the read timeout POLL set when it was opened: changing pyserial's
    timeout reconfigures the line (tcsetattr), which a pty may refuse halfway through.
    """

    def __init__(self, device: serial.SerialBase, url: str, timeout: float = 1.0):
        self.device = device
        self.url = url
        self.timeout = timeout

    def write(self, data: bytes) -> None:
        self.device.write(data)  # pyserial writes all of it or raises (write timeout)
        try:
            self.device.flush()
        except OSError as error:  # tcdrain on some pty/USB drivers
            if error.errno not in PTY_ERRNOS:
                raise

    def read(self, size: int, timeout: float | None = None) -> bytes:
        """Up to `size` bytes, waiting at most `timeout` seconds (default: the port's) in all."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        data = bytearray()
        while len(data) < size and time.monotonic() < deadline:
            chunk = self.device.read(size - len(data))
            if chunk:
                data += chunk
        return bytes(data)

    def discard_input(self) -> None:
        """Drop bytes that arrived unasked (a late reply to an earlier query)."""
        try:
            self.device.reset_input_buffer()
        except OSError as error:
            if error.errno not in PTY_ERRNOS:
                raise

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.device.close()


def is_pseudo_terminal(url: str) -> bool:
    """True for /dev/pts/N and /dev/ptmx-style devices (and ttys that are not serial ports)."""
    if "://" in url:
        return False
    real = os.path.realpath(url)
    return real.startswith("/dev/pts/") or real.startswith("/dev/pty")


def open_port(
    url: str,
    *,
    timeout: float = 1.0,
    baudrate: int = 9600,
    bytesize: int = serial.EIGHTBITS,
    parity: str = serial.PARITY_NONE,
    stopbits: float = serial.STOPBITS_ONE,
    rtscts: bool = False,
    dsrdtr: bool = False,
    xonxoff: bool = False,
    write_timeout: float | None = 10.0,
) -> Port:
    """Open `url` with pyserial; on a pty, settings a pty refuses are dropped with a warning.

    `timeout` is the default wait of `Port.read`.

    Raises serial.SerialException or OSError when the device cannot be opened.
    """
    settings = dict(
        baudrate=baudrate,
        bytesize=bytesize,
        parity=parity,
        stopbits=stopbits,
        rtscts=rtscts,
        dsrdtr=dsrdtr,
        xonxoff=xonxoff,
        timeout=POLL,
        write_timeout=write_timeout,
    )
    try:
        device = serial.serial_for_url(url, **settings)
    except (termios.error, serial.SerialException, OSError) as error:
        if not (is_pseudo_terminal(url) and _is_pty_limit(error)):
            raise
        log.warning("%s is a pseudo-terminal: opening it 8N1 without flow control (%s)", url, error)
        settings.update(
            bytesize=serial.EIGHTBITS,
            parity=serial.PARITY_NONE,
            stopbits=serial.STOPBITS_ONE,
            rtscts=False,
            dsrdtr=False,
            xonxoff=False,
        )
        device = serial.serial_for_url(url, **settings)
    return Port(device, url, timeout)


def _is_pty_limit(error: BaseException) -> bool:
    if isinstance(error, termios.error):
        return bool(error.args) and error.args[0] in PTY_ERRNOS
    if isinstance(error, OSError) and error.errno in PTY_ERRNOS:
        return True
    cause = error.__cause__ or error.__context__
    if cause is not None and cause is not error:
        return _is_pty_limit(cause)
    # pyserial wraps termios errors as SerialException("...: (22, 'Invalid argument')")
    return isinstance(error, serial.SerialException) and "(22," in str(error)

"""A byte stream read command by command, each command found by its leading bytes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Unknown:
    """Bytes the decoder does not know, or a known command with a value it does not."""

    data: bytes


class NeedMore(Exception):
    """The buffer ends in the middle of a command."""


# A command's reader: given where its parameters start and the list of events so far,
# it returns the command's whole length (or raises NeedMore).
CommandReader = Callable[[int, list], int]


class StreamDecoder(ABC):
    """Feeds bytes in, returns events; a command split across reads waits for the rest.

    `commands` maps each command's leading bytes to its reader. A byte below space that
    starts no known command is `Unknown` (with the byte after it when it introduces
    commands, as ESC does); any other byte is a character, given to `_character`.
    """

    def __init__(self, commands: Mapping[bytes, CommandReader]):
        self._buffer = bytearray()
        self._commands = dict(commands)
        self._prefixes = {key[:size] for key in commands for size in range(1, len(key))}
        self._introducers = {key[:1] for key in commands if len(key) > 1}

    def feed(self, data: bytes) -> list:
        self._buffer += data
        events: list = []
        while self._buffer:
            try:
                used = self._step(events)
            except NeedMore:
                break
            del self._buffer[:used]
        return events

    @abstractmethod
    def _character(self, byte: int, events: list) -> None:
        """A byte that is no command: text to show."""

    def _step(self, events: list) -> int:
        key = self._command_key()
        if key is not None:
            return self._commands[key](len(key), events)
        head = bytes(self._buffer[:1])
        if head in self._introducers:
            self._need(2)
            events.append(Unknown(bytes(self._buffer[:2])))
            return 2
        if head < b" ":
            events.append(Unknown(head))
            return 1
        self._character(self._buffer[0], events)
        return 1

    def _command_key(self) -> bytes | None:
        """The leading bytes of the known command the buffer starts with, if any."""
        size = 1
        while True:
            self._need(size)
            key = bytes(self._buffer[:size])
            if key in self._commands:
                return key
            if key not in self._prefixes:
                return None
            size += 1

    def _need(self, n: int) -> None:
        if len(self._buffer) < n:
            raise NeedMore

    def _parameter(self, at: int) -> int:
        """The byte at `at`, once it has arrived."""
        self._need(at + 1)
        return self._buffer[at]

    def _parameters(self, at: int, count: int) -> bytes:
        self._need(at + count)
        return bytes(self._buffer[at : at + count])

"""Everything the generators share while one demo city is drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..security.keyring import KeyRing
from .addresses import AddressBook
from .dates import Calendar
from .families import PersonFactory
from .identifiers import IdentifierBook
from .names import NameBook
from .randomness import Dice

DESK_SEED_OFFSET = 14


@dataclass(frozen=True, slots=True)
class DemoContext:
    dice: Dice
    calendar: Calendar
    make: PersonFactory
    ids: IdentifierBook
    names: NameBook
    addresses: AddressBook
    timestamp: datetime  # created_at / updated_at: the reference day, not the clock
    keys: KeyRing  # seals the My Numbers
    # The certificate desk's records (demo/desk_records.py) draw from dice of their own,
    # so adding them left every other draw, and so the city, as it was.
    desk_dice: Dice

    @classmethod
    def create(cls, seed: int, reference_date: date, keys: KeyRing) -> DemoContext:
        dice = Dice(seed)
        calendar = Calendar(reference_date)
        return cls(
            dice=dice,
            calendar=calendar,
            make=PersonFactory(calendar),
            ids=IdentifierBook(dice),
            names=NameBook(),
            addresses=AddressBook(dice),
            timestamp=datetime(
                reference_date.year, reference_date.month, reference_date.day, tzinfo=UTC
            ),
            keys=keys,
            desk_dice=Dice(seed * 1_000_003 + DESK_SEED_OFFSET),
        )

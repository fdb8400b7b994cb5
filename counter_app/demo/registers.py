"""市民課 and 税務課 registers: マイナンバーカード, 印鑑登録, 固定資産税・軽自動車税."""

from __future__ import annotations

from datetime import date, timedelta

from .batch import Row
from .context import DemoContext
from .dates import age_on, anniversary
from .model import Household, Person

CARD_FIRST_ISSUED = date(2016, 1, 4)
# (lowest age, share holding a card)
CARD_SHARE_BY_AGE = ((80, 0.66), (65, 0.82), (15, 0.78), (0, 0.65))
FOREIGN_CARD_SHARE = 0.6
SIGNATURE_CERT_AGE = 15  # not issued by default to younger children
SEAL_SHARE_BY_AGE = ((65, 0.55), (30, 0.45), (20, 0.25), (15, 0.05))
HOUSE_OWNER_SHARE = 0.9
FLAT_OWNER_SHARE = 0.3
CO_OWNER_SHARE = 0.2
LIGHT_VEHICLE_SHARE = 0.08


def add_card_seal_and_tax_rows(
    household: Household, rows: dict[str, list[Row]], ctx: DemoContext
) -> None:
    dice = ctx.dice
    for person in household.members:
        if dice.chance(_card_share(person)):
            rows["mynumber_cards"].append(_card(person, ctx))
        seal_share = next((s for lowest, s in SEAL_SHARE_BY_AGE if person.age >= lowest), 0.0)
        if dice.chance(seal_share):
            registered_on = ctx.calendar.between(
                dice, max(anniversary(person.birth, 15), person.became_resident_on)
            )
            rows["seal_registrations"].append(
                {
                    "resident_id": person.id,
                    "registration_number": ctx.ids.certificate_no("seal"),
                    "registered_on": registered_on,
                    "abolished_on": None,  # demo/desk_records.py abolishes a few
                }
            )
    _add_tax_rows(household, rows, ctx)


def _card_share(person: Person) -> float:
    if person.nationality is not None:
        return FOREIGN_CARD_SHARE
    return next(share for lowest, share in CARD_SHARE_BY_AGE if person.age >= lowest)


def _card(person: Person, ctx: DemoContext) -> Row:
    """A card valid today: 10 birthdays for adults, 5 for minors; certificates 5 birthdays."""
    dice, calendar = ctx.dice, ctx.calendar
    birth, today = person.birth, calendar.reference
    issued = calendar.between(dice, max(CARD_FIRST_ISSUED, birth + timedelta(days=30)))
    while True:
        age_at_issue = age_on(birth, issued)
        valid_until = anniversary(birth, age_at_issue + (10 if age_at_issue >= 18 else 5))
        if valid_until >= today:
            break
        issued = calendar.between(dice, valid_until - timedelta(days=90), valid_until)
    certs_for = 5
    while anniversary(birth, age_at_issue + certs_for) < today:
        certs_for += 5  # renewed at the counter when they ran out
    signature = age_at_issue >= SIGNATURE_CERT_AGE and dice.chance(0.95)
    if signature and person.address_since > issued and dice.chance(0.4):
        signature = False  # revoked by a move and not re-issued
    user = dice.chance(0.98)
    return {
        "resident_id": person.id,
        "valid_until": valid_until,
        "has_signature_cert": signature,
        "has_user_cert": user,
        "certs_valid_until": (
            min(valid_until, anniversary(birth, age_at_issue + certs_for))
            if signature or user
            else None
        ),
    }


def _add_tax_rows(household: Household, rows: dict[str, list[Row]], ctx: DemoContext) -> None:
    dice = ctx.dice
    head = household.head
    owner_share = FLAT_OWNER_SHARE if household.apartment else HOUSE_OWNER_SHARE
    owns = not household.public_assistance and head.age >= 28 and dice.chance(owner_share)
    for person in household.members:
        property_taxpayer = owns and (
            person is head or (person is head.spouse and dice.chance(CO_OWNER_SHARE))
        )
        light_vehicle = 18 <= person.age <= 85 and dice.chance(LIGHT_VEHICLE_SHARE)
        if property_taxpayer or light_vehicle:
            rows["tax_status"].append(
                {
                    "resident_id": person.id,
                    "property_taxpayer": property_taxpayer,
                    "light_vehicle_owner": light_vehicle,
                }
            )

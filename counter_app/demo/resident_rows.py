"""The 住民基本台帳 rows themselves: the household, a resident row and a 個人番号 (sealed) per
member."""

from __future__ import annotations

from ..search.keys import household_search_keys, phone_key, resident_search_keys
from ..security.my_numbers import my_number_row
from .batch import Row
from .context import DemoContext
from .model import Household


def add_household_and_resident_rows(
    household: Household, rows: dict[str, list[Row]], ctx: DemoContext
) -> None:
    address = household.address
    ids = ctx.ids
    timestamp = ctx.timestamp
    rows["households"].append(
        {
            "id": household.id,
            "household_no": household.household_no,
            "postal_code": address.postal_code,
            "address": address.address,
            "katagaki": address.katagaki,
            "address_code": address.address_code,
            "school_district": address.school_district,
            "created_at": timestamp,
            **household_search_keys(address.address, address.katagaki),
        }
    )
    residents, my_numbers = rows["residents"], rows["resident_my_numbers"]
    for person in household.members:
        my_numbers.append(my_number_row(ctx.keys, person.id, ids.my_number(person.id)))
        residents.append(
            {
                "id": person.id,
                "atena_no": ids.atena_no(),
                "juminhyo_code": ids.juminhyo_code(person.id),
                "household_id": household.id,
                "relationship_to_head": person.relationship,
                "surname_kanji": person.surname,
                "given_name_kanji": person.given_name,
                "surname_kana": person.surname_kana,
                "given_name_kana": person.given_name_kana,
                "old_surname": person.old_surname,
                "old_surname_kana": person.old_surname_kana,
                "birth_date": person.birth,
                "sex": person.sex,
                "honseki": person.honseki,
                "hittosha": person.hittosha,
                "became_resident_on": person.became_resident_on,
                "address_since": person.address_since,
                "notified_on": person.notified_on,
                "previous_address": person.previous_address,
                "last_change_reason": person.last_change_reason,
                "last_change_on": person.last_change_on,
                "status": "resident",
                "voter_registered": person.voter_registered,
                "contact_phone": person.contact_phone,
                "nationality": person.nationality,
                "residence_status": person.residence_status,
                "residence_card_number": person.residence_card_number,
                "period_of_stay_until": person.period_of_stay_until,
                "updated_at": timestamp,
                **resident_search_keys(
                    person.surname, person.given_name, person.surname_kana, person.given_name_kana
                ),
                "phone_key": phone_key(person.contact_phone),
            }
        )

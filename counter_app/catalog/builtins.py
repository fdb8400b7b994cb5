"""What the engine itself knows, which the catalog may name but not define.

The catalog check compares the catalog against these lists, and the guide's tests check
that the engine implements every name listed here.
"""

from __future__ import annotations

# Facts the engine derives (the catalog's `facts:` lists them as `builtin` with their
# definition, so rules stay readable).
BUILTIN_FACTS = frozenset(
    {
        "person.age",
        "person.fy_age",
        "person.dependent_of_subject",
        "person.dependent_of_other_party",
        "person.is_spouse_of_subject",
        "person.name_changes",
        "person.is_custodial_parent",
        "person.is_subject",
        "person.changed_surname_at_marriage",
        "household.child_allowance_receiving",
        "household.size",
        "event.type",
        "event.head_leaves",
        "event.remaining_members_15plus",
        "event.single_parent_with_children",
    }
)

# Roles the engine can bind to persons (a trigger's `for`, a question's `per`).
ENGINE_ROLES = frozenset(
    {
        "household",
        "newborn",
        "mother",
        "father",
        "claimant",
        "movers",
        "deceased",
        "survivors",
        "parties",
        "children",
        "custodial_parent",
        "subject",
        "members",
        "subjects",
    }
)

# Suggested answers the engine computes (`prefill: {builtin: NAME}`).
PREFILL_BUILTINS = frozenset({"whole_household", "surname_changer_from_surname_after"})

QUESTION_TYPES = frozenset(
    {
        "bool",
        "int",
        "text",
        "date",
        "datetime",
        "yearmonth",
        "enum",
        "person",
        "persons",
        "person_or_external",
        "household",
        "address",
        "account",
        "signature_only",
    }
)

# Whose record a form field is read from (`of:`).
FORM_ROLES = frozenset(
    {
        "person",
        "applicant",
        "head",
        "newborn",
        "mother",
        "father",
        "claimant",
        "deceased",
        "husband",
        "wife",
        "spouse",
        "custodial_parent",
    }
)

FORM_SOURCES = frozenset({"clerk", "signature", "document", "computed"})
FORM_MODES = frozenset({"per_person", "per_household"})

# Record paths of shared/domain/residents-schema.md, without the "resident." prefix.
RESIDENT_PATHS = frozenset(
    {
        "atena_no",
        "juminhyo_code",
        "my_number",
        "name_kanji",
        "surname_kanji",
        "given_name_kanji",
        "name_kana",
        "old_surname",
        "old_surname_kana",
        "birth_date",
        "sex",
        "is_head",
        "relationship",
        "household_no",
        "honseki",
        "hittosha",
        "became_resident_on",
        "address_since",
        "notified_on",
        "previous_address",
        "last_change_reason",
        "last_change_on",
        "status",
        "voter_registered",
        "contact_phone",
        "nationality",
        "residence_status",
        "residence_card_number",
        "period_of_stay_until",
        "health_insurance.kind",
        "health_insurance.insured_via",
        "public_assistance.receiving",
        "nhi.enrolled",
        "nhi.symbol_number",
        "nhi.branch_number",
        "nhi.acquired_on",
        "nhi.lost_on",
        "nhi.nhi_head_atena_no",
        "nhi.pseudo_head",
        "nhi.elderly_recipient_ratio",
        "kouki.enrolled",
        "kouki.insured_number",
        "kouki.acquired_on",
        "kouki.burden_ratio",
        "kouki.disability_certified",
        "ltc.category",
        "ltc.insured_number",
        "ltc.certified",
        "ltc.care_level",
        "ltc.cert_valid_until",
        "ltc.premium_collection",
        "pension.category",
        "pension.basic_pension_no",
        "pension.mynumber_linked",
        "pension.receiving",
        "pension.basic_only",
        "pension.only_type1_periods",
        "pension.qualifying_months",
        "child_allowance.recipient",
        "child_allowance.recipient_number",
        "child_allowance.children",
        "child_medical.holder",
        "child_medical.certificate_number",
        "child_medical.guardian_atena_no",
        "child_support.recipient",
        "child_support.certificate_number",
        "single_parent_medical.holder",
        "school.type",
        "school.school_name",
        "school.grade",
        "seal.registered",
        "seal.registration_number",
        "seal.registered_on",
        "mynumber_card.has_card",
        "mynumber_card.valid_until",
        "mynumber_card.has_signature_cert",
        "mynumber_card.has_user_cert",
        "disability.has_handbook",
        "disability.handbook_type",
        "disability.grade",
        "disability.handbook_number",
        "tax.property_taxpayer",
        "tax.light_vehicle_owner",
    }
)

HOUSEHOLD_PATHS = frozenset(
    {
        "household_no",
        "head_atena_no",
        "address",
        "katagaki",
        "address_code",
        "school_district",
        "members",
    }
)

"""Errors with stable codes.

The core never formats user-facing text inline: it raises a CounterAppError with a
code and parameters, and `counter_app.messages` turns that into Japanese or English
for the CLI and the screens alike.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    CONFIG_MALFORMED = "config.malformed"
    CONFIG_INVALID = "config.invalid"
    CONFIG_NOT_FOUND = "config.not_found"
    DB_UNREACHABLE = "db.unreachable"
    DB_BAD_URL = "db.bad_url"
    DB_BUSY = "db.busy"
    DB_NEWER_SCHEMA = "db.newer_schema"
    DB_MIGRATION_FAILED = "db.migration_failed"
    AUTH_BAD_CREDENTIALS = "auth.bad_credentials"
    AUTH_DISABLED = "auth.disabled"
    AUTH_LOCKED_OUT = "auth.locked_out"
    PERMISSION_DENIED = "permission.denied"
    USER_EXISTS = "user.exists"
    USER_NOT_FOUND = "user.not_found"
    USER_INVALID = "user.invalid"
    PASSWORD_TOO_SHORT = "password.too_short"
    PASSWORD_MISMATCH = "password.mismatch"
    DEPARTMENT_UNKNOWN = "department.unknown"
    ROLE_UNKNOWN = "role.unknown"
    DEMO_NOT_EMPTY = "demo.not_empty"
    RESOURCE_INVALID = "resource.invalid"
    IMPORT_FILE_UNREADABLE = "import.file_unreadable"
    IMPORT_ENCODING = "import.encoding"
    IMPORT_REJECTED = "import.rejected"
    IMPORT_MISSING_COLUMN = "import.missing_column"
    IMPORT_DUPLICATE_COLUMN = "import.duplicate_column"
    IMPORT_FIELD_COUNT = "import.field_count"
    IMPORT_REQUIRED = "import.required"
    IMPORT_TOO_LONG = "import.too_long"
    IMPORT_BAD_DIGITS = "import.bad_digits"
    IMPORT_NOT_DIGITS = "import.not_digits"
    IMPORT_BAD_DATE = "import.bad_date"
    IMPORT_BAD_SEX = "import.bad_sex"
    IMPORT_BAD_KANA = "import.bad_kana"
    IMPORT_BAD_MY_NUMBER = "import.bad_my_number"
    IMPORT_BAD_FORMAT = "import.bad_format"
    IMPORT_BAD_CHOICE = "import.bad_choice"
    IMPORT_DUPLICATE_KEY = "import.duplicate_key"
    IMPORT_NO_HEAD = "import.no_head"
    IMPORT_TWO_HEADS = "import.two_heads"
    IMPORT_ADDRESS_DISAGREES = "import.address_disagrees"
    IMPORT_CODE_TAKEN = "import.code_taken"
    DATE_INVALID = "date.invalid"
    DATE_OUTSIDE_ERA = "date.outside_era"
    RESIDENT_NOT_FOUND = "resident.not_found"
    SUPPORT_MEASURE_BLOCKED = "resident.support_measure_blocked"
    PURPOSE_REQUIRED = "resident.purpose_required"
    REASON_REQUIRED = "resident.reason_required"
    MY_NUMBER_NOT_RECORDED = "resident.my_number_not_recorded"
    SCENARIO_ALREADY_LOADED = "scenario.already_loaded"
    SCENARIO_CONFLICT = "scenario.conflict"
    SCENARIO_UNKNOWN_PERSON = "scenario.unknown_person"
    SCENARIO_VALUE_TOO_LONG = "scenario.value_too_long"
    GUIDE_REASON_REQUIRED = "guide.reason_required"
    GUIDE_UNKNOWN_PROCEDURE = "guide.unknown_procedure"
    GUIDE_UNKNOWN_EVENT = "guide.unknown_event"
    CATALOG_INVALID = "catalog.invalid"
    QUEUE_CATEGORY_UNKNOWN = "queue.category_unknown"
    QUEUE_CATEGORY_CLOSED = "queue.category_closed"
    QUEUE_TICKET_NOT_FOUND = "queue.ticket_not_found"
    QUEUE_TICKET_STATE = "queue.ticket_state"
    QUEUE_WINDOW_BUSY = "queue.window_busy"
    QUEUE_WINDOW_INVALID = "queue.window_invalid"
    QUEUE_PRINT_JOB_NOT_FOUND = "queue.print_job_not_found"
    VISIT_NOT_FOUND = "visit.not_found"
    VISIT_CLOSED = "visit.closed"
    VISIT_PROCEDURE_NOT_FOUND = "visit.procedure_not_found"
    VISIT_PROCEDURE_STATE = "visit.procedure_state"
    VISIT_OTHER_DEPARTMENT = "visit.other_department"
    VISIT_ALREADY_CLAIMED = "visit.already_claimed"
    VISIT_NOT_CLAIMED = "visit.not_claimed"
    VISIT_NOT_HOLDER = "visit.not_holder"
    VISIT_QUESTION_REQUIRED = "visit.question_required"
    VISIT_ANSWER_REQUIRED = "visit.answer_required"
    VISIT_NOTE_REQUIRED = "visit.note_required"
    VISIT_ASSIGNEE_INVALID = "visit.assignee_invalid"
    VISIT_DRAFT_NEEDS_USER = "visit.draft_needs_user"
    VISIT_NUMBER_NOT_RESERVED = "visit.number_not_reserved"
    VISIT_FORMS_OTHER_VISIT = "visit.forms_other_visit"


class CounterAppError(Exception):
    """An error the user can act on. `params` fill the message template."""

    def __init__(self, code: ErrorCode, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")

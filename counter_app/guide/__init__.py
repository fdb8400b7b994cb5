"""The procedure guide (手続きナビ): life event + household → procedures, with reasons."""

from .engine import GuideInputError, prepare, run_guide
from .inputs import EventInput, GuideCase, HouseholdInput, PersonRecord
from .result import Finding, GuideResult, NoticeResult, ProcedureResult

__all__ = [
    "EventInput",
    "Finding",
    "GuideCase",
    "GuideInputError",
    "GuideResult",
    "HouseholdInput",
    "NoticeResult",
    "PersonRecord",
    "ProcedureResult",
    "prepare",
    "run_guide",
]

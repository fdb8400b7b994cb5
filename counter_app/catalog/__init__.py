"""The procedure catalog (手続きカタログ): data a city edits, checked whole before use."""

from .loader import CatalogError, check_catalog, default_catalog_dir, load_catalog
from .model import (
    MISSING,
    Catalog,
    Department,
    FactDef,
    Form,
    FormField,
    LifeEvent,
    Notice,
    Prefill,
    Procedure,
    Question,
    Trigger,
)
from .problems import Problem

__all__ = [
    "MISSING",
    "Catalog",
    "CatalogError",
    "Department",
    "FactDef",
    "Form",
    "FormField",
    "LifeEvent",
    "Notice",
    "Prefill",
    "Problem",
    "Procedure",
    "Question",
    "Trigger",
    "check_catalog",
    "default_catalog_dir",
    "load_catalog",
]

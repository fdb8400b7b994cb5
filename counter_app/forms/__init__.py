"""No-writing forms (書かない窓口): every form of a visit filled in from what is known."""

from .fill import FormFiller, build_bundle, wareki
from .model import FieldValue, FilledForm, FormBundle, Source

__all__ = [
    "FieldValue",
    "FilledForm",
    "FormBundle",
    "FormFiller",
    "Source",
    "build_bundle",
    "wareki",
]

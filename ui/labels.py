"""Words for the core's codes: roles and departments, in the UI language."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QCoreApplication

from counter_app.permissions import ROLE_PRECEDENCE, RoleCode
from counter_app.services.departments import DepartmentInfo, load_departments


def role_label(role: RoleCode) -> str:
    labels = {
        RoleCode.WINDOW_CLERK: QCoreApplication.translate("Roles", "窓口職員"),
        RoleCode.FLOOR_MANAGER: QCoreApplication.translate("Roles", "フロアマネージャー"),
        RoleCode.BACK_OFFICE: QCoreApplication.translate("Roles", "原課職員"),
        RoleCode.SUPERVISOR: QCoreApplication.translate("Roles", "監督者"),
        RoleCode.ADMINISTRATOR: QCoreApplication.translate("Roles", "システム管理者"),
        RoleCode.REFORM_OFFICER: QCoreApplication.translate("Roles", "業務改革担当"),
    }
    return labels[role]


def ordered_roles(roles: Iterable[RoleCode]) -> list[RoleCode]:
    """The user's roles, the one whose screen opens first at the front."""
    held = set(roles)
    return [role for role in ROLE_PRECEDENCE if role in held]


def join_labels(labels: Iterable[str]) -> str:
    return QCoreApplication.translate("Labels", "、").join(labels)


def roles_label(roles: Iterable[RoleCode]) -> str:
    return join_labels(role_label(role) for role in ordered_roles(roles))


@cache
def _departments() -> dict[str, DepartmentInfo]:
    return {department.id: department for department in load_departments()}


def department_label(department_id: str, language: str) -> str:
    """The department's name; in English without the catalog's explanation in brackets."""
    info = _departments().get(department_id)
    if info is None:
        return department_id
    return info.name_en.split(" (")[0] if language == "en" else info.name


def departments_label(department_ids: Iterable[str], language: str) -> str:
    return join_labels(department_label(d, language) for d in sorted(department_ids))

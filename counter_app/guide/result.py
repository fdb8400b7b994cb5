"""What the guide finds: each procedure and notice with its persons and reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from .evaluate import Because


@dataclass(frozen=True)
class Finding:
    """One instance that matched: for a person (or the household) and why."""

    atena_no: str | None
    reason: str  # Japanese, for the clerk
    because: tuple[Because, ...] = field(default=(), compare=False)


class _Found:
    """The persons and reasons of an entry's findings, each once, in order."""

    findings: tuple[Finding, ...]

    @property
    def persons(self) -> list[str]:
        return list(dict.fromkeys(f.atena_no for f in self.findings if f.atena_no is not None))

    @property
    def reasons(self) -> list[str]:
        return list(dict.fromkeys(f.reason for f in self.findings))


@dataclass(frozen=True)
class ProcedureResult(_Found):
    id: str
    name: str
    department: str
    kind: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class NoticeResult(_Found):
    id: str
    name: str
    department: str
    explain: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class GuideResult:
    case_id: str
    event: str
    procedures: tuple[ProcedureResult, ...]
    notices: tuple[NoticeResult, ...]
    departments: tuple[str, ...]  # owning the procedures, in the catalog's order
    warnings: tuple[str, ...] = ()

    def procedure_ids(self) -> list[str]:
        return [p.id for p in self.procedures]

    def notice_ids(self) -> list[str]:
        return [n.id for n in self.notices]

    def as_json(self) -> dict:
        return {
            "id": self.case_id,
            "event": self.event,
            "procedures": [
                {
                    "id": p.id,
                    "department": p.department,
                    "kind": p.kind,
                    "persons": p.persons,
                    "reasons": p.reasons,
                }
                for p in self.procedures
            ],
            "notices": [
                {"id": n.id, "persons": n.persons, "reasons": n.reasons} for n in self.notices
            ],
            "departments": list(self.departments),
            "warnings": list(self.warnings),
        }

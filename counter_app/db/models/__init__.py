"""Every table of counter-app. Import from here: `from counter_app.db.models import Resident`."""

from .audit import AuditEntry
from .base import Base
from .changes import ChangeRow
from .organisation import (
    AppSetting,
    Department,
    DepartmentMembership,
    Role,
    StaffUser,
    Terminal,
    UserRole,
)
from .queue import PrintJob, Ticket, TicketCategory, TicketCounter
from .records import (
    ChildAllowance,
    ChildAllowanceChild,
    ChildMedical,
    ChildSupport,
    DisabilityHandbook,
    HealthCover,
    KoukiRecord,
    LtcRecord,
    MyNumberCard,
    NhiRecord,
    PensionRecord,
    SchoolEnrollment,
    SealRegistration,
    SingleParentMedical,
    SupportMeasure,
    TaxStatus,
)
from .residents import Household, Resident, ResidentMyNumber
from .visits import (
    ProcedureAction,
    Visit,
    VisitCounter,
    VisitDraft,
    VisitForm,
    VisitProcedure,
)

__all__ = [
    "AppSetting",
    "AuditEntry",
    "Base",
    "ChangeRow",
    "ChildAllowance",
    "ChildAllowanceChild",
    "ChildMedical",
    "ChildSupport",
    "Department",
    "DepartmentMembership",
    "DisabilityHandbook",
    "HealthCover",
    "Household",
    "KoukiRecord",
    "LtcRecord",
    "MyNumberCard",
    "NhiRecord",
    "PensionRecord",
    "PrintJob",
    "ProcedureAction",
    "Resident",
    "ResidentMyNumber",
    "Role",
    "SchoolEnrollment",
    "SealRegistration",
    "SingleParentMedical",
    "StaffUser",
    "SupportMeasure",
    "TaxStatus",
    "Terminal",
    "Ticket",
    "TicketCategory",
    "TicketCounter",
    "UserRole",
    "Visit",
    "VisitCounter",
    "VisitDraft",
    "VisitForm",
    "VisitProcedure",
]

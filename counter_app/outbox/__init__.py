"""The print outbox: one durable queue for everything that goes to a ticket printer
(tickets, visit receipts, and the receipts later desks add). See docs/print-outbox.md."""

from .jobs import (
    TO_PRINT,
    PrintJobInfo,
    PrintJobKind,
    PrintJobStatus,
    ReceiptOrder,
    UnprintableJob,
)
from .service import ALARM_LIMIT, JOB_LEASE, PrintOutbox

__all__ = [
    "ALARM_LIMIT",
    "JOB_LEASE",
    "TO_PRINT",
    "PrintJobInfo",
    "PrintJobKind",
    "PrintJobStatus",
    "PrintOutbox",
    "ReceiptOrder",
    "UnprintableJob",
]

"""Import from the core resident system (住民記録システム): its CSV export, validated whole,
then upserted by 宛名番号 in one transaction. The layout: docs/import-format.md."""

from .importer import ImportResult, import_residents
from .report import ImportRejected, report_lines

__all__ = ["ImportRejected", "ImportResult", "import_residents", "report_lines"]

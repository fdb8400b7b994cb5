"""How much of each form the app fills: from the records, from the clerk, computed, from a
presented document, and what is left to the resident (signatures, and the few things only
the resident can give, each with why)."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog, FormField
from .model import Source


def source_of(field: FormField) -> Source:
    if field.source.startswith(("resident.", "household.")):
        return Source.RECORDS
    return {
        "clerk": Source.CLERK,
        "computed": Source.COMPUTED,
        "document": Source.DOCUMENT,
    }.get(field.source, Source.RESIDENT)


def is_signature(field: FormField) -> bool:
    return field.source == "signature" and field.why is None and "署名" in field.label


@dataclass(frozen=True)
class FormCoverage:
    form_id: str
    title: str
    counts: dict[Source, int]
    signatures: int
    resident_writes: tuple[FormField, ...]  # left to the resident, not a signature


def form_coverage(catalog: Catalog) -> list[FormCoverage]:
    out = []
    for form in catalog.forms:
        counts = {source: 0 for source in Source}
        for field in form.fields:
            counts[source_of(field)] += 1
        out.append(
            FormCoverage(
                form.id,
                form.title,
                counts,
                sum(1 for f in form.fields if is_signature(f)),
                tuple(f for f in form.fields if f.source == "signature" and not is_signature(f)),
            )
        )
    return out


def coverage_report(catalog: Catalog, lang: str = "ja") -> list[str]:
    rows = form_coverage(catalog)
    en = lang == "en"
    head = ("form", "records", "clerk", "computed", "document", "resident", "of which signatures")
    if not en:
        head = ("様式", "記録", "窓口", "計算", "書類", "本人", "うち署名")
    lines = [
        f"{head[0]:<28}" + "".join(f"{h:>9}" for h in head[1:]) + "  " + ("title" if en else "名称")
    ]
    totals = {source: 0 for source in Source}
    for row in rows:
        numbers = [row.counts[s] for s in Source] + [row.signatures]
        for source in Source:
            totals[source] += row.counts[source]
        lines.append(f"{row.form_id:<28}" + "".join(f"{n:>9}" for n in numbers) + f"  {row.title}")
    signatures = sum(r.signatures for r in rows)
    lines.append(
        f"{'total' if en else '合計':<28}"
        + "".join(f"{totals[s]:>9}" for s in Source)
        + f"{signatures:>9}"
    )
    writes = [(row, field) for row in rows for field in row.resident_writes]
    lines.append("")
    if en:
        lines.append(f"Left to the resident other than a signature: {len(writes)}")
    else:
        lines.append(f"署名以外にご本人が書くもの: {len(writes)}件")
    for row, field in writes:
        lines.append(f"  {row.form_id}.{field.key} {field.label}: {field.why}")
    return lines

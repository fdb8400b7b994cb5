"""Verifying a chained log: each entry's digest and link, its signed head, a checkpoint.

The entries are streamed in id order (`yield_per`), so a log of millions of entries needs
the memory of one batch. The head is read first: entries appended meanwhile only follow
it. A head or a checkpoint is a `Mark`: the log must have at least its number of entries,
and the entry at that position must be the one it names, with the same digest. A log
that ends before the mark's entry is shorter (its newest entries were removed); one that
reaches it otherwise diverges (an entry was removed, inserted or rewritten before it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import ChainHead
from .chain import GENESIS_HASH, ChainedLog, Mark, entry_digest, signed_head
from .keyring import KeyRing, session_keys

BATCH = 5000


class FindingKind(StrEnum):
    CONTENT = "content"  # the entry does not match its digest (altered, or signed otherwise)
    LINK = "link"  # its link is not the previous entry's digest (one removed or inserted)
    UNKNOWN_KEY = "unknown_key"  # signed with a key the key file does not hold
    HEAD_MISSING = "head_missing"
    HEAD_ALTERED = "head_altered"  # the head's signature does not hold
    SHORTER_THAN_HEAD = "shorter_than_head"  # the newest entries were removed
    DIVERGES_FROM_HEAD = "diverges_from_head"
    SHORTER_THAN_CHECKPOINT = "shorter_than_checkpoint"
    DIVERGES_FROM_CHECKPOINT = "diverges_from_checkpoint"


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    entry_id: int | None = None  # the entry named; None when the log has none left
    mark: Mark | None = None  # the head or checkpoint compared with
    entries: int = 0  # how many entries the log has
    key_id: str | None = None  # UNKNOWN_KEY: the key the entry names


@dataclass(frozen=True)
class LogReport:
    log: str
    entries: int
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def verify_log(session: Session, log: ChainedLog, checkpoint: Mark | None = None) -> LogReport:
    """Every finding on `log`: its first broken entry, its head, and `checkpoint` if given."""
    ring = session_keys(session)
    head = session.scalars(select(ChainHead).where(ChainHead.log == log.name)).one_or_none()
    head_mark = signed_head(ring, log, head) if head is not None else None
    checks = []
    if head_mark is not None:
        checks.append(
            _MarkCheck(head_mark, FindingKind.SHORTER_THAN_HEAD, FindingKind.DIVERGES_FROM_HEAD)
        )
    if checkpoint is not None:
        checks.append(
            _MarkCheck(
                checkpoint,
                FindingKind.SHORTER_THAN_CHECKPOINT,
                FindingKind.DIVERGES_FROM_CHECKPOINT,
            )
        )
    walk = _Walk(ring, log, checks)
    model = log.model
    rows = session.execute(
        select(
            model.id,
            model.previous_hash,
            model.entry_hash,
            model.key_id,
            *(getattr(model, name) for name in log.fields),
        )
        .order_by(model.id)
        .execution_options(yield_per=BATCH)
    )
    for entry_id, previous_hash, entry_hash, key_id, *values in rows:
        walk.step(entry_id, previous_hash, entry_hash, key_id, values)
    findings = [walk.broken] if walk.broken is not None else []
    if head is None:
        findings.append(Finding(FindingKind.HEAD_MISSING, entries=walk.count))
    elif head_mark is None:
        findings.append(Finding(FindingKind.HEAD_ALTERED, entries=walk.count))
    for check in checks:
        finding = check.finding(walk.count, walk.last_id)
        if finding is not None:
            findings.append(finding)
    return LogReport(log.name, walk.count, tuple(findings))


class _MarkCheck:
    """Whether a log still holds a head's or a checkpoint's `Mark`: its entry at the
    mark's position must be the mark's, with the same digest."""

    def __init__(self, mark: Mark, shorter: FindingKind, diverges: FindingKind) -> None:
        self.mark = mark
        self._shorter = shorter
        self._diverges = diverges
        self._at_position: tuple[int, str] | None = None
        self._reaching: int | None = None  # the first entry at or after the mark's

    def see(self, position: int, entry_id: int, entry_hash: str) -> None:
        if position == self.mark.entries:
            self._at_position = (entry_id, entry_hash)
        last_id = self.mark.last_id
        if self._reaching is None and last_id is not None and entry_id >= last_id:
            self._reaching = entry_id

    def finding(self, entries: int, last_id: int | None) -> Finding | None:
        mark = self.mark
        if mark.entries == 0 or self._at_position == (mark.last_id, mark.digest):
            return None
        if self._at_position is not None:
            return Finding(self._diverges, self._at_position[0], mark, entries)
        if self._reaching is not None:  # entries before the mark's are missing
            return Finding(self._diverges, self._reaching, mark, entries)
        return Finding(self._shorter, last_id, mark, entries)


class _Walk:
    """One pass over a log, entry by entry: the first broken entry, and the marks."""

    def __init__(self, ring: KeyRing, log: ChainedLog, checks: list[_MarkCheck]) -> None:
        self._ring = ring
        self._log = log
        self._checks = checks
        self.count = 0
        self.last_id: int | None = None
        self._previous = GENESIS_HASH
        self.broken: Finding | None = None

    def step(
        self, entry_id: int, previous_hash: str, entry_hash: str, key_id: str, values: list
    ) -> None:
        self.count += 1
        if self.broken is None:
            self.broken = self._check(entry_id, previous_hash, entry_hash, key_id, values)
        for check in self._checks:
            check.see(self.count, entry_id, entry_hash)
        self._previous = entry_hash
        self.last_id = entry_id

    def _check(
        self, entry_id: int, previous_hash: str, entry_hash: str, key_id: str, values: list
    ) -> Finding | None:
        if previous_hash != self._previous:
            return Finding(FindingKind.LINK, entry_id)
        if not self._ring.has(key_id):
            return Finding(FindingKind.UNKNOWN_KEY, entry_id, key_id=key_id)
        if entry_digest(self._ring, self._log, previous_hash, key_id, values) != entry_hash:
            return Finding(FindingKind.CONTENT, entry_id)
        return None

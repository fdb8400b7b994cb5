"""The words of `counter-app audit verify` for each finding, in Japanese and English."""

from __future__ import annotations

from ..security.chain_verify import Finding, FindingKind

_LOGS = {
    "ja": {
        "audit_log": "監査ログ（audit_log）",
        "procedure_actions": "受付の操作記録（procedure_actions）",
    },
    "en": {
        "audit_log": "audit log (audit_log)",
        "procedure_actions": "visit action log (procedure_actions)",
    },
}
_DETECTED = {"ja": "audit verify: 改ざんを検出しました", "en": "audit verify: tampering detected"}
_FINDINGS = {
    "ja": {
        FindingKind.CONTENT: "記録 #{id}（内容の不一致）",
        FindingKind.LINK: "記録 #{id}（連鎖の欠落）",
        FindingKind.UNKNOWN_KEY: "記録 #{id}（鍵ファイルにない鍵 {key} で署名）",
        FindingKind.HEAD_MISSING: "署名済みの末尾がありません",
        FindingKind.HEAD_ALTERED: "署名済みの末尾が改ざんされています",
        FindingKind.SHORTER_THAN_HEAD: "記録 #{id} より後の記録が削除されています"
        "（署名済みの末尾: {mark_entries}件、記録 #{mark_id} まで）",
        FindingKind.DIVERGES_FROM_HEAD: "記録 #{id} が署名済みの末尾（{mark_entries}件目、"
        "記録 #{mark_id}）と一致しません",
        FindingKind.SHORTER_THAN_CHECKPOINT: "チェックポイントより短くなっています: {entries}件"
        "（チェックポイント: {mark_entries}件、記録 #{mark_id} まで）",
        FindingKind.DIVERGES_FROM_CHECKPOINT: "記録 #{id} でチェックポイントと分岐しています"
        "（チェックポイントの {mark_entries}件目は記録 #{mark_id}）",
    },
    "en": {
        FindingKind.CONTENT: "entry #{id} (content does not match)",
        FindingKind.LINK: "entry #{id} (chain link missing)",
        FindingKind.UNKNOWN_KEY: "entry #{id} (signed with key {key}, which the key file "
        "does not hold)",
        FindingKind.HEAD_MISSING: "its signed head is missing",
        FindingKind.HEAD_ALTERED: "its signed head was altered",
        FindingKind.SHORTER_THAN_HEAD: "the entries after #{id} were removed (its signed "
        "head: {mark_entries} entries, up to #{mark_id})",
        FindingKind.DIVERGES_FROM_HEAD: "entry #{id} does not match its signed head (entry "
        "{mark_entries}, #{mark_id})",
        FindingKind.SHORTER_THAN_CHECKPOINT: "shorter than the checkpoint: {entries} entries "
        "(checkpoint: {mark_entries} entries, up to #{mark_id})",
        FindingKind.DIVERGES_FROM_CHECKPOINT: "diverges from the checkpoint at entry #{id} "
        "(the checkpoint's entry {mark_entries} is #{mark_id})",
    },
}
_EMPTIED = {
    "ja": "記録がすべて削除されています（署名済みの末尾: {mark_entries}件、記録 #{mark_id} まで）",
    "en": "every entry was removed (its signed head: {mark_entries} entries, up to #{mark_id})",
}


def finding_line(log: str, finding: Finding, language: str) -> str:
    """One line naming the log and what does not hold in it."""
    language = language if language in _FINDINGS else "ja"
    template = _FINDINGS[language][finding.kind]
    if finding.kind is FindingKind.SHORTER_THAN_HEAD and finding.entry_id is None:
        template = _EMPTIED[language]
    mark = finding.mark
    text = template.format(
        id=finding.entry_id,
        key=_printable(finding.key_id),
        entries=finding.entries,
        mark_entries=mark.entries if mark else 0,
        mark_id=mark.last_id if mark else None,
    )
    return f"{_DETECTED[language]}: {_LOGS[language].get(log, log)}: {text}"


def _printable(stored: str | None, limit: int = 64) -> str:
    """A value read from the database as the terminal should show it: whoever wrote it
    may have put control characters or a long text there."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in str(stored))
    return text if len(text) <= limit else text[: limit - 1] + "…"

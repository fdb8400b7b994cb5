"""Problems found in a catalog or a scenario file: where (file, line, path) and what.

Each problem has a code and arguments; `render` words it in Japanese or English, one line
each, in the `file:line: path: message` shape editors and CI logs understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..safe_text import escaped, shown

_MESSAGES: dict[str, tuple[str, str]] = {
    "yaml_syntax": ("YAMLとして読めません: {detail}", "not valid YAML: {detail}"),
    "file_unreadable": ("ファイルを読めません: {detail}", "cannot read the file: {detail}"),
    "no_catalog_files": (
        "カタログのYAMLファイルがありません",
        "no catalog YAML files in this folder",
    ),
    "not_mapping": ("キーと値の組（マッピング）で書いてください", "must be a mapping"),
    "not_list": ("リストで書いてください", "must be a list"),
    "not_text": ("文字列で書いてください", "must be text"),
    "not_bool": ("true か false で書いてください", "must be true or false"),
    "not_int": ("整数で書いてください", "must be a whole number"),
    "not_date": ("日付（YYYY-MM-DD）ではありません: {value}", "not a date (YYYY-MM-DD): {value}"),
    "missing_key": ("必須の項目 {key} がありません", "the required key {key} is missing"),
    "unknown_key": ("不明な項目 {key}", "unknown key {key}"),
    "unknown_section": ("不明なセクション {key}", "unknown section {key}"),
    "duplicate_id": (
        "id {id} が重複しています（最初は {first}）",
        "duplicate id {id} (first at {first})",
    ),
    "duplicate_key": (
        "{key} が重複しています（最初は {first}）",
        "duplicate {key} (first at {first})",
    ),
    "missing_section": ("セクション {key} がありません", "the section {key} is missing"),
    "rule_shape": ("規則の形が正しくありません: {detail}", "malformed rule: {detail}"),
    "unknown_op": (
        "不明な比較 {op}（eq ne lt le gt ge in のいずれか）",
        "unknown comparison {op} (eq ne lt le gt ge in)",
    ),
    "unknown_fact": ("不明な事実 {fact}", "unknown fact {fact}"),
    "fact_out_of_scope": (
        "{fact} はここでは使えません: {detail}",
        "{fact} cannot be used here: {detail}",
    ),
    "unknown_param": ("不明なパラメータ {param}", "unknown parameter {param}"),
    "unknown_department": ("不明な課 {department}", "unknown department {department}"),
    "unknown_form": ("不明な様式 {form}", "unknown form {form}"),
    "unknown_event": ("不明なライフイベント {event}", "unknown life event {event}"),
    "unknown_role": (
        "イベント {event} に役割 {role} はありません",
        "the event {event} has no role {role}",
    ),
    "engine_role": (
        "役割 {role} はエンジンが割り当てられません（使える役割: {known}）",
        "the engine cannot bind the role {role} (known roles: {known})",
    ),
    "undefined_answer": (
        "イベント {event} に質問 {answer} がありません",
        "the event {event} asks no question {answer}",
    ),
    "undefined_form_answer": (
        "どの質問にも {answer} がありません",
        "no question defines the answer {answer}",
    ),
    "unknown_builtin": (
        "エンジンに組込みの {name} はありません",
        "the engine has no builtin {name}",
    ),
    "unknown_record_path": (
        "住民記録に {path} はありません",
        "the resident records have no item {path}",
    ),
    "unknown_value": ("{value} は使えません（{allowed}）", "{value} is not allowed ({allowed})"),
    "unknown_compute": ("不明な計算値 {name}", "unknown computed value {name}"),
    "unknown_question_type": ("不明な質問の型 {type}", "unknown question type {type}"),
    "no_triggers": ("triggers が空です", "triggers is empty"),
    # the certificate desk (certificates.yaml)
    "unknown_option": ("不明なオプション {option}", "unknown option {option}"),
    "empty_list": ("{key} が空です", "{key} is empty"),
    "negative_fee": (
        "手数料は0以上の整数で書いてください: {value}",
        "a fee must be zero or more: {value}",
    ),
    "certificate_beyond_law": (
        "{what} は法令上 {who} には交付できません",
        "the law does not allow {what} for {who}",
    ),
    "certificate_not_allowed": (
        "{key} の {who} は allowed_for にありません",
        "{who} in {key} is not in allowed_for",
    ),
    "certificate_needs_mandate": (
        "{kind} を代理人（agent）に交付するには mandate_for に agent が必要です（委任状）",
        "{kind} for an agent needs agent in mandate_for (a letter of attorney)",
    ),
    "certificate_needs_purpose": (
        "{kind} を第三者（third_party）に交付するには purpose_for に third_party が必要です",
        "{kind} for a third party needs third_party in purpose_for (a stated purpose)",
    ),
    "certificate_needs_seal_card": (
        "{kind} は印鑑登録証の提示が必要です（needs_seal_card: true）",
        "{kind} needs the seal registration card (needs_seal_card: true)",
    ),
    # scenario files
    "unknown_event_type": ("不明なライフイベント {event}", "unknown life event type {event}"),
    "unknown_person": ("人 {person} は世帯にいません", "no person {person} in the household"),
    "duplicate_person": (
        "宛名番号 {person} が重複しています",
        "the atena_no {person} appears twice",
    ),
    "missing_answer": (
        "必要な回答 {answer} がありません",
        "the required answer {answer} is missing",
    ),
    "bad_answer": (
        "回答 {answer} の値 {value} は使えません（{allowed}）",
        "the answer {answer} cannot be {value} ({allowed})",
    ),
    "duplicate_scenario": (
        "シナリオ id {id} が重複しています",
        "the scenario id {id} appears twice",
    ),
    "unknown_scenario": ("シナリオ {id} はファイルにありません", "no scenario {id} in the file"),
    "not_one_event": ("events には1件だけ書いてください", "events must hold exactly one event"),
    # hostile or broken YAML files (catalog/located.py)
    "yaml_not_a_file": ("通常のファイルではありません", "not a regular file"),
    "yaml_too_large": (
        "ファイルが大きすぎます（{size} バイト、上限 {limit} バイトをこの行で超えます）",
        "the file is too large ({size} bytes; it passes the limit of {limit} on this line)",
    ),
    "yaml_too_deep": (
        "入れ子が深すぎます（上限 {limit} 段）",
        "nested too deeply (the limit is {limit} levels)",
    ),
    "yaml_too_many_values": (
        "値が多すぎます（エイリアスを展開して {limit} 個まで）",
        "too many values (at most {limit}, counting what every alias stands for)",
    ),
    "yaml_too_much_text": (
        "文字が多すぎます（エイリアスを展開して {limit} 文字まで）",
        "too much text (at most {limit} characters, counting what every alias stands for)",
    ),
    "yaml_recursive_alias": (
        "エイリアス *{anchor} がそれ自身のアンカーの中にあります",
        "the alias *{anchor} is inside its own anchor",
    ),
    "yaml_undefined_alias": (
        "エイリアス *{anchor} のアンカー &{anchor} がこれより前にありません",
        "the alias *{anchor} has no anchor &{anchor} before it",
    ),
    "yaml_complex_key": (
        "キーには文字や数を書いてください（マッピングやリストはキーにできません）",
        "a key must be a plain value, not a mapping or a list",
    ),
    "yaml_unsupported_tag": ("タグ {tag} は使えません", "the tag {tag} is not supported"),
    "yaml_bad_value": (
        "{value} は {tag} として読めません: {detail}",
        "{value} cannot be read as {tag}: {detail}",
    ),
    "yaml_not_tag_form": (
        "{value} は {tag} の書き方になっていません",
        "{value} is not written as a {tag}",
    ),
    "yaml_several_documents": (
        "1つのファイルには文書を1つだけ書いてください（--- が2つ目の文書を始めています）",
        "a file holds one document (this --- starts a second one)",
    ),
}


@dataclass(frozen=True)
class Problem:
    file: Path | str
    line: int | None
    path: str
    code: str
    args: dict = field(default_factory=dict)

    def message(self, lang: str = "ja") -> str:
        ja, en = _MESSAGES[self.code]
        template = en if lang == "en" else ja
        return template.format(**{k: shown(_joined(v), lang) for k, v in self.args.items()})

    def where(self) -> str:
        """`file:line` (or the file alone), escaped like every shown value."""
        where = escaped(str(self.file))
        return where if self.line is None else f"{where}:{self.line}"

    def render(self, lang: str = "ja") -> str:
        path = f" {shown(self.path, lang)}:" if self.path else ""
        return f"{self.where()}:{path} {self.message(lang)}"


def _joined(value: object) -> object:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return value


def known_problem_codes() -> set[str]:
    return set(_MESSAGES)

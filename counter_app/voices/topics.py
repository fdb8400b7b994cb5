"""The city's list of voice topics and the days a department has to answer
(resources/voices/voices.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import resources

from ..catalog.located import load_resource
from ..errors import CounterAppError, ErrorCode

_ID = re.compile(r"^[a-z0-9_]{1,32}$")
DEFAULT_DUE_DAYS = 14


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    name_en: str

    def label(self, language: str = "ja") -> str:
        return self.name_en if language == "en" else self.name


@dataclass(frozen=True)
class VoiceSettings:
    topics: tuple[Topic, ...]
    due_days: int = DEFAULT_DUE_DAYS

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def voices_file() -> Path:
    return resources.path("voices", "voices.yaml")


def load_voice_settings(path: Path | None = None) -> VoiceSettings:
    """The file's topics in its order, or RESOURCE_INVALID naming the first problem."""
    path = path or voices_file()
    data = load_resource(path)
    try:
        due_days = data.get("due_days", DEFAULT_DUE_DAYS)
        if not isinstance(due_days, int) or isinstance(due_days, bool) or not 1 <= due_days <= 365:
            raise _invalid(path, f"due_days must be a whole number of days, 1-365: {due_days!r}")
        topics = tuple(_topic(path, entry) for entry in data["topics"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise _invalid(path, f"missing or malformed: {exc}") from exc
    ids = [t.id for t in topics]
    if not topics or len(set(ids)) != len(ids):
        raise _invalid(path, "topics must list at least one topic, each id once")
    return VoiceSettings(topics, due_days)


def _topic(path: Path, entry: dict) -> Topic:
    topic_id = str(entry["id"])
    if not _ID.match(topic_id):
        raise _invalid(path, f"topic id {topic_id!r}: a-z 0-9 _ only, at most 32")
    name, name_en = str(entry["name"]).strip(), str(entry["name_en"]).strip()
    if not name or not name_en or len(name) > 40 or len(name_en) > 80:
        raise _invalid(path, f"{topic_id}: name (1-40) and name_en (1-80) are required")
    return Topic(topic_id, name, name_en)


def _invalid(path: Path, detail: str) -> CounterAppError:
    return CounterAppError(ErrorCode.RESOURCE_INVALID, path=path, detail=detail)

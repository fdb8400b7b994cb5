"""Residents' voices (住民の声) and staff letters (職員からの手紙) on the screens.

    RecordVoiceDialog.open_for(parent, context, actor, ticket_id=…)  # record_dialog.py
    VoicesWindow(context, actor, parent)    # search, 対応事例, the departments' work
    LettersWindow(context, actor, parent)   # improvement proposals, +1, comments, moves

Who may do what is the core's (counter_app/voices): the buttons follow
`RoutingInfo.actions` and `LetterInfo.moves`. The words of the core's choices come from
`counter_app.voices.label`; this module adds those the core does not word (the log's
actions) and the lists every voice screen offers (topics, departments).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from counter_app.voices import label

from ..context import UiContext
from ..labels import department_label

E = TypeVar("E", bound=StrEnum)
PREVIEW_CHARS = 40  # the first words of a voice in a list


W = TypeVar("W", bound=QWidget)


def shown_once(window: W | None, make: Callable[[], W]) -> W:
    """`window` again while it is open, else a new one from `make` that is deleted when
    closed; shown, raised and active."""
    if window is None or not shiboken6.isValid(window):
        window = make()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def word(value: StrEnum | None, language: str) -> str:
    """The core's word for one of its choices, or "" for none."""
    return label(value, language) if value is not None else ""


def action_label(action: str) -> str:
    """The log's action names (counter_app.voices.service.ActionName)."""
    labels = {
        "recorded": QCoreApplication.translate("VoiceAction", "記録・回付"),
        "claimed": QCoreApplication.translate("VoiceAction", "受付"),
        "answered": QCoreApplication.translate("VoiceAction", "回答"),
        "closed": QCoreApplication.translate("VoiceAction", "完了"),
        "reassigned": QCoreApplication.translate("VoiceAction", "担当替え"),
    }
    return labels.get(action, action)


def topic_choices(context: UiContext) -> list[tuple[str, str]]:
    """(id, name) of the city's topics, in the file's order."""
    return [(t.id, t.label(context.language)) for t in context.core.voice_settings.topics]


def topic_names(context: UiContext, topic_ids: tuple[str, ...]) -> str:
    settings = context.core.voice_settings
    names = []
    for topic_id in topic_ids:
        topic = settings.topic(topic_id)
        names.append(topic.label(context.language) if topic is not None else topic_id)
    return QCoreApplication.translate("Labels", "、").join(names)


def department_choices(context: UiContext) -> list[tuple[str, str]]:
    """(id, name) of every department of the catalog, in its order."""
    return [
        (d.id, department_label(d.id, context.language)) for d in context.core.catalog.departments
    ]


def preview(text: str) -> str:
    """The first words of a text on one line."""
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW_CHARS else line[:PREVIEW_CHARS] + "…"


def fill_choices(combo: QComboBox, everything: str, choices: list[tuple[object, str]]) -> QComboBox:
    """A filter's combo box: `everything` (data None) first, then the choices."""
    combo.addItem(everything, None)
    for data, text in choices:
        combo.addItem(text, data)
    return combo


def enum_choices(enum: type[E], language: str) -> list[tuple[str, str]]:
    """(value, word) of every member of one of the core's choices."""
    return [(member.value, label(member, language)) for member in enum]


def chosen(enum: type[E], combo: QComboBox) -> E | None:
    """The member a filter's combo box shows, or None for "every one"."""
    data = combo.currentData()
    return enum(data) if data is not None else None

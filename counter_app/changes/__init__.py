"""Live changes across PCs: every unit of work that changes something other screens show
publishes it to the change feed; every PC follows the feed with a ChangeListener
(PostgreSQL LISTEN/NOTIFY, polling on SQLite) and redraws what changed."""

from .feed import CHANNEL, Change, Topic, changes_since, latest_id, prune, prune_if_due, publish
from .listener import ChangeListener, ListenerStatus

__all__ = [
    "CHANNEL",
    "Change",
    "ChangeListener",
    "ListenerStatus",
    "Topic",
    "changes_since",
    "latest_id",
    "prune",
    "prune_if_due",
    "publish",
]

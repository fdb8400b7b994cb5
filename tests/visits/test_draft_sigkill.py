"""Nothing typed is lost: a clerk's process saving its draft field by field is killed
with SIGKILL mid-visit; a new process finds every answer saved before the kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from counter_app.permissions import RoleCode
from tests import helpers
from tests.visits import PASSWORD

FIELDS = 400
KILL_AFTER = 25  # saves acknowledged before the kill

TYPING = """
import sys
from counter_app.app import CounterApp
from counter_app.config import Config

app = CounterApp.open(Config(database_url=sys.argv[1], terminal_name=sys.argv[2]))
clerk = app.auth.login("madoguchi", sys.argv[3], app.terminal)
answers = {}
for i in range(int(sys.argv[4])):
    answers[f"field_{i:03d}"] = f"入力{i}"
    app.visits.save_draft(clerk, None, "birth", answers, {"A0101": {"n": i}}, {"page": 2})
    print(i, flush=True)
"""

RESTORING = """
import json, sys
from counter_app.app import CounterApp
from counter_app.config import Config

app = CounterApp.open(Config(database_url=sys.argv[1], terminal_name=sys.argv[2]))
clerk = app.auth.login("madoguchi", sys.argv[3], app.terminal)
draft = app.visits.load_draft(clerk)
print(json.dumps({"event": draft.event_type, "answers": draft.answers,
                  "person_answers": draft.person_answers, "selections": draft.selections}))
"""


def _python(script: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=helpers.PROJECT_ROOT,
        env=dict(os.environ),
        text=True,
        **kwargs,
    )


def test_a_clerk_killed_mid_visit_loses_nothing_typed(database_url):
    app = helpers.open_app(database_url)
    helpers.add_user(app, "madoguchi", RoleCode.WINDOW_CLERK, password=PASSWORD)
    app.close()
    args = (database_url, helpers.TERMINAL, PASSWORD)

    typing = _python(TYPING, *args, str(FIELDS), stdout=subprocess.PIPE)
    acknowledged = -1
    try:
        assert typing.stdout is not None
        for line in typing.stdout:
            acknowledged = int(line)
            if acknowledged + 1 >= KILL_AFTER:
                typing.send_signal(signal.SIGKILL)
                break
    finally:
        typing.kill()
        typing.wait(timeout=30)
    assert typing.returncode == -signal.SIGKILL, "killed mid-visit, not finished"
    assert acknowledged + 1 == KILL_AFTER

    restoring = _python(RESTORING, *args, stdout=subprocess.PIPE)
    out, _ = restoring.communicate(timeout=120)
    assert restoring.returncode == 0
    draft = json.loads(out)
    saved = len(draft["answers"])
    # Every acknowledged field is there; the one being saved at the kill may be too.
    assert KILL_AFTER <= saved < FIELDS
    assert draft["answers"] == {f"field_{i:03d}": f"入力{i}" for i in range(saved)}
    assert draft["person_answers"] == {"A0101": {"n": saved - 1}}
    assert draft["event"] == "birth" and draft["selections"] == {"page": 2}

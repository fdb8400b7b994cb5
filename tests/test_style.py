import subprocess
import sys
from pathlib import Path

from tests.helpers import PROJECT_ROOT


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "."], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_error_code_has_a_japanese_and_an_english_message():
    from counter_app.errors import ErrorCode
    from counter_app.messages import _MESSAGES

    for code in ErrorCode:
        assert set(_MESSAGES[code]) == {"ja", "en"}, code

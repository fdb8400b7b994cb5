"""The key file: the secrets that never go into the database.

One file holds one or more 256-bit secrets, oldest first; the last is the current one.
Each use gets its own key derived with HKDF (`Purpose`), so sealing My Numbers and
signing the audit chain never share a key. Older secrets stay in the file after a
rotation: what they sealed or signed must still open and verify.

    ring = load_key_file(path)
    token = ring.seal(Purpose.MY_NUMBER, "123456789012", context="resident:42")
    ring.unseal(Purpose.MY_NUMBER, token, context="resident:42")
    ring.digest(Purpose.AUDIT_CHAIN, canonical_bytes)

The file is JSON, created with mode 0600 in a 0700 folder and written atomically; a file
that group or others may read is refused, as ssh refuses such a private key.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from hashlib import sha256
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import CounterAppError, ErrorCode

FORMAT = "counter-app-keys/1"
SECRET_BYTES = 32
NONCE_BYTES = 12
KEY_FILE_NAME = "counter-app.key"


class Purpose(StrEnum):
    """What a derived key is for; each purpose has a key of its own."""

    MY_NUMBER = "my-number"  # AES-GCM of the 個人番号 at rest
    AUDIT_CHAIN = "audit-chain"  # HMAC chaining the audit log
    VISIT_LOG = "visit-log"  # HMAC chaining the visits' action log
    LOGIN_ID = "login-id"  # digest of a typed user ID that matches no user
    KEY_CHECK = "key-check"  # proves a key file belongs to a database


@dataclass(frozen=True)
class SecretKey:
    id: str
    created: datetime
    secret: bytes = b""

    def __repr__(self) -> str:  # never print the secret
        return f"SecretKey(id={self.id!r}, created={self.created.isoformat()})"


def new_secret_key(now: datetime | None = None) -> SecretKey:
    now = now or datetime.now(UTC)
    key_id = f"{now:%Y%m%d}-{secrets.token_hex(3)}"
    return SecretKey(key_id, now, secrets.token_bytes(SECRET_BYTES))


@cache
def _derived(secret: bytes, purpose: Purpose) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=f"counter-app/{purpose.value}".encode(),
    ).derive(secret)


@cache
def _aead(key: bytes) -> AESGCM:
    """One AES-GCM object per derived key: building it costs as much as a seal, and the demo
    city seals a million My Numbers."""
    return AESGCM(key)


class KeyRing:
    """The secrets of one key file, oldest first; the last one seals and signs."""

    def __init__(self, keys: Iterable[SecretKey], path: Path | None = None) -> None:
        self.keys = tuple(keys)
        if not self.keys:
            raise ValueError("a key ring needs at least one key")
        self._by_id = {key.id: key for key in self.keys}
        self.path = path

    @property
    def current(self) -> SecretKey:
        return self.keys[-1]

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(key.id for key in self.keys)

    def has(self, key_id: str) -> bool:
        return key_id in self._by_id

    def _key(self, purpose: Purpose, key_id: str | None) -> bytes:
        if key_id is None:
            return _derived(self.current.secret, purpose)
        key = self._by_id.get(key_id)
        if key is None:
            raise CounterAppError(ErrorCode.KEY_UNKNOWN, key_id=key_id, path=self.path)
        return _derived(key.secret, purpose)

    def digest(self, purpose: Purpose, data: bytes | str, key_id: str | None = None) -> str:
        """HMAC-SHA256 of `data` (hex) under the purpose's key (the current one by default)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        return hmac.new(self._key(purpose, key_id), data, sha256).hexdigest()

    def seal(self, purpose: Purpose, plaintext: str, context: str = "") -> str:
        """`key_id:base64(nonce + ciphertext)`; `context` is authenticated, not stored, so a
        sealed value moved to another row (another context) no longer opens."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = _aead(self._key(purpose, None)).encrypt(
            nonce, plaintext.encode("utf-8"), context.encode("utf-8")
        )
        return f"{self.current.id}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def unseal(self, purpose: Purpose, token: str, context: str = "") -> str:
        """The plaintext, or KEY_CANNOT_OPEN when the token was altered, moved to another
        context or sealed with a key this file does not hold."""
        key_id, _, body = token.partition(":")
        try:
            raw = base64.b64decode(body, validate=True)
            plain = _aead(self._key(purpose, key_id)).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8")
            )
            return plain.decode("utf-8")
        except (InvalidTag, ValueError, binascii.Error) as exc:
            raise CounterAppError(ErrorCode.KEY_CANNOT_OPEN, key_id=key_id) from exc

    def sealed_with_current(self, token: str) -> bool:
        return token.partition(":")[0] == self.current.id

    def check_value(self, key_id: str) -> str:
        """What a database records of a key: enough to recognise it, nothing to derive it."""
        return self.digest(Purpose.KEY_CHECK, f"key-check:{key_id}", key_id)[:32]

    def with_new_key(self, now: datetime | None = None) -> KeyRing:
        return KeyRing((*self.keys, new_secret_key(now)), self.path)


def session_keys(session) -> KeyRing:
    """The key ring of a unit of work opened by `Database.read()` or `Database.write()`."""
    ring = session.info.get("keys")
    if ring is None:
        raise RuntimeError("this unit of work has no key ring: open the database with its keys")
    return ring


# --- the file ------------------------------------------------------------------------------


def _invalid(path: Path, detail: str) -> CounterAppError:
    return CounterAppError(ErrorCode.KEY_FILE_INVALID, path=path, detail=detail)


def load_key_file(path: Path) -> KeyRing:
    """The key ring in `path`; KEY_FILE_MISSING, KEY_FILE_PERMISSIONS or KEY_FILE_INVALID."""
    try:
        info = path.stat()
        if os.name == "posix" and stat.S_IMODE(info.st_mode) & 0o077:
            raise CounterAppError(
                ErrorCode.KEY_FILE_PERMISSIONS, path=path, mode=f"{stat.S_IMODE(info.st_mode):o}"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CounterAppError(ErrorCode.KEY_FILE_MISSING, path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _invalid(path, str(exc)) from exc
    if len(text) > 1_000_000:
        raise _invalid(path, "too large")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _invalid(path, f"not JSON (line {exc.lineno})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _invalid(path, f"not a {FORMAT} file")
    entries = data.get("keys")
    if not isinstance(entries, list) or not entries:
        raise _invalid(path, "no keys")
    keys = []
    for number, entry in enumerate(entries, 1):
        try:
            secret = base64.b64decode(entry["secret"], validate=True)
            key = SecretKey(str(entry["id"]), datetime.fromisoformat(entry["created"]), secret)
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise _invalid(path, f"key {number}: {type(exc).__name__}") from exc
        if len(secret) != SECRET_BYTES or not key.id or ":" in key.id:
            raise _invalid(path, f"key {number}: not a {SECRET_BYTES * 8}-bit key")
        keys.append(key)
    if len({key.id for key in keys}) != len(keys):
        raise _invalid(path, "two keys share an id")
    return KeyRing(keys, path)


def key_file_text(ring: KeyRing) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "note": "counter-app の鍵ファイル。複製・バックアップは厳重に管理し、削除しないこと "
            "/ counter-app key file: back it up safely, never delete it (docs/security.md)",
            "keys": [
                {
                    "id": key.id,
                    "created": key.created.isoformat(),
                    "secret": base64.b64encode(key.secret).decode("ascii"),
                }
                for key in ring.keys
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def save_key_file(path: Path, ring: KeyRing) -> None:
    """Write atomically: a new file with mode 0600 beside the old, then renamed over it."""
    make_private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(key_file_text(ring))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def create_key_file(path: Path) -> KeyRing:
    """A new key file with one fresh key; refuses to replace an existing file."""
    if path.exists():
        raise CounterAppError(ErrorCode.KEY_FILE_EXISTS, path=path)
    ring = KeyRing([new_secret_key()], path)
    save_key_file(path, ring)
    return ring


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) readable by the owner only; a folder that already
    exists keeps its mode (it may be a shared system folder such as /etc/counter-app)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask

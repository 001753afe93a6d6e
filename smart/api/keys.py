"""API key strings: made once, shown once, stored only as a hash.

A key reads ``smart_<prefix>_<secret>``. The prefix (8 hex digits) is stored
in clear so people can tell keys apart and the lookup is one indexed query;
the secret carries 256 random bits, so a plain SHA-256 of the whole key is
enough (a slow password hash protects low-entropy secrets, not random ones).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

KEY_PATTERN = re.compile(r"smart_([0-9a-f]{8})_[A-Za-z0-9_-]{43}")


def key_make() -> tuple[str, str]:
    """A new key and its prefix."""
    prefix = secrets.token_hex(4)
    return f"smart_{prefix}_{secrets.token_urlsafe(32)}", prefix


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, else None."""
    match = KEY_PATTERN.fullmatch(key or "")
    return match.group(1) if match else None


def key_matches(key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(key_hash(key), stored_hash)

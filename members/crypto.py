"""Secrets at rest (TOTP secrets), encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under
FIELD_ENCRYPTION_KEY from the environment.

Stored values carry a prefix, so that a value written before encryption was turned on is still
read (and the migration that encrypts them can tell them apart).
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

PREFIX = "fernet:"


def _fernet() -> Fernet:
    key = settings.FIELD_ENCRYPTION_KEY
    try:
        return Fernet(key)
    except ValueError:
        # Any long random text will do: a Fernet key is derived from it.
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


def encrypt(text: str) -> str:
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _fernet().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        raise ValueError(
            "A stored secret cannot be decrypted: FIELD_ENCRYPTION_KEY is not the key it was "
            "encrypted with."
        ) from None


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)

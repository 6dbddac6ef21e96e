"""Session engines for patients' answers: encrypted at rest, merged per key.

Unlike Django's: data is Fernet-encrypted under SECRET_KEY (a dump shows no
answer), a save writes only the keys this request changed (two tabs lose
nothing), and a cache error raises (the 503 page) instead of an empty session.
"""

import base64
import copy
import json
import logging

from asgiref.sync import sync_to_async
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

_KEY_SALT = "alt_portal.sessions.encryption"


def _fernet_key(secret) -> bytes:
    digest = salted_hmac(_KEY_SALT, "", secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest)


def cipher() -> MultiFernet:
    """Fernet keyed from SECRET_KEY (encrypts) and its fallbacks (decrypt only)."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_fernet_key(secret)) for secret in secrets])


class EncryptedMergingSession:
    """Encryption and per-key merging, mixed into Django's session stores."""

    def encode(self, session_dict) -> str:
        plain = json.dumps(session_dict, separators=(",", ":")).encode()
        return cipher().encrypt(plain).decode("ascii")

    def decode(self, session_data) -> dict:
        try:
            plain = cipher().decrypt(session_data.encode("ascii"))
        except (InvalidToken, UnicodeEncodeError, AttributeError):
            # A signed session from before encryption, or corrupted data.
            return super().decode(session_data)
        try:
            data = json.loads(plain)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    # Django's async variants would bypass the encryption and the merge.
    async def aload(self):
        return await sync_to_async(self.load)()

    async def asave(self, must_create=False):
        return await sync_to_async(self.save)(must_create)

    def _remember_loaded(self, data):
        self._as_loaded = copy.deepcopy(data)
        return data

    def merged_into(self, stored: dict) -> dict:
        """Return ``stored`` with this request's changes applied, key by key.

        Changes are found by comparing with the session as this request read it,
        so values changed in place (``session["x"]["y"] = 1``) count too.
        """
        current = self._get_session()
        loaded = getattr(self, "_as_loaded", {})
        merged = dict(stored)
        for key in loaded.keys() - current.keys():
            merged.pop(key, None)
        for key, value in current.items():
            if key not in loaded or loaded[key] != value:
                merged[key] = value
        return merged

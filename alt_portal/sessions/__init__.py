"""Session engines that keep patients' answers encrypted and lose nothing.

A patient's answers live only in their session, so the session store is the one
place health data is kept. Django's engines store it signed but readable (a
database dump shows every answer after base64 and zlib) or, in a cache, as a
pickle. The engines here (``alt_portal.sessions.db`` and ``.cache``; settings.py
chooses with DJANGO_SESSION_ENGINE) differ from Django's in three ways:

- Encrypted at rest. Session data is JSON encrypted with Fernet (AES-128-CBC
  and HMAC-SHA256, from ``cryptography``) under a key derived from SECRET_KEY,
  so neither a database dump nor Redis shows an answer without the key. Keys in
  SECRET_KEY_FALLBACKS still decrypt, for key rotation.
- Merged on save. Django rewrites the whole session each time, so two tabs
  saving different pages at the same moment lost one page. Here a save writes
  only the top-level keys this request changed or removed, on top of what is
  stored now (read under a row lock in the database).
- Never silently reset. Django's cache engine treats a cache error as "no
  session", sending a patient back to the first question; here the error
  propagates, and the patient sees the 503 page
  (alt_portal/database_unavailable.py).

The database engine also deletes expired sessions itself, at most every
``CLEANUP_INTERVAL_SECONDS`` per process, when it creates a session: no cron job
to forget. Redis expires cached sessions by itself.
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
            # Not ours: a signed session from before encryption (read once, and
            # encrypted on its next save), or corrupted data (Django's decode
            # logs it and gives an empty session).
            return super().decode(session_data)
        try:
            data = json.loads(plain)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    # Django's async variants would bypass the encryption and the merge: route
    # them through the sync code (the site runs under WSGI; this is for safety).
    async def aload(self):
        return await sync_to_async(self.load)()

    async def asave(self, must_create=False):
        return await sync_to_async(self.save)(must_create)

    def _remember_loaded(self, data):
        """Keep a copy of the session as read, to see later what changed."""
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

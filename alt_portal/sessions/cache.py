"""Sessions in the shared cache (Redis), encrypted, merged on save and never
silently reset when the cache is down (see __init__.py)."""

from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.cache import SessionStore as CacheStore

from alt_portal.sessions import EncryptedMergingSession


class SessionStore(EncryptedMergingSession, CacheStore):
    def load(self):
        # No "except Exception" here, unlike Django's: a cache that cannot be
        # reached raises, and the patient sees the 503 page.
        stored = self._cache.get(self.cache_key)
        if stored is None:
            self._session_key = None
            return self._remember_loaded({})
        return self._remember_loaded(self.decode(stored))

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        if must_create:
            data = self._get_session(no_load=True)
            if not self._cache.add(
                self.cache_key, self.encode(data), self.get_expiry_age()
            ):
                raise CreateError
        else:
            stored = self._cache.get(self.cache_key)
            if stored is None:
                raise UpdateError
            # Read, merge, write: the window for a lost update shrinks from a
            # whole request to the time of this one round trip.
            data = self.merged_into(self.decode(stored))
            self._session_cache = data
            self._cache.set(self.cache_key, self.encode(data), self.get_expiry_age())
        self._remember_loaded(data)

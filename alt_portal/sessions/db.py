"""Sessions in the database, encrypted and merged on save (see __init__.py)."""

import logging
import time

from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db import DatabaseError, router, transaction
from django.utils import timezone

from alt_portal.sessions import EncryptedMergingSession

logger = logging.getLogger(__name__)

# How often each process deletes expired sessions (when it creates one).
CLEANUP_INTERVAL_SECONDS = 10 * 60
_last_cleanup = {"at": float("-inf")}


def clear_expired_now_and_then(store_class):
    now = time.monotonic()
    if now - _last_cleanup["at"] < CLEANUP_INTERVAL_SECONDS:
        return
    _last_cleanup["at"] = now
    try:
        with transaction.atomic(
            using=router.db_for_write(store_class.get_model_class())
        ):
            store_class.clear_expired()
    except DatabaseError as error:  # Never fail a patient's request for this.
        logger.warning("Could not delete expired sessions: %s", type(error).__name__)


class SessionStore(EncryptedMergingSession, DBStore):
    def load(self):
        return self._remember_loaded(super().load())

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        if must_create:
            clear_expired_now_and_then(type(self))
            super().save(must_create=True)
            self._remember_loaded(self._get_session())
            return
        model = self.model
        using = router.db_for_write(model)
        with transaction.atomic(using=using):
            row = (
                model.objects.using(using)
                .select_for_update()
                .filter(session_key=self.session_key, expire_date__gt=timezone.now())
                .first()
            )
            stored = self.decode(row.session_data) if row is not None else {}
            # Missing row: super().save() raises UpdateError, as Django's does.
            self._session_cache = self.merged_into(stored)
            super().save(must_create=False)
        self._remember_loaded(self._session_cache)

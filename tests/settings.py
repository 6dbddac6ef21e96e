"""Settings for the test suite: alt_portal.settings in debug mode (local SQLite or
DATABASE_URL, the insecure local key), as `make test` asks with DJANGO_DEBUG=true.
Tests of production settings load alt_portal/settings.py with their own variables.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from alt_portal.settings import *  # noqa: E402, F403

"""The project's own settings plus a bare view to compare pages against (make bench)."""

import os

from alt_portal.settings import *  # noqa: F403

ROOT_URLCONF = "benchsite.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]  # Outside the repository.

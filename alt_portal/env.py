"""Reading settings from environment variables, for settings.py and gunicorn.conf.py."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default):
    """Read a yes/no environment variable ("true", "1", "yes" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default, *, minimum=0, meaning=None):
    """Unset or empty gives ``default``; anything but a whole number of at least
    ``minimum`` stops start-up, naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value, 10)
    except ValueError:
        number = None
    if number is None or number < minimum:
        meaning = meaning or f"a whole number, {minimum} or more"
        raise ImproperlyConfigured(f"{name} must be {meaning}, not {value!r}.")
    return number


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)

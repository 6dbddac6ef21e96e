"""Small factories: each fills in what a test does not care about."""

import base64
from itertools import count

from django.contrib.auth.models import Group, User

from education.models import Article, Status, Tip

_numbers = count(1)

# A 1×1 pixel PNG, e.g. for the site logo.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
    "AAAABJRU5ErkJggg=="
)


def make_article(**overrides):
    number = next(_numbers)
    overrides.setdefault("kind", Article.Kind.CAUSE)
    overrides.setdefault("title", f"Cause {number}")
    overrides.setdefault("slug", f"cause-{number}")
    overrides.setdefault("summary", f"Summary of cause {number}.")
    overrides.setdefault("body", f"Body of cause {number}.")
    overrides.setdefault("status", Status.PUBLISHED)
    overrides.setdefault("order", number)
    return Article.objects.create(**overrides)


def make_tip(**overrides):
    number = next(_numbers)
    overrides.setdefault("title", f"Tip {number}")
    overrides.setdefault("body", f"Details of tip {number}.")
    overrides.setdefault("status", Status.PUBLISHED)
    overrides.setdefault("order", number)
    return Tip.objects.create(**overrides)


def make_editor(**overrides):
    """Return a staff user in the "Clinic editors" group, as a hospital sets one up."""
    overrides.setdefault("username", f"editor{next(_numbers)}")
    overrides.setdefault("is_staff", True)
    user = User.objects.create_user(**overrides)
    user.groups.add(Group.objects.get(name="Clinic editors"))
    return user

"""`make run`'s first-run admin account, and the address it prints."""

import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import clear_url_caches

import alt_portal.urls

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("create_local_admin", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def admin_path(settings):
    """Move the admin as DJANGO_ADMIN_PATH does (urls.py reads ADMIN_PATH)."""
    original = settings.ADMIN_PATH

    def move(path):
        settings.ADMIN_PATH = path
        importlib.reload(alt_portal.urls)
        clear_url_caches()

    yield move
    move(original)


def test_prints_the_default_admin_address_and_a_working_password(settings, client):
    settings.DEBUG = True
    output = run()
    assert "http://127.0.0.1:8000/admin/  user: admin  password: " in output
    password = output.split("password: ", 1)[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)


def test_prints_the_admin_address_from_django_admin_path(settings, admin_path):
    settings.DEBUG = True
    admin_path("staff-area/")
    output = run()
    assert "http://127.0.0.1:8000/staff-area/  user: admin" in output
    assert "/admin/" not in output


def test_does_nothing_when_a_superuser_exists_or_debug_is_off(settings, admin_user):
    settings.DEBUG = True
    assert run() == ""
    settings.DEBUG = False
    assert "DJANGO_DEBUG is false" in run()
    assert get_user_model().objects.count() == 1

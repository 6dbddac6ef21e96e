"""Failed admin sign-ins lock out a user name from an address (django-axes).

Every sign-in here is a real POST to the admin's login form, as a browser sends
it: django-axes only sees sign-ins that come with a request (so tests elsewhere
use force_login, which it ignores).
"""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client, RequestFactory

from alt_portal.login_protection import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-staff-password-42"
LIMIT = 5
ADDRESS_CAP = 20
USERNAME_CAP = 30


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Dozens of sign-ins per test: skip the deliberately slow password hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="nurse", password=PASSWORD, is_staff=True
    )


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, username, times, address="192.0.2.10"):
    responses = [sign_in(client, username, "wrong", address) for _ in range(times)]
    return responses[-1]


def test_settings_are_as_documented():
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 3600
    assert settings.AXES_LOCKOUT_PARAMETERS == [
        ["username", "ip_address"],
        "ip_address",
        "username",
    ]
    assert settings.LOGIN_LOCKOUT_CAPS == [LIMIT, ADDRESS_CAP, USERNAME_CAP]
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_failures_below_the_limit_show_the_login_form_again(client, staff):
    response = fail(client, "nurse", LIMIT - 1)
    assert response.status_code == HTTPStatus.OK
    assert b"Please enter the correct username and password" in response.content
    assert sign_in(client, "nurse", PASSWORD).status_code == HTTPStatus.FOUND


def test_repeated_failures_lock_out_even_the_right_password(client, staff):
    locked = fail(client, "nurse", LIMIT)
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    page = locked.content.decode()
    assert "Sign-in locked" in page
    assert "locked after 5 failed sign-in attempts" in page
    assert "try again in 60 minutes" in page
    assert locked["Retry-After"] == "3600"
    assert "unsafe-inline" not in locked["Content-Security-Policy"]

    response = sign_in(client, "nurse", PASSWORD)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session
    # Another browser from the same address fares no better.
    assert sign_in(Client(), "nurse", PASSWORD).status_code == 429


def test_axes_reset_unlocks(client, staff):
    fail(client, "nurse", LIMIT)
    assert sign_in(client, "nurse", PASSWORD).status_code == 429

    call_command("axes_reset", verbosity=0)

    response = sign_in(client, "nurse", PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_axes_reset_username_unlocks_one_user_only(client, staff, django_user_model):
    django_user_model.objects.create_user("porter", password=PASSWORD, is_staff=True)
    fail(client, "nurse", LIMIT)
    fail(client, "porter", LIMIT)

    call_command("axes_reset_username", "nurse", verbosity=0)

    assert sign_in(Client(), "nurse", PASSWORD).status_code == HTTPStatus.FOUND
    assert sign_in(Client(), "porter", PASSWORD).status_code == 429


def test_deleting_the_access_attempt_in_the_admin_unlocks(client, staff, admin_client):
    fail(client, "nurse", LIMIT)
    attempt = AccessAttempt.objects.get(username="nurse")
    url = f"/admin/axes/accessattempt/{attempt.pk}/delete/"
    assert admin_client.get("/admin/axes/accessattempt/").status_code == 200
    assert admin_client.post(url, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert sign_in(client, "nurse", PASSWORD).status_code == HTTPStatus.FOUND


def test_lockout_is_per_user_name_and_address(client, staff, django_user_model):
    django_user_model.objects.create_user("porter", password=PASSWORD, is_staff=True)
    fail(client, "nurse", LIMIT, address="192.0.2.10")
    # The same user from another address, and another user from the same
    # address, can still sign in: an attacker cannot lock the staff out.
    assert sign_in(Client(), "nurse", PASSWORD, "198.51.100.7").status_code == 302
    assert sign_in(Client(), "porter", PASSWORD, "192.0.2.10").status_code == 302


def test_a_success_clears_only_that_name_from_that_address(
    client, staff, django_user_model
):
    django_user_model.objects.create_user("porter", password=PASSWORD, is_staff=True)
    fail(Client(), "porter", LIMIT)
    assert sign_in(Client(), "nurse", PASSWORD).status_code == HTTPStatus.FOUND
    assert sign_in(Client(), "porter", PASSWORD).status_code == 429


def test_a_success_resets_the_count(client, staff):
    fail(client, "nurse", LIMIT - 1)
    assert sign_in(client, "nurse", PASSWORD).status_code == HTTPStatus.FOUND
    client.logout()
    assert fail(Client(), "nurse", LIMIT - 1).status_code == HTTPStatus.OK


def test_unknown_user_names_are_locked_out_too(client):
    assert fail(client, "guess", LIMIT).status_code == 429


# Caps across user names and addresses (2026-11 probe, finding 7) -------------


def test_many_user_names_from_one_address_are_locked_out(client, staff):
    """The probe: 48 guesses across 12 user names from one address, never locked."""
    names = [f"guess{number}" for number in range(ADDRESS_CAP)]
    for name in names[:-1]:
        assert fail(client, name, 1).status_code == HTTPStatus.OK
    assert fail(client, names[-1], 1).status_code == 429  # The 20th failure.
    # Even the right password is refused from there now.
    assert sign_in(Client(), "nurse", PASSWORD).status_code == 429
    # From elsewhere, the staff member signs in as usual.
    assert sign_in(Client(), "nurse", PASSWORD, "198.51.100.7").status_code == 302


def test_one_user_name_from_many_addresses_is_locked_out(client, staff):
    addresses = [f"203.0.113.{number}" for number in range(1, USERNAME_CAP + 1)]
    for address in addresses[:-1]:
        assert fail(Client(), "nurse", 1, address).status_code == HTTPStatus.OK
    assert fail(Client(), "nurse", 1, addresses[-1]).status_code == 429
    assert sign_in(Client(), "nurse", PASSWORD, "198.51.100.7").status_code == 429
    # Other staff are not affected.
    assert sign_in(Client(), "porter", "wrong", "198.51.100.7").status_code == 200


def test_each_address_in_an_ipv6_64_counts_as_one(client, staff):
    for number in range(1, LIMIT + 1):
        fail(Client(), "nurse", 1, f"2001:db8:1:2::{number:x}")
    assert sign_in(Client(), "nurse", PASSWORD, "2001:db8:1:2::99").status_code == 429
    assert sign_in(Client(), "nurse", PASSWORD, "2001:db8:1:3::1").status_code == 302


# Which address is counted ----------------------------------------------------


def request_from(remote_addr, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("192.0.2.10", "203.0.113.9")) == "192.0.2.10"


def test_behind_one_proxy_its_entry_is_used_not_the_clients_own(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the
    # address it saw, 203.0.113.9.
    request = request_from("10.0.0.2", "6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2")
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.parametrize("forwarded_for", [None, "", "not-an-address"])
def test_a_missing_or_bad_forwarded_header_falls_back_to_the_peer(
    settings, forwarded_for
):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2", forwarded_for)) == "10.0.0.2"


def test_lockout_behind_a_proxy_counts_the_real_client(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(LIMIT):
        client.post(
            LOGIN,
            {"username": "nurse", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            headers={"X-Forwarded-For": "203.0.113.9"},
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    other_client = Client().post(
        LOGIN,
        {"username": "nurse", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert other_client.status_code == HTTPStatus.FOUND

"""Site settings: one object staff edit in the admin, seen by patients at once."""

import hashlib
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import RequestFactory
from django.urls import translate_url
from django.utils import translation
from reversion.models import Version

from education.models import translated_languages
from portal.context_processors import site as site_context
from portal.models import LOGO_MAX_BYTES, SiteSettings
from questionnaire import rules
from tests.factories import PNG, make_editor
from tests.questionnaire.answers import RESULT, answer, answer_all

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/portal/sitesettings/1/change/"
JPEG_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def form_data(**changes):
    """Return the admin form's POST data for the current settings, with changes."""
    site = SiteSettings.load()
    names = site.hospital_name_translations
    return {
        **{
            name: getattr(site, name)
            for name in SiteSettings.EDITABLE_FIELDS
            if name != "hospital_name_translations"
        },
        # One field per language, e.g. "hospital_name_zh_hans".
        **{
            "hospital_name_" + code.replace("-", "_"): names.get(code, "")
            for code, _name in translated_languages()
        },
        **changes,
    }


def save_in_admin(client, **changes):
    response = client.post(CHANGE_URL, form_data(**changes))
    assert response.status_code == HTTPStatus.FOUND, response.context[
        "adminform"
    ].form.errors
    return response


def admin_errors(client, **changes):
    response = client.post(CHANGE_URL, form_data(**changes))
    assert response.status_code == HTTPStatus.OK
    return response.context["adminform"].form.errors


def upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# The one settings object -------------------------------------------------------


def test_migrate_created_the_settings_row():
    assert SiteSettings.objects.count() == 1
    site = SiteSettings.load()
    assert site.pk == SiteSettings.SINGLETON_ID
    # The clinical defaults start at rules.py's (ACG 2017) values.
    assert site.default_upper_limits == dict(rules.DEFAULT_UPPER_LIMITS_U_PER_L)


def test_load_creates_the_row_from_the_environment_defaults_once(settings):
    SiteSettings.objects.all().delete()
    settings.PORTAL_HOSPITAL_NAME = "St Env's Hospital"
    settings.PORTAL_EMERGENCY_NUMBER = "112"
    settings.PORTAL_CONTACT_PHONE = "01234 567890"
    settings.PORTAL_DRINK_COUNTRY = "uk"

    site = SiteSettings.load()
    assert SiteSettings.objects.count() == 1
    site.refresh_from_db()
    assert site.hospital_name == "St Env's Hospital"
    assert site.emergency_number == "112"
    assert site.contact_phone == "01234 567890"
    assert site.standard_drink_country == rules.DrinkCountry.UK

    # Later changes to the environment no longer matter: the row is the source.
    settings.PORTAL_HOSPITAL_NAME = "Changed"
    assert SiteSettings.load().hospital_name == "St Env's Hospital"
    assert SiteSettings.objects.count() == 1


def test_there_is_only_ever_one_row():
    SiteSettings(hospital_name="Another").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().hospital_name == "Another"
    with pytest.raises(IntegrityError):
        SiteSettings.objects.bulk_create([SiteSettings(id=2)])


# Admin -------------------------------------------------------------------------


def test_clinic_editors_can_view_and_change_but_not_add_or_delete(editor_client):
    changelist = editor_client.get("/admin/portal/sitesettings/")
    assert changelist.status_code == HTTPStatus.FOUND
    assert changelist["Location"] == CHANGE_URL

    page = editor_client.get(CHANGE_URL)
    assert page.status_code == HTTPStatus.OK
    content = page.content.decode()
    assert "Kwo et al., Am J Gastroenterol 2017" in content
    assert "Allowed: 10 to 100 U/L." in content
    assert "/delete/" not in content
    assert "_addanother" not in content

    add = editor_client.get("/admin/portal/sitesettings/add/")
    assert add.status_code == HTTPStatus.FORBIDDEN
    delete = editor_client.get("/admin/portal/sitesettings/1/delete/")
    assert delete.status_code == HTTPStatus.FORBIDDEN


def test_staff_without_permission_cannot_see_site_settings(client):
    client.force_login(User.objects.create_user("clerk", is_staff=True))
    response = client.get("/admin/portal/sitesettings/")
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_admin_changes_are_kept_in_history_and_can_be_reverted(editor_client):
    save_in_admin(editor_client, hospital_name="First Name Hospital")
    save_in_admin(editor_client, hospital_name="Second Name Hospital")
    site = SiteSettings.load()
    versions = Version.objects.get_for_object(site)
    assert versions.count() == 2
    history = editor_client.get("/admin/portal/sitesettings/1/history/")
    assert history.status_code == HTTPStatus.OK

    first = versions[1]  # newest first
    revert_url = f"/admin/portal/sitesettings/1/history/{first.pk}/"
    assert editor_client.get(revert_url).status_code == HTTPStatus.OK
    response = editor_client.post(
        revert_url, form_data(hospital_name="First Name Hospital")
    )
    assert response.status_code == HTTPStatus.FOUND
    assert SiteSettings.load().hospital_name == "First Name Hospital"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"booking_url": "http://book.example.org/"},
            "booking_url",
            "starts with https://",
        ),
        ({"contact_phone": "call reception"}, "contact_phone", "as people dial it"),
        ({"emergency_number": "999; drop"}, "emergency_number", "as people dial it"),
        ({"default_upper_limit_male": "5"}, "default_upper_limit_male", "at least 10"),
        (
            {"default_upper_limit_female": "150"},
            "default_upper_limit_female",
            "at most 100",
        ),
        ({"hospital_name": ""}, "hospital_name", "This field is required"),
    ],
)
def test_admin_rejects_implausible_values_with_clear_messages(
    editor_client, changes, field, message
):
    errors = admin_errors(editor_client, **changes)
    assert message in " ".join(errors[field])


# The hospital name in other languages -------------------------------------------


def test_the_admin_has_a_hospital_name_field_per_other_language(editor_client):
    content = editor_client.get(CHANGE_URL).content.decode()
    assert "Hospital name in 简体中文" in content
    assert 'name="hospital_name_zh_hans"' in content
    # Not the stored mapping as raw JSON, and no field for the main language.
    assert 'name="hospital_name_translations"' not in content
    assert 'name="hospital_name_en"' not in content


def test_a_chinese_hospital_name_is_saved_with_history_and_audit(editor_client):
    save_in_admin(editor_client, hospital_name_zh_hans=" 示例医院 ")
    site = SiteSettings.load()
    assert site.hospital_name_translations == {"zh-hans": "示例医院"}
    version = Version.objects.get_for_object(site).get()
    assert version.field_dict["hospital_name_translations"] == {"zh-hans": "示例医院"}
    entry = LogEntry.objects.get(object_id="1")
    assert "Hospital name in 简体中文" in entry.get_change_message()

    # Emptied: the language shows the main name again.
    save_in_admin(editor_client, hospital_name_zh_hans="")
    assert SiteSettings.load().hospital_name_translations == {}
    history = editor_client.get("/admin/portal/sitesettings/1/history/")
    assert history.status_code == HTTPStatus.OK
    older, newer = Version.objects.get_for_object(site).order_by("pk")
    compare = editor_client.get(
        "/admin/portal/sitesettings/1/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert compare.status_code == HTTPStatus.OK
    assert "示例医院" in compare.content.decode()


def test_reverting_shows_the_chinese_name_of_that_version(editor_client):
    save_in_admin(editor_client, hospital_name_zh_hans="第一医院")
    save_in_admin(editor_client, hospital_name_zh_hans="第二医院")
    first = Version.objects.get_for_object(SiteSettings.load()).order_by("pk")[0]
    page = editor_client.get(f"/admin/portal/sitesettings/1/history/{first.pk}/")
    assert 'name="hospital_name_zh_hans" value="第一医院"' in page.content.decode()
    response = editor_client.post(
        f"/admin/portal/sitesettings/1/history/{first.pk}/",
        form_data(hospital_name_zh_hans="第一医院"),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert SiteSettings.load().hospital_name_translations == {"zh-hans": "第一医院"}


def test_a_too_long_chinese_hospital_name_is_refused(editor_client):
    errors = admin_errors(editor_client, hospital_name_zh_hans="医" * 121)
    assert "at most 120 characters" in " ".join(errors["hospital_name_zh_hans"])
    assert SiteSettings.load().hospital_name_translations == {}


def test_a_name_for_a_language_the_site_no_longer_has_is_kept(editor_client):
    site = SiteSettings.load()
    site.hospital_name_translations = {"zh-hans": "示例医院", "fr": "Hôpital"}
    site.save()
    save_in_admin(editor_client, hospital_name_zh_hans="新名字医院")
    assert SiteSettings.load().hospital_name_translations == {
        "zh-hans": "新名字医院",
        "fr": "Hôpital",
    }


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ({"fr": "Hôpital"}, "“fr” is not one of this site's other languages"),
        ({"en": "Main"}, "“en” is not one of this site's other languages"),
        ({"zh-hans": ""}, "must be text"),
        ({"zh-hans": 5}, "must be text"),
        ({"zh-hans": "a\x00b"}, "NUL character"),
        ({"zh-hans": "医" * 121}, "has 121 characters; it may have at most 120"),
        (["示例医院"], "Give the names as"),
    ],
)
def test_the_stored_names_are_validated(names, message):
    site = SiteSettings.load()
    site.hospital_name_translations = names
    with pytest.raises(ValidationError, match=message):
        site.full_clean()


def test_the_context_gives_the_name_in_the_active_language():
    site = SiteSettings.load()
    site.hospital_name = "St Example's Hospital"
    site.hospital_name_translations = {"zh-hans": "示例医院"}
    site.save()
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        assert str(site_context(request)["hospital_name"]) == "示例医院"
    with translation.override("en"):
        assert str(site_context(request)["hospital_name"]) == "St Example's Hospital"
    assert site.hospital_name_in("zh-hans") == "示例医院"
    # No name in a language: the main name.
    site.hospital_name_translations = {}
    assert site.hospital_name_in("zh-hans") == "St Example's Hospital"


def test_chinese_pages_show_the_chinese_hospital_name(editor_client, client):
    save_in_admin(
        editor_client,
        hospital_name="St Example's Hospital",
        hospital_name_zh_hans="示例医院",
    )
    # /zh-hans/ once the language prefix exists; before it, the browser's language.
    chinese_home = translate_url("/", "zh-hans")
    content = client.get(
        chinese_home, headers={"accept-language": "zh-hans"}
    ).content.decode()
    assert "– 示例医院</title>" in content
    assert "St Example" not in content
    english = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "– St Example&#x27;s Hospital</title>" in english
    assert "示例医院" not in english


# Patient pages -----------------------------------------------------------------


def test_admin_edit_shows_on_patient_pages_at_once(editor_client, client):
    save_in_admin(editor_client, hospital_name="St Example's Hospital")
    content = client.get("/").content.decode()
    assert "St Example&#x27;s Hospital" in content
    assert "<title>" in content and "– St Example&#x27;s Hospital</title>" in content


def test_a_saved_change_replaces_pages_already_kept(client):
    """Pages are kept until the settings change (other servers: tests/ops)."""
    client.get("/")
    site = SiteSettings.load()
    site.hospital_name = "Changed Elsewhere Hospital"
    site.save()
    assert b"Changed Elsewhere Hospital" in client.get("/").content


def test_contact_phone_shows_on_the_result_page(editor_client, client):
    save_in_admin(editor_client, contact_phone="01234 567890")
    answer_all(client)
    content = client.get(RESULT).content.decode()
    assert 'href="tel:01234 567890"' in content


def test_emergency_number_shows_on_urgent_advice(editor_client, client):
    save_in_admin(editor_client, emergency_number="112")
    answer(client, "warning-signs", warning_signs=["confusion-or-sleepiness"])
    assert b'href="tel:112"' in client.get("/check/urgent/").content


def test_default_upper_limit_sets_the_multiple_without_a_lab_limit(
    editor_client, client
):
    no_lab_limit = {"test-result": {"lab_upper_limit": "", "sex": "male"}}
    answer_all(client, **no_lab_limit)
    content = client.get(RESULT).content.decode()
    # 99 / 33 (the ACG limit for men).
    assert "about 3 times the upper limit" in content
    assert "American College of Gastroenterology" in content

    save_in_admin(editor_client, default_upper_limit_male="45")
    content = client.get(RESULT).content.decode()
    # 99 / 45 = 2.2.
    assert "about 2.2 times the upper limit" in content
    assert "45 U/L, the usual upper limit for men set by your clinic" in content


def test_default_upper_limit_does_not_override_the_lab_limit(editor_client, client):
    save_in_admin(editor_client, default_upper_limit_male="45")
    answer_all(client)  # The lab's limit, 33, is given.
    assert b"about 3 times the upper limit" in client.get(RESULT).content


@pytest.mark.parametrize(
    ("country", "text"),
    [
        ("uk", "In the UK, drinks are counted in units."),
        ("us", "One standard drink has 14 grams of alcohol"),
        ("international", "One standard drink has about 10 grams of alcohol"),
        ("cn", "one standard drink means 10 grams of pure alcohol"),
    ],
)
def test_drink_country_changes_the_standard_drink_text(
    editor_client, client, country, text
):
    save_in_admin(editor_client, drink_country=country)
    answer(client, "warning-signs")
    answer(client, "test-result")
    answer(client, "sleep-and-exertion")
    content = client.get("/check/alcohol/").content.decode()
    assert text in content
    uk_question = "how many units do you usually have?"
    assert (uk_question in content) == (country == "uk")


def test_drink_country_changes_the_alcohol_score_cut_off(editor_client, client):
    # AUDIT-C 4 + 1 + 0 = 5: positive for men in the US; the UK cut-off is also 5.
    alcohol = {
        "alcohol": {
            "audit_c_frequency": "4",
            "audit_c_typical_drinks": "1",
            "audit_c_binge": "0",
        },
        "test-result": {"sex": "female"},
    }
    save_in_admin(editor_client, drink_country="uk")
    answer_all(client, **alcohol)
    assert b"A score of 5 or more" in client.get(RESULT).content
    save_in_admin(editor_client, drink_country="us")
    assert b"A score of 3 or more" in client.get(RESULT).content


def test_booking_link_shows_on_the_result_when_set(editor_client, client):
    answer_all(client)
    assert b"Book an appointment</a>" not in client.get(RESULT).content

    save_in_admin(editor_client, booking_url="https://book.example-hospital.org/alt")
    content = client.get(RESULT).content.decode()
    assert (
        '<a class="btn btn-primary" href="https://book.example-hospital.org/alt">'
        "Book an appointment</a>"
    ) in content


def test_booking_link_is_not_offered_when_the_advice_is_today(editor_client, client):
    save_in_admin(editor_client, booking_url="https://book.example-hospital.org/alt")
    answer_all(client, **{"warning-signs": {"warning_signs": ["jaundice"]}})
    content = client.get(RESULT).content.decode()
    assert "See a doctor today" in content
    assert "book.example-hospital.org" not in content


# Logo --------------------------------------------------------------------------


def test_logo_upload_is_served_from_the_database_and_shown_in_the_header(
    editor_client, client
):
    assert client.get("/site-logo/").status_code == HTTPStatus.NOT_FOUND
    save_in_admin(editor_client, logo_upload=upload("logo.png", PNG))
    site = SiteSettings.load()
    assert site.logo_content_type == "image/png"
    assert site.logo_sha256 == hashlib.sha256(PNG).hexdigest()

    home = client.get("/").content.decode()
    assert site.logo_url.startswith("/site-logo/?v=")
    # Beside the name, so the image itself has empty alt text.
    assert f'<img class="site-header__logo" src="{site.logo_url}" alt=""' in home

    response = client.get(site.logo_url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/png"
    assert response.content == PNG
    assert "immutable" in response["Cache-Control"]
    assert response["ETag"] == f'"{site.logo_sha256}"'
    assert "default-src 'none'" in response["Content-Security-Policy"]

    unversioned = client.get("/site-logo/")
    assert "no-cache" in unversioned["Cache-Control"]
    again = client.get("/site-logo/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_a_new_logo_gets_a_new_address(editor_client):
    save_in_admin(editor_client, logo_upload=upload("logo.png", PNG))
    first = SiteSettings.load().logo_url
    jpeg = JPEG_START + b"\x00" * 100
    save_in_admin(
        editor_client, logo_upload=upload("logo.jpg", jpeg, content_type="image/jpeg")
    )
    site = SiteSettings.load()
    assert site.logo_url != first
    assert site.logo_content_type == "image/jpeg"


def test_logo_can_be_removed(editor_client, client):
    save_in_admin(editor_client, logo_upload=upload("logo.png", PNG))
    save_in_admin(editor_client, remove_logo="on")
    assert not SiteSettings.load().has_logo
    assert b"site-header__logo" not in client.get("/").content
    assert client.get("/site-logo/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.svg", SVG, "Choose a PNG or JPEG image"),
        # The type comes from the content, never the name or the browser's claim.
        ("logo.png", b"<html>not an image</html>", "Choose a PNG or JPEG image"),
        ("logo.png", PNG + b"\x00" * LOGO_MAX_BYTES, "kB or less"),
    ],
)
def test_logo_upload_is_checked_with_a_clear_message(
    editor_client, name, data, message
):
    errors = admin_errors(editor_client, logo_upload=upload(name, data))
    assert message in " ".join(errors["logo_upload"])
    assert not SiteSettings.load().has_logo


def test_logo_upload_and_remove_together_is_refused(editor_client):
    errors = admin_errors(
        editor_client, logo_upload=upload("logo.png", PNG), remove_logo="on"
    )
    assert "not both" in " ".join(errors["__all__"])


def test_pages_read_the_settings_once_per_request(client, django_assert_num_queries):
    SiteSettings.load()
    # The start page shows the hospital name (header, title, footer): one query.
    with django_assert_num_queries(1):
        client.get("/check/")


def test_default_upper_limits_mapping_is_what_rules_expect():
    site = SiteSettings.load()
    site.default_upper_limit_female = Decimal("30.5")
    assert site.default_upper_limits[rules.Sex.FEMALE] == Decimal("30.5")
    assert set(site.default_upper_limits) == set(rules.Sex)

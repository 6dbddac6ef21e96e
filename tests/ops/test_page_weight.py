"""The home page's first load: small, and all from the site itself (issue 12).

A patient on a slow phone downloads the page and everything it links before it
shows. With the starter content, production's static storage (collectstatic with
whitenoise's CompressedManifestStaticFilesStorage, which writes a Brotli copy of
each file) and the page's HTML compressed with Brotli too, that first load stays
under 40 kB, in every language. A size check, not a timing test: the same
content and code always give the same bytes.

The HTML itself is compressed only if the proxy in front of gunicorn does it
(gunicorn and Django do not); the CSS and favicon are served as .br by whitenoise.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import brotli
import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import override_settings

from education.seeding import load_seed

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 40_000


class LinkedFiles(HTMLParser):
    """Every address the page makes the browser fetch: stylesheets, icons,
    preloads, scripts, images and media."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel", "").lower() in {
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
            "apple-touch-icon",
            "manifest",
        }:
            self.urls.append(attrs["href"])
        elif tag in {"script", "img", "source", "audio", "video", "iframe", "embed"}:
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.split()[0])


def production_storage(static_root):
    return {
        "STATIC_ROOT": static_root,
        "STORAGES": {
            **django_settings.STORAGES,
            "staticfiles": {
                "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
            },
        },
    }


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """collectstatic once, into a temporary folder, with production's storage."""
    static_root = tmp_path_factory.mktemp("static")
    with override_settings(**production_storage(static_root)):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture
def production_static(settings, collected_static):
    for name, value in production_storage(collected_static).items():
        setattr(settings, name, value)
    settings.DEBUG = False  # Hashed names in the page, as in production.
    return collected_static


def first_load(client, path, static_root):
    """Return {what: Brotli bytes} for a page and every file it links."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.content
    parser = LinkedFiles()
    parser.feed(html.decode())
    sizes = {path: len(brotli.compress(html))}
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{path} fetches {url}"
        assert parts.path.startswith(staticfiles_storage.base_url), (path, url)
        name = parts.path.removeprefix(staticfiles_storage.base_url)
        compressed = static_root / (name + ".br")
        # Whitenoise keeps a .br copy only when it is smaller (not for images).
        served = compressed if compressed.exists() else static_root / name
        sizes[name] = served.stat().st_size
    return sizes


@pytest.mark.parametrize("path", ["/", "/zh-hans/"])
def test_home_page_first_load_is_under_40_kb_with_brotli(
    client, production_static, path
):
    summary = load_seed()
    assert summary.skipped == []
    sizes = first_load(client, path, production_static)
    # The page links its stylesheets and icon, and none is left uncompressed.
    assert any(name.endswith(".css") for name in sizes), sizes
    assert all(
        (production_static / (name + ".br")).exists()
        for name in sizes
        if re.search(r"\.(css|js|svg)$", name)
    ), sizes
    total = sum(sizes.values())
    print(f"{path}: {total} bytes with Brotli: {sizes}")
    assert total < BUDGET_BYTES, f"{total} bytes: {sizes}"

"""The home page's first load: small, and all from the site itself (issue 12).

A patient on a slow phone downloads the page and everything it links before it
shows. With the starter content and production's static storage (collectstatic
with whitenoise's CompressedManifestStaticFilesStorage, which keeps a Brotli copy
of each text file), the page's HTML compressed with Brotli plus every file it
links as whitenoise sends it to a browser that accepts Brotli stays under 40 kB,
in every language. A size check, not a timing test: the same content and code
always give the same bytes.

Neither gunicorn nor Django compresses the HTML: the proxy in front does, if
configured to. Sent uncompressed, the home page adds about 5 kB, and each
response's headers (CSP and the rest) about 1 kB more; Lighthouse's "bytes moved"
(`make lighthouse`) counts both.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import brotli
import pytest
from django.conf import settings as django_settings
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


def first_load(client, path):
    """Return {address: bytes} for a page (its HTML compressed with Brotli) and
    every file it links, each as whitenoise serves it to a browser that accepts
    Brotli."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.content
    parser = LinkedFiles()
    parser.feed(html.decode())
    sizes = {path: len(brotli.compress(html))}
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{path} fetches {url}"
        assert parts.path.startswith(django_settings.STATIC_URL), (path, url)
        linked = client.get(parts.path, headers={"Accept-Encoding": "br, gzip"})
        assert linked.status_code == 200, url
        if re.search(r"\.(css|js|svg)$", parts.path):
            assert linked.headers.get("Content-Encoding") == "br", url
        sizes[parts.path] = len(b"".join(linked.streaming_content))
    return sizes


@pytest.mark.parametrize("path", ["/", "/zh-hans/"])
def test_home_page_first_load_is_under_40_kb_with_brotli(
    client, production_static, path
):
    summary = load_seed()
    assert summary.skipped == []
    sizes = first_load(client, path)
    assert any(url.endswith(".css") for url in sizes), sizes
    total = sum(sizes.values())
    assert total < BUDGET_BYTES, f"{total} bytes: {sizes}"

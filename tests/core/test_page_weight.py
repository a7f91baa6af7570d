"""Members reach the portal over thin, shared links: every page type stays within its weight.

Budgets (issue 9): at most 150 KB transferred on a first visit (the page and every asset it
links), at most 30 KB on a repeat visit, with at most 5 requests that go back to the server.
Static files are served as in production (hashed names, WhiteNoise, compressed), so what is
measured here is what a browser would transfer.
"""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.pages import demo_user, page_types

FIRST_VISIT_BUDGET = 150 * 1024
REPEAT_VISIT_BUDGET = 30 * 1024
REPEAT_VISIT_REQUESTS = 5
# What a request and its response's headers cost on the wire, roughly.
HEADERS = 400
ACCEPT = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(scope="module")
def production_static_files(tmp_path_factory):
    """collectstatic with the production storage, then WhiteNoise serving from there."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "gtr_portal.core.storage.HashedStaticStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages, WHITENOISE_AUTOREFRESH=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


class _Assets(HTMLParser):
    """The URLs a browser fetches to show a page: style sheets, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def _body(response) -> bytes:
    if response.streaming:
        body = b"".join(response.streaming_content)
        for close in response._resource_closers:
            close()
        response._resource_closers.clear()
        return body
    return response.content


def _may_reuse_without_asking(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    match = re.search(r"max-age=(\d+)", cache_control)
    return bool(match) and int(match.group(1)) > 0 and "no-cache" not in cache_control


def _visit(client: Client, path: str) -> dict:
    """Transfer of a first and of a repeat visit to `path`, as a browser with a cache sees it."""
    page = client.get(path, **ACCEPT)
    assert page.status_code == 200, (path, page.status_code)
    html = _body(page)
    parser = _Assets()
    parser.feed(gzip.decompress(html).decode() if page.get("Content-Encoding") else html.decode())
    first = len(html) + HEADERS
    repeat, repeat_requests = len(html) + HEADERS, 1
    for url in dict.fromkeys(parser.urls):
        if urlsplit(url).netloc:
            pytest.fail(f"{path} loads {url} from another host")
        asset = client.get(url, **ACCEPT)
        assert asset.status_code == 200, (path, url, asset.status_code)
        first += len(_body(asset)) + HEADERS
        if not _may_reuse_without_asking(asset):
            validators = {}
            if asset.get("ETag"):
                validators["HTTP_IF_NONE_MATCH"] = asset["ETag"]
            if asset.get("Last-Modified"):
                validators["HTTP_IF_MODIFIED_SINCE"] = asset["Last-Modified"]
            again = client.get(url, **ACCEPT, **validators)
            repeat += len(_body(again)) + HEADERS
            repeat_requests += 1
    return {"first": first, "repeat": repeat, "repeat_requests": repeat_requests}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_fits_the_slow_link_budget(
    production_static_files, demo_portal, db, language
):
    over_budget = []
    for page in page_types():
        client = Client()
        if (user := demo_user(page.role)) is not None:
            client.force_login(user)
        weight = _visit(client, page.path(language, demo_portal))
        print(f"{language} {page.name:24} {weight}")  # the measures, with pytest -s
        if (
            weight["first"] > FIRST_VISIT_BUDGET
            or weight["repeat"] > REPEAT_VISIT_BUDGET
            or weight["repeat_requests"] > REPEAT_VISIT_REQUESTS
        ):
            over_budget.append((page.name, weight))
    assert over_budget == []


def test_pages_are_compressed_for_browsers_that_ask(demo_portal, db):
    response = Client().get("/fr/members/", **ACCEPT)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) * 3 < len(gzip.decompress(response.content))


def test_pages_are_sent_plain_to_browsers_that_do_not_ask(demo_portal, db):
    response = Client().get("/fr/members/")
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_static_files_carry_their_hash_and_are_cached_for_a_year(production_static_files, db):
    from django.templatetags.static import static

    url = static("css/portal.css")
    assert re.search(r"portal\.[0-9a-f]{12}\.css$", url)
    response = Client().get(url, **ACCEPT)
    assert "immutable" in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 365 * 86400
    assert response["Content-Encoding"] in ("gzip", "br")
    _body(response)


def test_downloads_of_images_and_pdfs_are_not_compressed_again(demo_portal, db):
    image = demo_portal["practice"].images.first()
    response = Client().get(image.card_url(), **ACCEPT)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    _body(response)

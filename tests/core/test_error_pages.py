"""Error pages (400, 403, 404, 405, 500, 503, an expired form) speak the
person's language, carry Haven's layout with the quick exit, fit a phone, and
reveal nothing: not the address, not the error, not whether something exists.

This module is also the urlconf of its tests: a few views that fail on
purpose, in front of all of Haven's own URLs, with Haven's own handlers.
"""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import get_resolver, include, path, reverse
from django.utils.functional import SimpleLazyObject

from haven.core import errors
from haven.journal import services as journal
from haven.urls import handler400, handler403, handler404, handler500  # noqa: F401
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CANARY = "canary-error-page-5e1d"


def _bad_request(request):
    raise SuspiciousOperation(f"bad header {CANARY}")


def _forbidden(request):
    raise PermissionDenied(f"not yours {CANARY}")


def _broken(request):
    raise RuntimeError(f"a bug near {CANARY}")


def _database_away(request):
    raise OperationalError(f"could not store the row {CANARY}")


def _own_405(request):
    return HttpResponse("a body of its own", status=405)


urlpatterns = [
    path(f"fail/400/{CANARY}/", _bad_request),
    path(f"fail/403/{CANARY}/", _forbidden),
    path(f"fail/500/{CANARY}/", _broken),
    path("fail/503/", _database_away),
    path("fail/own-405/", _own_405),
    path("", include("haven.urls")),
]

URLS = {
    400: f"/fail/400/{CANARY}/",
    403: f"/fail/403/{CANARY}/",
    404: f"/no-such-page/{CANARY}/",
    405: "/exit/",  # the quick exit only takes POST
    500: f"/fail/500/{CANARY}/",
    503: "/fail/503/",  # the database-away page links back to its own address
}
HEADINGS = {  # (English, Dutch)
    400: ("Something got mixed up", "Er ging iets door elkaar"),
    403: ("This is not available", "Dit is niet beschikbaar"),
    404: ("There is nothing here", "Hier is niets te vinden"),
    405: ("This cannot be opened this way", "Dit kun je zo niet openen"),
    500: ("Something went wrong on our side", "Er ging bij ons iets mis"),
    503: ("Haven can't reach its database right now", "Haven kan zijn database nu niet bereiken"),
}
QUICK_EXIT = {"en": "Quick exit", "nl": "Snel weg"}
HOME_LINK = {"en": "Go to the start page", "nl": "Naar de startpagina"}


@pytest.fixture(autouse=True)
def _failing_views(settings):
    settings.ROOT_URLCONF = __name__


def _anonymous(**headers) -> Client:
    return Client(raise_request_exception=False, **headers)


def _logged_in(language: str, **headers) -> Client:
    client = Client(raise_request_exception=False, **headers)
    client.force_login(make_user(f"{language}@example.org", "Noor", language=language))
    return client


def _language_cookie() -> Client:
    client = _anonymous()
    client.cookies["haven_language"] = "nl"
    return client


VISITORS = {
    # name: (how to make the client, the language the page must be in)
    "anonymous-english": (lambda: _anonymous(), "en"),
    "anonymous-browser-dutch": (lambda: _anonymous(HTTP_ACCEPT_LANGUAGE="nl"), "nl"),
    "anonymous-cookie-dutch": (_language_cookie, "nl"),
    "profile-dutch-browser-english": (
        lambda: _logged_in("nl", HTTP_ACCEPT_LANGUAGE="en"),
        "nl",
    ),
    "profile-english-browser-dutch": (
        lambda: _logged_in("en", HTTP_ACCEPT_LANGUAGE="nl"),
        "en",
    ),
}


def _assert_haven_error_page(page: str, status: int, language: str) -> None:
    text = html.unescape(page)
    english, dutch = HEADINGS[status]
    wanted, other = (dutch, english) if language == "nl" else (english, dutch)
    assert f"<h1>{wanted}</h1>" in text
    assert other not in text
    assert f'<html lang="{language}">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert f'action="{reverse("quick_exit")}" id="quick-exit"' in page
    assert QUICK_EXIT[language] in text
    assert f'href="{reverse("home")}">{HOME_LINK[language]}</a>' in text
    assert CANARY not in page
    assert "Traceback" not in page


@pytest.mark.parametrize("status", sorted(URLS))
@pytest.mark.parametrize("visitor", sorted(VISITORS))
def test_error_page_is_in_the_persons_language_with_the_quick_exit(status, visitor):
    make_client, language = VISITORS[visitor]
    response = make_client().get(URLS[status])
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    _assert_haven_error_page(response.content.decode(), status, language)


def test_405_keeps_the_allow_header():
    for url in (reverse("quick_exit"), reverse("language")):
        response = _anonymous(HTTP_ACCEPT_LANGUAGE="nl").get(url)
        assert response.status_code == 405
        assert response["Allow"] == "POST"
        _assert_haven_error_page(response.content.decode(), 405, "nl")


def test_a_405_with_its_own_body_is_left_alone():
    response = _anonymous().get("/fail/own-405/")
    assert response.status_code == 405
    assert response.content == b"a body of its own"


def test_partners_private_item_and_a_missing_item_get_the_same_404(client_a, client_b, cast):
    item = journal.create_reflection(
        author=cast.partner_a, title=f"Private {CANARY}", body=f"Only Anna {CANARY}"
    )
    own = client_a.get(reverse("journal:detail", kwargs={"pk": item.pk}))
    assert own.status_code == 200 and CANARY in own.content.decode()
    hidden = client_b.get(reverse("journal:detail", kwargs={"pk": item.pk}))
    missing = client_b.get(reverse("journal:detail", kwargs={"pk": item.pk + 1000}))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert CANARY not in hidden.content.decode()
    assert "Reflection" not in hidden.content.decode()  # not even the kind of thing


def test_the_generic_503_page_shares_the_layout():
    request = RequestFactory().get(f"/somewhere/{CANARY}/", HTTP_ACCEPT_LANGUAGE="nl")
    page = errors.render_error(request, "503.html")
    assert "<h1>Haven kan nu even niet antwoorden</h1>" in page
    assert 'id="quick-exit"' in page and "Snel weg" in page
    assert 'name="viewport"' in page
    assert CANARY not in page


def test_the_expired_form_page_has_the_same_look(solo_user):
    solo_user.profile.language = "nl"
    solo_user.profile.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(solo_user)
    response = client.post(reverse("language"), {"language": "en"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 403
    assert "<h1>Deze pagina was verlopen</h1>" in page
    assert 'id="quick-exit"' in page and "Snel weg" in page
    assert 'name="viewport"' in page
    assert "Naar de startpagina" in page


def _handler500():
    """The 500 handler Haven configures, as Django finds it."""
    return get_resolver().resolve_error_handler(500)


def _unreadable(what: str) -> SimpleLazyObject:
    def fail():
        raise AssertionError(f"the 500 page read the {what}")

    return SimpleLazyObject(fail)


def test_the_500_page_never_asks_the_database(django_assert_num_queries):
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="nl")
    request.user = _unreadable("user")
    request.session = _unreadable("session")
    with django_assert_num_queries(0):
        response = _handler500()(request)
    assert response.status_code == 500
    _assert_haven_error_page(response.content.decode(), 500, "nl")


def test_the_500_page_still_answers_when_its_template_fails(monkeypatch):
    def broken_template(*args, **kwargs):
        raise RuntimeError(f"template engine down {CANARY}")

    monkeypatch.setattr(errors, "render_to_string", broken_template)
    request = RequestFactory().get(f"/{CANARY}/", HTTP_ACCEPT_LANGUAGE="nl")
    response = _handler500()(request)
    page = html.unescape(response.content.decode())
    assert response.status_code == 500
    assert "<h1>Er ging bij ons iets mis</h1>" in page
    assert '<html lang="nl">' in page
    assert f'action="{reverse("quick_exit")}"' in page and "Snel weg" in page
    assert 'name="viewport"' in page
    assert CANARY not in page

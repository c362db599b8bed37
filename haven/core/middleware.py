import logging
import sys

from csp.utils import build_policy
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control

from haven.core.errors import render_error


class PrivateContentMiddleware:
    """Pages are never stored by the browser or a proxy.

    Every page Haven renders may carry something private, and a person may
    share a device with the partner they need to keep it from, so Back after
    leaving must not show a cached page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response


class MethodNotAllowedPageMiddleware:
    """A refused method (405) shows Haven's page instead of an empty one.

    require_POST and friends answer with an empty HttpResponseNotAllowed; this
    fills in templates/405.html in the person's language (so it sits below
    ProfileLanguageMiddleware) and keeps the Allow header. A 405 that already
    has a body is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            response.content = render_error(request, "405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


# --- When the database cannot be reached ------------------------------------------

# A person who pressed "save" while the database restarts gets a clear page
# that shows their text back, instead of a generic error. Django turns an
# exception into a 500 response at whichever middleware layer it happens, so
# this middleware sits near the top of MIDDLEWARE and catches it in two ways:
# process_exception for errors in a view, and a got_request_exception receiver
# that marks the request when the error happened anywhere else (another
# middleware reading the session, saving it afterwards, ...).

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_UNAVAILABLE = "_haven_database_unavailable"
# Never shown back: secrets, and fields no person typed.
# ("code": one-time and recovery codes of the second factor, invitation codes.)
_NOT_ECHOED = ("password", "csrfmiddlewaretoken", "token", "secret", "otp", "code")

logger = logging.getLogger("haven.database")


def is_database_unavailable(exc: BaseException | None) -> bool:
    """The database could not be reached or dropped the connection (or is locked)."""
    depth = 0
    while exc is not None and depth < 5:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        exc, depth = exc.__cause__, depth + 1
    return False


@receiver(got_request_exception, dispatch_uid="haven.core.middleware.database_unavailable")
def _mark_database_failure(sender, request: HttpRequest | None = None, **kwargs) -> None:
    # Sent from inside Django's exception handling, so sys.exc_info() is the error.
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        setattr(request, _UNAVAILABLE, True)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a clear page, and the submitted text, when the database is away.

    Transactions roll back when the connection breaks, so nothing is half
    saved; Django drops the broken connection at the end of the request and
    the next request opens a new one, so Haven recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _UNAVAILABLE, False):
            return database_unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_database_unavailable(exception):
            return None
        # The path and the error's type only: never what was sent.
        logger.warning(
            "Database unavailable (%s) during %s %s: answered 503",
            type(exception).__name__,
            request.method,
            request.path,
        )
        return database_unavailable_response(request)


def _typed_fields(request: HttpRequest) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(text fields to show, other fields to send again hidden) of a POST."""
    shown, hidden = [], []
    try:
        items = [(name, value) for name, values in request.POST.lists() for value in values]
    except Exception:  # a broken upload must not hide the 503 page
        return [], []
    for name, value in items:
        if any(word in name.lower() for word in _NOT_ECHOED):
            continue
        stripped = value.strip()
        if len(stripped) > 3 and not stripped.isdigit():
            shown.append((name, value))
        else:
            hidden.append((name, value))
    return shown, hidden


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    if _url_name_or_none(request) == "quick_exit":
        from haven.core import leaving

        # Leaving must work even now. The session cannot be ended in the
        # database, but the browser drops its cookies and cache at once.
        return leaving.exit_response(request)
    shown, hidden = _typed_fields(request) if request.method == "POST" else ([], [])
    context = {
        "shown": shown,
        "hidden": hidden,
        "action": request.get_full_path(),
        "csrf_token": get_token(request) if shown else "",
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
    # No request here: context processors would ask the database for the user.
    # The language comes from the request as far as it got (never the profile
    # when the database failed before ProfileLanguageMiddleware).
    html = render_error(request, "core/db_unavailable.html", context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    # The security middleware below this one may not see this response.
    response["Content-Security-Policy"] = build_policy()
    response["X-Frame-Options"] = "DENY"
    return response


def _url_name_or_none(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None

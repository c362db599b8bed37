"""What Haven reveals when something breaks: never what someone wrote.

Two halves. The error pages (400, 403, 404, 500 here; 405 through
haven.core.middleware) are rendered in the person's language with Haven's
layout and the quick exit, from a context that holds nothing about the
request: no address, no object, no exception text, nothing read from the
database. A missing item and someone else's item get the same page.

The error reports: Django's logs and mails to ADMINS normally include the
submitted form fields and every local variable of the failing code, which for
Haven means people's words. The reporter filter hides all of them; the logging
filter also cuts exception messages, which can quote values (a database error
may print the row it refused).
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.views.debug import SafeExceptionReporterFilter

HIDDEN = "[hidden: may contain what someone wrote]"


class ContentFreeReporterFilter(SafeExceptionReporterFilter):
    def is_active(self, request: Any) -> bool:
        return True

    def get_post_parameters(self, request: Any) -> dict:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> list:
        return [(name, HIDDEN) for name in tb_frame.f_locals]

    def get_safe_request_meta(self, request: Any) -> dict:
        meta = super().get_safe_request_meta(request)
        # The query string can carry typed text (a GET form); cookies carry the
        # session.
        for key in ("QUERY_STRING", "HTTP_COOKIE"):
            if key in meta:
                meta[key] = HIDDEN
        return meta


class ContentFreeLogFilter(logging.Filter):
    """Keep the exception type and where it happened; drop its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc_type, _exc, tb = record.exc_info
            try:
                stripped = exc_type.__new__(exc_type)
                stripped.args = (HIDDEN,)
            except Exception:
                stripped = RuntimeError(f"{exc_type.__name__}: {HIDDEN}")
            record.exc_info = (type(stripped), stripped, tb)
            record.exc_text = None
        # Request objects attached to the record are rendered by AdminEmailHandler
        # through the reporter filter above; nothing else from them is logged.
        return True


# --- The pages a person sees ---------------------------------------------------


def error_language(request: HttpRequest | None) -> str:
    """The person's language, without asking the database.

    By the time a view fails, LocaleMiddleware (browser, language cookie) and
    ProfileLanguageMiddleware (the profile) have set request.LANGUAGE_CODE.
    An error in an earlier middleware falls back to the cookie and browser.
    """
    try:
        code = getattr(request, "LANGUAGE_CODE", None)
        if not code and request is not None:
            code = translation.get_language_from_request(request)
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except Exception:  # an odd header must not turn an error page into another error
        return settings.LANGUAGE_CODE


def render_error(request: HttpRequest | None, template: str, context: dict | None = None) -> str:
    """An error page (templates/<status>.html and friends) in the person's language.

    Rendered without the request on purpose: context processors would read
    the user from the database, and the page must not depend on who asks or
    what they asked for.
    """
    with translation.override(error_language(request)):
        return render_to_string(template, context or {})


def _page(request: HttpRequest, status: int) -> HttpResponse:
    return HttpResponse(render_error(request, f"{status}.html"), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Never raises: if even the template fails, a plain page with the quick exit."""
    try:
        html = render_error(request, "500.html")
    except Exception:
        html = _plain_server_error(request)
    return HttpResponse(html, status=500)


_PLAIN_PAGE = (
    '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title></head><body>"
    '<form method="post" action="{exit}" id="quick-exit">'
    '<button type="submit">{quick_exit}</button></form>'
    "<main><h1>{title}</h1><p>{text}</p>"
    '<p><a href="/">{home}</a></p></main></body></html>'
)


# In English, translated when the page is built (the same texts as 500.html).
_PLAIN_TEXTS = {
    "title": gettext_noop("Something went wrong on our side"),
    "text": gettext_noop(
        "Haven ran into an error and could not finish this. It is not something you did."
    ),
    "quick_exit": gettext_noop("Quick exit"),
    "home": gettext_noop("Go to the start page"),
}


def _plain_server_error(request: HttpRequest) -> str:
    language = error_language(request)
    try:
        exit_url = reverse("quick_exit")
    except Exception:
        exit_url = "/exit/"
    try:
        with translation.override(language):
            texts = {key: gettext(text) for key, text in _PLAIN_TEXTS.items()}
    except Exception:
        language, texts = "en", dict(_PLAIN_TEXTS)
    values = {key: escape(value) for key, value in texts.items()}
    return _PLAIN_PAGE.format(lang=escape(language), exit=escape(exit_url), **values)

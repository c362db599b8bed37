"""What Haven reveals when something breaks: never what someone wrote.

Django's error reports (logs, and mails to ADMINS) normally include the
submitted form fields and every local variable of the failing code, which for
Haven means people's words. This filter hides all of them; the logging filter
below also cuts exception messages, which can quote values (a database error
may print the row it refused).
"""

from __future__ import annotations

import logging
from typing import Any

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

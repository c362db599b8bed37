"""WSGI entry point used by `haven serve` (gunicorn) and any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haven.settings")

application = get_wsgi_application()

from haven.core.runtime import prepare_process  # noqa: E402 (needs Django set up)

prepare_process()

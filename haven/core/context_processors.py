from django.conf import settings

from haven.accounts.models import display_name


def haven(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "me_name": display_name(user) if user is not None and user.is_authenticated else "",
    }

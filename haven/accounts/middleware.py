import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation
from django.utils.functional import empty

from haven.accounts import devices
from haven.accounts.models import Profile


def load_profile(user) -> str | None:
    """Read the person's profile once per request; answer its language.

    The profile is kept as `user.profile` (so the name in the header does not
    read it again), and whether the person agreed to the current consent text
    is read in the same query and kept as `user._haven_consented` for
    haven.core.guards.ConsentMiddleware.
    """
    from django.db.models import Exists, OuterRef

    from haven.accounts.consent import current_version
    from haven.accounts.models import Consent

    consented = Consent.objects.filter(user_id=OuterRef("user_id"), version=current_version())
    profile = (
        Profile.objects.filter(user_id=user.pk).annotate(haven_consented=Exists(consented)).first()
    )
    Profile._meta.get_field("user").remote_field.set_cached_value(user, profile)
    if profile is None:
        return None
    user._haven_consented = profile.haven_consented
    return profile.language


class ProfileLanguageMiddleware:
    """A logged-in person sees Haven in the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # The user is read by now: hand the views the object itself rather
            # than Django's lazy wrapper, whose every attribute read costs a
            # function call (pages read `user.pk` hundreds of times).
            wrapped = getattr(user, "_wrapped", None)
            if wrapped is not None and wrapped is not empty:
                request.user = user = wrapped
            language = load_profile(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


LOGIN_AT = "haven_login_at"
SEEN_AT = "haven_seen_at"
# Write the last-seen time at most this often (seconds), not on every request.
SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """Idle and absolute session lifetimes (docs/security.md).

    A session ends after HAVEN_SESSION_IDLE seconds without a request and,
    however active, HAVEN_SESSION_MAX_AGE seconds after logging in. The person
    then logs in again; anything they were sending is kept (haven.core.rescue).
    Also hands out the trusted-device cookie after a login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.get(LOGIN_AT)
            seen_at = session.get(SEEN_AT, login_at)
            if login_at is None:
                session[LOGIN_AT] = session[SEEN_AT] = now
            elif (
                now - int(login_at) > settings.SESSION_MAX_AGE
                or now - int(seen_at or login_at) > settings.SESSION_IDLE
            ):
                logout(request)
            elif now - int(seen_at or 0) >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
        response = self.get_response(request)
        devices.set_cookie(request, response)
        return response

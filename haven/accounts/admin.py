"""The Django admin shows accounts, never what people wrote or where they are.

No content model is registered anywhere (tests/security/test_privacy_at_rest.py).
allauth registers its session list (IP addresses, devices) and second-factor
records; an administrator who is someone's partner must not see those, so they
are taken out again here.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

for label in ("usersessions.UserSession", "mfa.Authenticator"):
    try:
        model = apps.get_model(label)
    except LookupError:  # pragma: no cover - both apps are installed
        continue
    if admin.site.is_registered(model):
        admin.site.unregister(model)


# Staff see no activity signals: the account admin leaves out when someone last
# logged in (a partner on the staff could read it as "she was on Haven at 2 am").
User = apps.get_model("auth", "User")
if admin.site.is_registered(User):
    from django.contrib.auth.admin import UserAdmin

    class HavenUserAdmin(UserAdmin):
        fieldsets = tuple(
            (title, {**options, "fields": tuple(f for f in options["fields"] if f != "last_login")})
            for title, options in UserAdmin.fieldsets
        )

    admin.site.unregister(User)
    admin.site.register(User, HavenUserAdmin)

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest

from haven.accounts import devices


class HavenAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "HAVEN_OPEN_SIGNUP", True)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # The account alone, not allauth's "host:account": one Haven is one
        # site, and a key with the host would give a guesser a fresh count
        # for every name the server answers to (its address, localhost, a
        # second domain) and for every port behind a balancer.
        email = credentials.get("email", credentials.get("username", ""))
        key = f"login:{email.lower()}"
        device_id = devices.trusted_device_id(request, email)
        return f"{key}:device:{device_id}" if device_id else key

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Throttle failed logins without letting anyone lock the owner out.

        A browser the owner logged in from before counts its failures in its
        own bucket and skips the per-IP limit (a partner on the same home
        network shares the IP). Every other browser shares the account's
        bucket and the per-IP limit, as allauth does by default.
        """
        key = self._get_login_attempts_cache_key(request, **credentials)
        trusted = ":device:" in key
        self._login_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=key,
            config=devices.TRUSTED_RATES if trusted else None,
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class HavenAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "HAVEN_OPEN_SIGNUP", True)

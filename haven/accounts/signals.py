import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from haven.accounts import devices
from haven.accounts.middleware import LOGIN_AT, SEEN_AT
from haven.accounts.models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created: bool, **kwargs) -> None:
    if created:
        Profile.objects.get_or_create(
            user=instance, defaults={"display_name": instance.get_username().split("@")[0][:60]}
        )


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    """Start the session clocks and trust this browser for this person."""
    if request is None:
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    devices.remember(request, user)

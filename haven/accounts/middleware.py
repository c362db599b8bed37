from django.utils import translation

from haven.accounts.models import Profile


class ProfileLanguageMiddleware:
    """A logged-in person sees Haven in the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = (
                Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
            )
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

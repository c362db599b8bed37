from django.utils.cache import add_never_cache_headers, patch_cache_control


class PrivateContentMiddleware:
    """Pages are never stored by the browser or a proxy.

    Every page Haven renders may carry something private, and a person may
    share a device with the partner they need to keep it from, so Back after
    leaving must not show a cached page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response

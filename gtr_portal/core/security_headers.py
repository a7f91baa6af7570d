"""Headers that tell the browser what a portal page may never do."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Turns off the browser features no page of the portal uses (camera, geolocation...), so
    that injected content could not use them either. The Content-Security-Policy comes from
    django-csp (settings.CONTENT_SECURITY_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED_FEATURES
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response

from ninja.security import APIKeyCookie, HttpBearer

from accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pst_…` for scripts and other systems."""

    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's logged-in session (with CSRF on unsafe methods)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


def optional_user(request):
    """Anonymous callers are allowed on public endpoints; a token or session identifies staff."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        found = api_token_user(header[7:].strip())
        if found is not None:
            request.user = found
            return found
    return None


AUTH = [TokenAuth(), SessionAuth()]

"""The sign-in lockout backend: django-axes, first in AUTHENTICATION_BACKENDS."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a sign-in while its NIP or its IP address is locked out.

    It never signs anyone in itself: ``ModelBackend`` (next in the list) checks
    the password. axes raises ``AxesBackendRequestParameterRequired`` when
    ``authenticate`` gets no request; this subclass lets such calls through to
    ``ModelBackend`` instead.

    Why that is safe: every sign-in over the web goes through ``SignInView``,
    whose form always passes the request, so a browser can never reach the
    no-request path. Only code calls ``authenticate`` without a request (the
    test client's ``client.login``, management commands), and code can sign
    anyone in anyway. Keeping axes on in the test settings this way means the
    tests exercise the real lockout (smart/accounts/tests/test_lockout.py).
    A new sign-in path (an API token view, say) must pass its request to
    ``authenticate``, or it would not be throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

"""``/api/v1/``: the operations check their caller themselves (session or key),
so they are exempt from the login redirect and the second-factor redirect of
the pages; the docs and the OpenAPI document check theirs too (a signed-in
person or an API key: ``auth.people_or_keys``), the root stays behind the sign-in."""

from django.contrib.auth.decorators import login_not_required

from smart.api.api import api

patterns, _app, _namespace = api.urls
app_name = "api"
for pattern in patterns:
    if pattern.name != "api-root":
        login_not_required(pattern.callback)

urlpatterns = patterns

"""A real OpenID Connect provider for the sign-in journey: django-oauth-toolkit with OIDC on,
run by `serve.py` as a separate process with its own settings, SQLite file and port, the way a
university's identity provider stands apart from Puentes."""

"""Protections shared by every app: the client address, the rate limiter,
login throttling (django-axes), Content-Security-Policy, idle sessions, safe
spreadsheet exports, and input that is refused before it reaches a query."""

"""Spam protection for editor-built forms that never stops a real person.

Two cheap checks: a honeypot field people never see (bots fill in every
field), and the "forms" budget of the one rate limiter
(portal/security/ratelimit.py) on *stored* submissions, checked in
`FormPage.serve`. A person who hits the limit gets a clear message and keeps
everything typed.
"""

from django.http import HttpRequest

HONEYPOT_FIELD = "website"


def honeypot_filled(request: HttpRequest) -> bool:
    """True when the hidden field a person never sees has been filled in."""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())

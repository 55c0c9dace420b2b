"""What a browser has proved it may see, kept in its session for a while.

After a citizen posts a record's code with its verification code (a dossier
on the tracking page, a booking on the booking page), the session remembers
that code, so later pages need only the record's code in their URLs: a
verification code in a URL ends up in server logs, browser history and
Referer headers. A grant lapses after `lifetime`, so a shared computer does
not keep showing somebody's record, and a session keeps only the latest
`keep` codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone


@dataclass(frozen=True)
class SessionGrants:
    """Codes this browser may see, stored under `session_key`."""

    session_key: str
    lifetime: timedelta
    keep: int

    def _entries(self, request: HttpRequest) -> dict[str, str]:
        entries = request.session.get(self.session_key)
        return entries if isinstance(entries, dict) else {}

    def _fresh(self, when: str, now: datetime) -> bool:
        try:
            return now - datetime.fromisoformat(when) < self.lifetime
        except (TypeError, ValueError):
            return False

    def grant(self, request: HttpRequest, code: str) -> None:
        """This browser may see `code` from now on, for `lifetime`."""
        now = timezone.now()
        entries = {
            other: when
            for other, when in self._entries(request).items()
            if other != code and self._fresh(when, now)
        }
        entries[code] = now.isoformat()
        request.session[self.session_key] = dict(list(entries.items())[-self.keep :])

    def holds(self, request: HttpRequest, code: str) -> bool:
        """Was `code` granted to this browser within `lifetime`?"""
        when = self._entries(request).get(code) if code else None
        return when is not None and self._fresh(when, timezone.now())

"""Who may work the counters in the admin: check visitors in, mark no-shows,
call numbers.

The back office's roles decide the reach (`portal.backoffice.permissions`):
centre staff and superusers work every counter; an official works the
counters that serve their agency. The `appointments.operate_counters`
permission (given to both groups by a migration) decides whether a group may
do this at all.
"""

from __future__ import annotations

from django.db.models import QuerySet

from portal.backoffice.permissions import Role, agency_id_of, role_of

from .models import Booking, Counter

PERMISSION = "appointments.operate_counters"


def can_operate(user) -> bool:
    """May `user` use the counter screens at all?"""
    role = role_of(user)
    if role is Role.SUPERUSER:
        return True
    return role in (Role.CENTRE, Role.OFFICIAL) and user.has_perm(PERMISSION)


def operable_counters(user) -> QuerySet[Counter]:
    """The open counters `user` works."""
    counters = Counter.objects.filter(active=True).select_related("group")
    if not can_operate(user):
        return counters.none()
    if role_of(user) is Role.OFFICIAL:
        return counters.filter(agencies=agency_id_of(user)).distinct()
    return counters


def may_handle(user, booking: Booking) -> bool:
    """May `user` check this booking in or mark it as a no-show?"""
    return operable_counters(user).filter(pk=booking.counter_id).exists()

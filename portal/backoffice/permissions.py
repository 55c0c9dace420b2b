"""Who may see and act on which dossiers.

Three roles (plus superusers, who may do everything):

- **official** (`backoffice.handle_agency_dossiers`, given by the "Dossier
  officials" group) with an `OfficialProfile.agency`: sees and processes only
  that agency's dossiers;
- **centre staff** (`backoffice.handle_all_dossiers`, the "Centre staff"
  group): the one-stop desk; sees every agency's dossiers, receives and returns
  them, routes them to the right agency, asks for supplements, but does not
  decide them;
- anyone else (e.g. editors) has no access to dossiers at all.

Every admin view and every workflow action asks these functions; nothing else
decides access.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from portal.dossiers.models import Dossier


class Role(StrEnum):
    """What a user is to the back office."""

    SUPERUSER = "superuser"
    CENTRE = "centre"
    OFFICIAL = "official"
    NONE = "none"


def role_of(user) -> Role:
    """The user's back-office role (cached on the user object for the request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.NONE
    cached = getattr(user, "_backoffice_role", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        role = Role.SUPERUSER
    elif user.has_perm("backoffice.handle_all_dossiers"):
        role = Role.CENTRE
    elif user.has_perm("backoffice.handle_agency_dossiers") and agency_id_of(user):
        role = Role.OFFICIAL
    else:
        role = Role.NONE
    user._backoffice_role = role
    return role


def agency_id_of(user) -> int | None:
    """The agency an official works for (None without a profile)."""
    if not hasattr(user, "_backoffice_agency_id"):
        from .models import OfficialProfile

        user._backoffice_agency_id = (
            OfficialProfile.objects.filter(user_id=user.pk)
            .values_list("agency_id", flat=True)
            .first()
        )
    return user._backoffice_agency_id


def can_access_backoffice(user) -> bool:
    return role_of(user) is not Role.NONE


def visible_dossiers(user, queryset: QuerySet | None = None) -> QuerySet:
    """The dossiers `user` may see."""
    queryset = Dossier.objects.all() if queryset is None else queryset
    role = role_of(user)
    if role in (Role.SUPERUSER, Role.CENTRE):
        return queryset
    if role is Role.OFFICIAL:
        return queryset.filter(agency_id=agency_id_of(user))
    return queryset.none()


def can_view(user, dossier: Dossier) -> bool:
    """May `user` open this dossier and download its documents?"""
    role = role_of(user)
    if role in (Role.SUPERUSER, Role.CENTRE):
        return True
    return role is Role.OFFICIAL and dossier.agency_id == agency_id_of(user)


def acting_role(user, dossier: Dossier) -> Role:
    """The role in which `user` acts on this dossier (NONE when they may not)."""
    role = role_of(user)
    if role is Role.OFFICIAL and dossier.agency_id != agency_id_of(user):
        return Role.NONE
    return role


class DossierPermissionPolicy(BasePermissionPolicy):
    """Wagtail permission policy for the dossier listing: viewing only.

    Dossiers are never added, edited or deleted through generic admin forms;
    every change goes through workflow actions.
    """

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and can_access_backoffice(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in ("view", "inspect") and can_view(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not {"view", "inspect"} & set(actions):
            return Dossier.objects.none()
        return visible_dossiers(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        if not {"view", "inspect"} & set(actions):
            return get_user_model().objects.none()
        perms = Q(
            groups__permissions__codename__in=[
                "handle_agency_dossiers",
                "handle_all_dossiers",
            ]
        ) | Q(
            user_permissions__codename__in=[
                "handle_agency_dossiers",
                "handle_all_dossiers",
            ]
        )
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(perms | Q(is_superuser=True))
            .distinct()
        )

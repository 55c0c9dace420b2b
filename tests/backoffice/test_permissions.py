"""Who may do what: each role × own/other agency × every workflow action."""

import pytest

from portal.backoffice.permissions import Role, can_view, role_of, visible_dossiers
from portal.backoffice.workflow import ACTIONS, allowed_actions, may_perform
from portal.dossiers.models import Dossier

pytestmark = pytest.mark.django_db

ROLES = ["superuser", "centre", "official", "other_official", "editor"]

# Which roles may take each action on a dossier of the official's own agency.
# "other_official" works for the other agency and must never act.
MAY_ACT = {
    "start": {"superuser", "official"},
    "request_supplement": {"superuser", "centre", "official"},
    "record_supplement": {"superuser", "centre", "official"},
    "approve": {"superuser", "official"},
    "refuse": {"superuser", "official"},
    "return_result": {"superuser", "centre", "official"},
    "transfer": {"superuser", "centre", "official"},
    "withdraw": {"superuser", "centre", "official"},
    "apologise": {"superuser", "official"},
}
MAY_VIEW = {"superuser", "centre", "official"}


def test_matrix_covers_every_action():
    assert set(MAY_ACT) == set(ACTIONS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action_name", sorted(ACTIONS))
def test_action_matrix(role, action_name, users, make_dossier):
    dossier = make_dossier()
    assert may_perform(users[role], dossier, ACTIONS[action_name]) is (
        role in MAY_ACT[action_name]
    )


@pytest.mark.parametrize("role", ROLES)
def test_view_matrix(role, users, make_dossier, agencies):
    own = make_dossier()
    other = make_dossier(agency=agencies[1])
    user = users[role]
    expected_own = role in MAY_VIEW
    expected_other = role in {"superuser", "centre", "other_official"}
    assert can_view(user, own) is expected_own
    assert can_view(user, other) is expected_other
    visible = set(visible_dossiers(user).values_list("pk", flat=True))
    assert visible == {
        pk for pk, ok in ((own.pk, expected_own), (other.pk, expected_other)) if ok
    }


def test_roles(users):
    assert [role_of(users[name]) for name in ROLES] == [
        Role.SUPERUSER,
        Role.CENTRE,
        Role.OFFICIAL,
        Role.OFFICIAL,
        Role.NONE,
    ]


def test_official_without_agency_has_no_access(users, make_dossier):
    from tests.factories.backoffice import UserFactory

    user = UserFactory(groups=["Cán bộ xử lý hồ sơ"])
    assert role_of(user) is Role.NONE
    assert not visible_dossiers(user).exists()


def test_inactive_user_has_no_access(users, make_dossier):
    user = users["centre"]
    user.is_active = False
    assert role_of(user) is Role.NONE
    assert not visible_dossiers(user).exists()


def test_other_agency_official_gets_no_actions(users, make_dossier):
    dossier = make_dossier()
    assert allowed_actions(users["other_official"], dossier) == []
    assert Dossier.objects.count() == 1

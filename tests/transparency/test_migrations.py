"""Ratings and page feedback moved from the back-office app to this one: a
database migrated with the old layout keeps its rows and its permission grants."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.dossiers.models import DossierStatus as S
from portal.transparency.models import DossierRating, PageFeedback

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

OLD_LAYOUT = [("backoffice", "0003_feedback_permissions"), ("transparency", None)]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def test_old_layout_rows_and_grants_survive_the_move(make_dossier, users):
    # PostgreSQL runs DDL inside the test's transaction, so the round trip
    # through the old layout is rolled back with the test.
    assert connection.vendor == "postgresql"
    dossier = make_dossier(status=S.RESULT_RETURNED)
    staff = Group.objects.get(name="Bộ phận một cửa")
    staff.permissions.add(
        ContentType.objects.get_for_model(DossierRating).permission_set.get(
            codename="view_dossierrating"
        )
    )
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()

    migrate(OLD_LAYOUT)
    old = (
        MigrationExecutor(connection)
        .loader.project_state([("backoffice", "0003_feedback_permissions")])
        .apps
    )
    ContentType.objects.clear_cache()
    OldRating = old.get_model("backoffice", "DossierRating")
    OldFeedback = old.get_model("backoffice", "PageFeedback")
    OldRating.objects.create(
        dossier_id=dossier.pk, overall=4, clarity=5, punctuality=3, attitude=4
    )
    OldFeedback.objects.create(page_id=1, helpful=False, comment="Thiếu mẫu đơn")
    assert (
        old.get_model("contenttypes", "ContentType")
        .objects.filter(
            app_label="backoffice", model__in=["dossierrating", "pagefeedback"]
        )
        .count()
        == 2
    )
    # Foreign keys are checked at commit; check now, before the tables move.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    migrate(leaves)
    ContentType.objects.clear_cache()
    rating = DossierRating.objects.get(dossier=dossier)
    assert (rating.overall, rating.clarity, rating.punctuality) == (4, 5, 3)
    assert PageFeedback.objects.get().comment == "Thiếu mẫu đơn"
    assert not ContentType.objects.filter(app_label="backoffice", model="dossierrating")
    assert staff.permissions.filter(
        content_type__app_label="transparency", codename="view_dossierrating"
    ).exists()
    assert users["centre"].has_perm("transparency.view_dossierrating")

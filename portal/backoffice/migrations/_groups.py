"""Shared by migration 0002 and the tests: create the back-office groups."""

GROUPS = {
    "Cán bộ xử lý hồ sơ": "handle_agency_dossiers",
    "Bộ phận một cửa": "handle_all_dossiers",
}


def create_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    profile_type, _ = ContentType.objects.get_or_create(
        app_label="backoffice", model="officialprofile"
    )
    admin_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    names = {
        "handle_agency_dossiers": "Can handle their own agency's dossiers",
        "handle_all_dossiers": "Can receive and return dossiers of all agencies",
    }
    for group_name, codename in GROUPS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=profile_type,
            codename=codename,
            defaults={"name": names[codename]},
        )
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(permission, access_admin)

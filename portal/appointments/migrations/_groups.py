"""Shared by migration 0002 and the tests: the counter screens for both
back-office groups; counters, counter groups and booking settings for centre
staff."""

# The groups of portal.backoffice's migration 0002.
CENTRE_STAFF = "Bộ phận một cửa"
OFFICIALS = "Cán bộ xử lý hồ sơ"

OPERATE = ("counter", "operate_counters", "Can check visitors in and call numbers")
KEEP = [
    (model, f"{action}_{model}", f"Can {action} {model}")
    for model in ("counter", "countergroup")
    for action in ("add", "change", "delete", "view")
] + [("appointmentsettings", "change_appointmentsettings", "Can change appointments")]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    def permission(model, codename, name):
        content_type, _ = ContentType.objects.get_or_create(
            app_label="appointments", model=model
        )
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]

    operate = permission(*OPERATE)
    keep = [permission(*item) for item in KEEP]
    centre, _ = Group.objects.get_or_create(name=CENTRE_STAFF)
    officials, _ = Group.objects.get_or_create(name=OFFICIALS)
    centre.permissions.add(operate, *keep)
    officials.permissions.add(operate)

"""Editorial roles (Biên tập viên, Người duyệt) and the second-person review
workflow on the root page; see portal/editorial/roles.py."""

from django.db import migrations

from portal.editorial.roles import set_up_roles


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("backoffice", "0003_feedback_permissions"),
        ("cms_pages", "0003_long_text_fields"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]

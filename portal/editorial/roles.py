"""Editorial roles and the review workflow.

Two groups share the writing; only the second can approve, and never their
own change (see `models.SecondPersonApprovalTask`):

- **Biên tập viên** (editor): writes and changes pages, snippets, images and
  documents, drafts e-forms, submits pages for review, translates;
- **Người duyệt** (reviewer): the same, approves or sends back what someone
  else submitted, and publishes e-forms (an e-form is a snippet: it has no
  workflow, so publishing it is the reviewer's part).

Neither group may publish pages directly: every page change goes live through
the workflow "Duyệt bởi người thứ hai", set on the root page, so it covers
the catalogue, the investment section and every other page in both
languages. Superusers (the site's administrators) keep Wagtail's direct
publishing for emergencies.

`set_up_roles()` runs in migration editorial.0002 with historical models and
is idempotent; it turns Wagtail's English "Editors" and "Moderators" groups
(created by Wagtail's own migrations) into these two, members and
permissions kept.
"""

from django.apps import apps as global_apps

EDITORS = "Biên tập viên"
REVIEWERS = "Người duyệt"
WORKFLOW_NAME = "Duyệt bởi người thứ hai"
TASK_NAME = "Người duyệt phê duyệt"
# Wagtail's default groups and workflow, renamed rather than left empty.
WAGTAIL_GROUPS = {EDITORS: "Editors", REVIEWERS: "Moderators"}
WAGTAIL_WORKFLOW = "Moderators approval"

# (app_label, model, codename) given to both groups.
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    *[
        ("cms_pages", model, f"{action}_{model}")
        for model in ("sector", "agency", "alertbanner", "navigationmenu")
        for action in ("add", "change", "delete", "view")
    ],
    *[
        ("wagtailsearchpromotions", "query", f"{action}_query")
        for action in ("add", "change", "delete")
    ],
    *[
        ("eforms", "eform", f"{action}_eform")
        for action in ("add", "change", "delete", "view")
    ],
]
# Given to the reviewers only.
REVIEWER_PERMISSIONS = [("eforms", "eform", "publish_eform")]
# Page permissions on the root page, hence on every page of both languages.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "lock_page", "unlock_page"],
}
# Image and document permissions on the root collection.
COLLECTION_PERMISSIONS = [
    (app, model, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose")
]


def _permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def _group(apps, name: str):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=name).first()
    if group is None:
        group = Group.objects.filter(name=WAGTAIL_GROUPS[name]).first()
        if group is not None:
            group.name = name
            group.save(update_fields=["name"])
        else:
            group = Group.objects.create(name=name)
    return group


def _grant(apps, groups: dict) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    model_permissions = [_permission(apps, *spec) for spec in MODEL_PERMISSIONS]
    for name, group in groups.items():
        group.permissions.add(*model_permissions)
        if name == REVIEWERS:
            group.permissions.add(
                *[_permission(apps, *spec) for spec in REVIEWER_PERMISSIONS]
            )
        if root_page is not None:
            # Direct publishing would skip the second person.
            GroupPagePermission.objects.filter(
                group=group, permission__codename="publish_page"
            ).delete()
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for spec in COLLECTION_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, *spec),
                )


def _workflow(apps, reviewers) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("editorial", "SecondPersonApprovalTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="secondpersonapprovaltask"
    )
    task, _ = Task.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": content_type, "active": True}
    )
    task.groups.add(reviewers)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.filter(name=WAGTAIL_WORKFLOW).first() or Workflow()
        workflow.name = WORKFLOW_NAME
        workflow.active = True
        workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    GroupApprovalTask.objects.filter(name=WAGTAIL_WORKFLOW).update(active=False)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        WorkflowPage.objects.update_or_create(
            page=root_page, defaults={"workflow": workflow}
        )


def set_up_roles(apps=global_apps, schema_editor=None) -> None:
    """Create (or bring up to date) the two groups, their permissions and the
    review workflow on the root page. Idempotent."""
    groups = {name: _group(apps, name) for name in (EDITORS, REVIEWERS)}
    _grant(apps, groups)
    _workflow(apps, groups[REVIEWERS])

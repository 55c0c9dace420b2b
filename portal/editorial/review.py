"""The second-person review: who wrote a change, and how an approved change
goes live."""


def change_authors(obj, workflow_state) -> set[int]:
    """Ids of the users who wrote the change under review: whoever submitted
    it and the author of every revision saved since the object was last
    published."""
    revisions = obj.revisions
    live_revision = getattr(obj, "live_revision", None)
    if live_revision is not None:
        revisions = revisions.filter(created_at__gt=live_revision.created_at)
    authors = set(revisions.exclude(user=None).values_list("user_id", flat=True))
    if workflow_state is not None and workflow_state.requested_by_id:
        authors.add(workflow_state.requested_by_id)
    return authors


def publish_approved_change(workflow_state, user=None) -> None:
    """Publish what the workflow approved (`WAGTAIL_FINISH_WORKFLOW_ACTION`).

    Wagtail's default publishes as the approver and so requires the approver
    to hold the publish permission, which would let reviewers publish their
    own changes directly, without a second person. Here the approval itself
    is the permission.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
